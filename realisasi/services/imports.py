"""The quarterly report import: receive an upload, parse it, check it, store it as a new version.

All-or-nothing: any error → the upload is recorded REJECTED (with its errors and the original
bytes) and nothing else changes. Accepted → one new QuarterlyReport version (the current one),
its lines in one bulk insert, the upload ACCEPTED — in one transaction, with a constant number
of queries per report. The same bytes again for the region → DUPLICATE, nothing new.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role, can_write_region, is_ditjen
from allocations.models import Allocation, PlannedActivity, Region
from dakmonev.errors import Conflict, NotPermitted
from dakmonev.spreadsheet.issues import CellIssue

from ..choices import COUNTED_STATUSES, ReportStatus, UploadStatus
from ..importers.columns import HEADER_LABEL
from ..importers.report import ParsedReport, ParseResult, parse_report
from ..models import QuarterlyReport, ReportLine, ReportUpload
from .report_checks import CheckContext, PreviousLine, check_lines, check_region_name
from .reports import report_submit


@dataclass
class ImportOutcome:
    upload: ReportUpload

    @property
    def ok(self) -> bool:
        return self.upload.status in (
            UploadStatus.ACCEPTED,
            UploadStatus.DUPLICATE,
            UploadStatus.PREVIEWED,
        )

    @property
    def duplicate(self) -> bool:
        return self.upload.status == UploadStatus.DUPLICATE

    @property
    def report(self) -> QuarterlyReport | None:
        return self.upload.report

    def as_json(self) -> dict:
        report = (
            self.upload.report
            if self.upload.status == UploadStatus.ACCEPTED or self.duplicate
            else None
        )
        return {
            "ok": self.ok,
            "report_id": report.pk if report else None,
            "version": report.version if report else None,
            "duplicate": self.duplicate,
            "errors": [public_issue(e) for e in self.upload.errors],
            "warnings": [public_issue(w) for w in self.upload.warnings],
        }


def public_issue(stored: dict) -> dict:
    return {k: stored.get(k) for k in ("row", "column", "value", "message")}


def _stored(issue: CellIssue) -> dict:
    return {**issue.as_dict(), "col_index": issue.col_index}


def may_upload_reports(actor: User) -> bool:
    """Ditjen, or a dinas/api account bound to a region, may upload quarterly reports."""
    return is_ditjen(actor) or (
        actor.role in (Role.DINAS, Role.API) and actor.region_id is not None
    )


# -- receive ----------------------------------------------------------------------------------
def _new_upload(
    *, actor: User, name: str, data: bytes, dry_run: bool, submit: bool
) -> ReportUpload:
    """An unsaved upload whose original bytes are already in storage under a generated name."""
    if not may_upload_reports(actor):
        raise NotPermitted("Hanya dinas daerah atau Ditjen IKMA yang dapat mengunggah laporan.")
    upload = ReportUpload(
        region_id=actor.region_id,
        uploaded_by=actor,
        original_name=(name or "laporan.xlsx")[:255],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        dry_run=dry_run,
        submit=submit,
    )
    upload.original.save("laporan.xlsx", ContentFile(data), save=False)
    return upload


@transaction.atomic
def report_upload_receive(
    *,
    actor: User,
    name: str,
    data: bytes,
    dry_run: bool = False,
    submit: bool = False,
    queue: bool = True,
) -> ReportUpload:
    """Keep the original bytes (generated file name, SHA-256) and queue processing after commit."""
    upload = _new_upload(actor=actor, name=name, data=data, dry_run=dry_run, submit=submit)
    upload.save()
    if queue:
        _queue(upload.pk)
    return upload


def _queue(upload_id: int) -> None:
    from ..tasks.imports import process_report_upload_task

    transaction.on_commit(lambda: process_report_upload_task.delay(upload_id))


@transaction.atomic
def report_upload_confirm(
    *, actor: User, upload: ReportUpload, submit: bool = False
) -> ReportUpload:
    """Store a previewed upload for real: it is checked again (the RK may have changed meanwhile)."""
    upload = ReportUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.uploaded_by_id != actor.pk:
        raise NotPermitted("Hanya pengunggah berkas ini yang dapat menyimpannya.")
    if upload.status != UploadStatus.PREVIEWED:
        raise Conflict("Berkas ini tidak sedang menunggu konfirmasi.")
    upload.status, upload.dry_run, upload.submit, upload.progress = (
        UploadStatus.RECEIVED,
        False,
        submit,
        0,
    )
    upload.finished_at = None
    upload.save(update_fields=["status", "dry_run", "submit", "progress", "finished_at"])
    _queue(upload.pk)
    return upload


def report_import(
    *, actor: User, name: str, data: bytes, dry_run: bool = False, submit: bool = False
) -> ImportOutcome:
    """Receive, check and store at once (management command, benchmark): the same checks and
    store as the page's task, in one transaction whose upload row is written with its outcome —
    nobody polls progress here, so nothing is committed early."""
    upload = _new_upload(actor=actor, name=name, data=data, dry_run=dry_run, submit=submit)
    result = _parse(upload, data)  # before the transaction: no lock is held while parsing
    try:
        with transaction.atomic():
            _check_and_store(upload, result)
    except BaseException:
        upload.original.delete(save=False)  # no row refers to it
        raise
    return ImportOutcome(upload)


def _parse(upload: ReportUpload, data: bytes) -> ParseResult:
    return parse_report(
        data,
        name=upload.original_name,
        max_rows=settings.DAK_UPLOAD_MAX_ROWS,
        max_bytes=settings.DAK_UPLOAD_MAX_BYTES,
        max_uncompressed=settings.DAK_XLSX_MAX_UNCOMPRESSED_BYTES,
    )


# -- process ----------------------------------------------------------------------------------
# Files smaller than this are processed in well under a second: no intermediate progress writes.
PROGRESS_MIN_BYTES = 256 * 1024


def report_upload_process(*, upload_id: int) -> ImportOutcome:
    """Parse, check and store one upload; a finished upload is left as it is (safe to run twice).

    Not one transaction on purpose: for a large file, progress is committed as it goes so the
    status page can show it; the store itself (`_finish`) is one transaction and re-checks,
    under a row lock, that the upload is not finished yet.
    """
    upload = ReportUpload.objects.select_related("uploaded_by", "report").get(pk=upload_id)
    if upload.is_finished:
        return ImportOutcome(upload)
    large = upload.size >= PROGRESS_MIN_BYTES
    if large:
        ReportUpload.objects.filter(pk=upload_id, status=UploadStatus.RECEIVED).update(
            status=UploadStatus.PROCESSING, progress=10
        )
    with upload.original.open("rb") as fh:
        data = fh.read()
    result = _parse(upload, data)
    if large:
        ReportUpload.objects.filter(pk=upload_id, status=UploadStatus.PROCESSING).update(
            progress=60
        )
    try:
        _finish(upload_id, result)
    except IntegrityError:
        # Another upload of the same quarter won the race between our checks and the insert
        # (only possible without row locks, e.g. SQLite): check again against the new state.
        _finish(upload_id, result)
    upload.refresh_from_db()
    return ImportOutcome(upload)


@transaction.atomic
def _finish(upload_id: int, result: ParseResult) -> None:
    """Check and store (or reject) a received upload, unless another run finished it already."""
    upload = (
        ReportUpload.objects.select_for_update().select_related("uploaded_by").get(pk=upload_id)
    )
    if not upload.is_finished:
        _check_and_store(upload, result)


def _check_and_store(upload: ReportUpload, result: ParseResult) -> None:
    """The checks against the database and the store; runs inside the caller's transaction and
    saves `upload` (inserting it if new) with its outcome."""
    actor = upload.uploaded_by
    issues = list(result.issues)
    parsed = result.report
    if parsed is not None:
        upload.fiscal_year, upload.quarter = parsed.year, parsed.quarter
    if result.errors or parsed is None:
        return _reject(upload, issues)
    allocation = _allocation(parsed.region_code, parsed.year, lock=not upload.dry_run)
    region = (
        allocation.region if allocation else Region.objects.filter(code=parsed.region_code).first()
    )
    if region is not None and upload.region_id is None:
        upload.region = region
    problem = _region_problem(parsed, region, actor)
    if problem:
        return _reject(upload, issues + [problem])
    if allocation is None:
        return _reject(
            upload,
            issues
            + [
                _header_issue(
                    parsed,
                    "year",
                    str(parsed.year),
                    (
                        f"Wilayah {region.code} ({region.name}) tidak menerima alokasi DAK Fisik IKM pada TA "
                        f"{parsed.year}. Periksa Tahun Anggaran."
                    ),
                )
            ],
        )
    duplicate = (
        ReportUpload.objects.filter(
            region=region,
            sha256=upload.sha256,
            status=UploadStatus.ACCEPTED,
        )
        .exclude(pk=upload.pk)
        .select_related("report")
        .first()
    )
    if duplicate is not None:
        return _close(upload, UploadStatus.DUPLICATE, report=duplicate.report)
    ctx = CheckContext(
        region=region,
        year=parsed.year,
        activities=_activities(allocation),
        previous=_previous_lines(allocation, parsed.quarter),
    )
    issues += check_region_name(parsed, region) + check_lines(parsed, ctx)
    errors = [i for i in issues if i.is_error]
    warnings = [_stored(i) for i in issues if not i.is_error]
    if errors:
        return _reject(upload, issues)
    upload.warnings = warnings
    if upload.dry_run:
        upload.preview = [_preview(line) for line in parsed.lines]
        return _close(upload, UploadStatus.PREVIEWED)
    report = _store_version(actor, allocation, parsed, ctx, warnings)
    _close(upload, UploadStatus.ACCEPTED, report=report)
    if upload.submit:
        upload.report = report_submit(actor=actor, report=report)


def _reject(upload: ReportUpload, issues: list[CellIssue]) -> None:
    upload.errors = [_stored(i) for i in issues if i.is_error]
    upload.warnings = [_stored(i) for i in issues if not i.is_error]
    _close(upload, UploadStatus.REJECTED)


def _close(upload: ReportUpload, status: str, *, report: QuarterlyReport | None = None) -> None:
    upload.status, upload.progress, upload.finished_at = status, 100, timezone.now()
    if report is not None:
        upload.report = report
    upload.save()


def _header_issue(parsed: ParsedReport, key: str, value: str, message: str) -> CellIssue:
    row = parsed.header_rows.get(key)
    return CellIssue(
        row=row,
        column=HEADER_LABEL[key],
        value=value,
        message=message,
        col_index=2 if row else None,
    )


def _region_problem(parsed: ParsedReport, region: Region | None, actor: User) -> CellIssue | None:
    if region is None:
        return _header_issue(
            parsed,
            "region_code",
            parsed.region_code,
            (
                f"Kode wilayah {parsed.region_code} tidak terdaftar. Tulis kode Kemendagri wilayah Anda, "
                "misalnya 32.04."
            ),
        )
    if not can_write_region(actor, region.pk):
        own = f"{actor.region.code} ({actor.region.name})" if actor.region_id else "-"
        return _header_issue(
            parsed,
            "region_code",
            parsed.region_code,
            (
                f"Berkas ini untuk wilayah {region.code} ({region.name}), sedangkan akun Anda hanya dapat "
                f"melapor untuk {own}. Unggah laporan wilayah Anda sendiri atau perbaiki Kode Wilayah."
            ),
        )
    return None


def _allocation(region_code: str, year: int, *, lock: bool) -> Allocation | None:
    qs = Allocation.objects.filter(region__code=region_code, fiscal_year__year=year).select_related(
        "region", "fiscal_year"
    )
    if lock:
        # The stable row every writer of this region+TA locks first, so two uploads of the
        # same quarter serialize instead of both computing "version n+1".
        qs = qs.select_for_update(of=("self",)) if _supports_of() else qs.select_for_update()
    return qs.first()


def _supports_of() -> bool:
    from django.db import connection

    return connection.features.has_select_for_update_of


def _activities(allocation: Allocation) -> dict[str, PlannedActivity]:
    return {
        a.code.strip().upper(): a for a in PlannedActivity.objects.filter(allocation=allocation)
    }


def _previous_lines(allocation: Allocation, quarter: int) -> dict[int, PreviousLine]:
    """The lines of the counted report of the latest earlier quarter (cumulative carry-forward)."""
    rows = (
        ReportLine.objects.filter(
            report__region_id=allocation.region_id,
            report__fiscal_year_id=allocation.fiscal_year_id,
            report__quarter__lt=quarter,
            report__status__in=COUNTED_STATUSES,
        )
        .order_by("-report__quarter")
        .values_list("activity_id", "report__quarter", "financial_realisation", "physical_progress")
    )
    previous: dict[int, PreviousLine] = {}
    for activity_id, q, financial, physical in rows:
        previous.setdefault(activity_id, PreviousLine(q, financial, physical))
    return previous


def _store_version(
    actor: User,
    allocation: Allocation,
    parsed: ParsedReport,
    ctx: CheckContext,
    warnings: list[dict],
) -> QuarterlyReport:
    scope = Q(
        region_id=allocation.region_id,
        fiscal_year_id=allocation.fiscal_year_id,
        quarter=parsed.quarter,
    )
    latest = QuarterlyReport.objects.filter(scope).order_by("-version").first()
    if latest is not None and latest.is_current:
        latest.is_current = False
        fields = ["is_current"]
        if (
            latest.status == ReportStatus.DRAFT
        ):  # a draft replaced by a newer upload can no longer be submitted
            latest.status = ReportStatus.SUPERSEDED
            fields.append("status")
        latest._history_user = actor
        latest.save(update_fields=fields)
    report = QuarterlyReport(
        region_id=allocation.region_id,
        fiscal_year_id=allocation.fiscal_year_id,
        quarter=parsed.quarter,
        version=(latest.version + 1) if latest else 1,
        is_current=True,
        status=ReportStatus.DRAFT,
        report_date=parsed.report_date,
        warnings=warnings,
        created_by=actor,
    )
    report._history_user = actor
    report.save()
    ReportLine.objects.bulk_create(
        [
            ReportLine(
                report=report,
                activity=ctx.activities[line.code.upper()],
                excel_row=line.excel_row,
                reported_pagu=line.pagu,
                contract_value=line.contract_value,
                procurement_stage=line.stage,
                financial_realisation=line.financial_realisation,
                physical_progress=line.physical_progress,
                workers=line.workers,
                problem_codes=line.problem_codes,
                remarks=line.remarks,
            )
            for line in parsed.lines
        ]
    )
    return report


def _preview(line) -> dict:
    def s(v):
        return str(v) if isinstance(v, Decimal) else v

    return {
        "row": line.excel_row,
        "code": line.code,
        "description": line.description,
        "pagu": s(line.pagu),
        "contract_value": s(line.contract_value),
        "stage": line.stage,
        "financial_realisation": s(line.financial_realisation),
        "physical_progress": s(line.physical_progress),
        "workers": line.workers,
        "problem_codes": line.problem_codes,
        "remarks": line.remarks,
    }
