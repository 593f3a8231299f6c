"""The quarterly report import: receive an upload, parse it, check it, store it as a new version.

All-or-nothing: any error → the upload is recorded REJECTED (with its errors and the original
bytes) and nothing else changes. Accepted → one new QuarterlyReport version (the current one),
its lines in one bulk insert, the upload ACCEPTED — in one transaction, with a constant number
of queries per report. The same bytes again for the region → DUPLICATE, nothing new.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from allocations.models import Region
from dakmonev.spreadsheet.issues import CellIssue

from ..choices import UploadStatus
from ..importers.report import ParseResult, parse_report
from ..models import QuarterlyReport, ReportUpload
from ..permissions import can_confirm_upload, can_upload_report
from .import_files import capped, keep_annotated_workbook
from .import_outcome import ImportOutcome, _stored
from .notifications import upload_finished_notify
from .report_checks import CheckContext, check_lines, check_region_name
from .report_store import (
    activities_of,
    allocation_of,
    header_issue,
    preview_of,
    previous_lines,
    region_problem,
    store_version,
    unchecked_header,
)
from .reports import report_submit
from .upload_limits import check_upload_limits

logger = logging.getLogger(__name__)

# What the person reads when the file broke something we did not foresee (the traceback is logged).
UNREADABLE_FILE = (
    "Berkas rusak / tidak dapat dibaca oleh aplikasi. Buka berkas di Excel atau LibreOffice, "
    "simpan sebagai 'Excel Workbook (.xlsx)', lalu unggah lagi. Bila tetap gagal, gunakan templat "
    "laporan dari aplikasi atau hubungi Ditjen IKMA."
)


# -- receive ----------------------------------------------------------------------------------
def _new_upload(
    *, actor: User, name: str, data: bytes, dry_run: bool, submit: bool, limited: bool = True
) -> ReportUpload:
    """An unsaved upload whose original bytes are already in storage under a generated name."""
    can_upload_report(actor).require()
    if limited:
        check_upload_limits(actor=actor)
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
    """Keep the original bytes (generated file name, SHA-256) and queue processing after commit;
    refused beyond the upload limits (per account per hour, originals kept per region)."""
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
    can_confirm_upload(actor, upload).require()
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
    *,
    actor: User,
    name: str,
    data: bytes,
    dry_run: bool = False,
    submit: bool = False,
    limited: bool = True,
) -> ImportOutcome:
    """Receive, check and store at once (API, management command, benchmark): the same checks
    and store as the page's task, in one transaction whose upload row is written with its
    outcome — nobody polls progress here, so nothing is committed early. A file that breaks
    the import unexpectedly ends REJECTED as unreadable (traceback logged), never raises.
    `limited=False` (commands run on the server) skips the per-account upload limits."""
    upload = _new_upload(
        actor=actor, name=name, data=data, dry_run=dry_run, submit=submit, limited=limited
    )
    result = None
    try:
        result = _parse(upload, data)  # before the transaction: no lock is held while parsing
        with transaction.atomic():
            _check_and_store(upload, result)
    except Exception:
        logger.exception("Report upload %r by %s could not be processed", name, actor)
        upload.pk, upload.report = None, None  # the rolled-back row is gone
        upload._state.adding = True
        try:
            _close_unreadable(upload)
        except BaseException:
            upload.original.delete(save=False)  # no row refers to it
            raise
    except BaseException:
        upload.original.delete(save=False)  # no row refers to it
        raise
    keep_annotated_workbook(upload, data, result)
    return ImportOutcome(upload)


def _parse(upload: ReportUpload, data: bytes) -> ParseResult:
    return parse_report(
        data,
        name=upload.original_name,
        max_rows=settings.DAK_UPLOAD_MAX_ROWS,
        max_bytes=settings.DAK_UPLOAD_MAX_BYTES,
        max_uncompressed=settings.DAK_UPLOAD_MAX_UNCOMPRESSED_BYTES,
        max_cells=settings.DAK_UPLOAD_MAX_CELLS,
        max_columns=settings.DAK_UPLOAD_MAX_COLUMNS,
    )


def _close_unreadable(upload: ReportUpload, message: str = UNREADABLE_FILE) -> None:
    upload.errors = [_stored(CellIssue(row=None, column="", value="", message=message))]
    upload.warnings, upload.preview = [], []
    _close(upload, UploadStatus.REJECTED)


@transaction.atomic
def _reject_unreadable(upload_id: int, message: str = UNREADABLE_FILE) -> None:
    upload = ReportUpload.objects.select_for_update().get(pk=upload_id)
    if not upload.is_finished:
        _close_unreadable(upload, message)


# What an upload abandoned by the queue for a whole day is told.
STALLED_UPLOAD = (
    "Pemrosesan berkas ini terhenti dan tidak selesai. Unggah lagi berkas yang sama; bila "
    "terulang, hubungi Ditjen IKMA."
)
GIVE_UP_AFTER = dt.timedelta(days=1)


def stalled_uploads_requeue(*, now: dt.datetime | None = None) -> int:
    """Queue again every upload still waiting after DAK_UPLOAD_STALLED_MINUTES (its task was
    lost); reject those waiting for more than a day. Returns how many were queued again."""
    now = now or timezone.now()
    waiting = ReportUpload.objects.filter(
        status__in=(UploadStatus.RECEIVED, UploadStatus.PROCESSING),
        created_at__lt=now - dt.timedelta(minutes=settings.DAK_UPLOAD_STALLED_MINUTES),
    )
    for upload_id in waiting.filter(created_at__lt=now - GIVE_UP_AFTER).values_list(
        "pk", flat=True
    ):
        _reject_unreadable(upload_id, message=STALLED_UPLOAD)
    ids = list(waiting.values_list("pk", flat=True)[:500])
    for upload_id in ids:
        _queue(upload_id)
    return len(ids)


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
    processed = None
    try:
        processed = _process(upload)
    except Exception:
        # Whatever the file did, the person gets an answer and the upload is never left waiting.
        logger.exception("Report upload %s could not be processed", upload_id)
        _reject_unreadable(upload_id)
    upload.refresh_from_db()
    if processed is not None:
        keep_annotated_workbook(upload, *processed)
    return ImportOutcome(upload)


def _process(upload: ReportUpload) -> tuple[bytes, ParseResult]:
    large = upload.size >= PROGRESS_MIN_BYTES
    if large:
        ReportUpload.objects.filter(pk=upload.pk, status=UploadStatus.RECEIVED).update(
            status=UploadStatus.PROCESSING, progress=10
        )
    with upload.original.open("rb") as fh:
        data = fh.read()
    result = _parse(upload, data)
    if large:
        ReportUpload.objects.filter(pk=upload.pk, status=UploadStatus.PROCESSING).update(
            progress=60
        )
    try:
        _finish(upload.pk, result)
    except IntegrityError:
        # Another upload of the same quarter won the race between our checks and the insert
        # (only possible without row locks, e.g. SQLite): check again against the new state.
        _finish(upload.pk, result)
    return data, result


@transaction.atomic
def _finish(upload_id: int, result: ParseResult) -> None:
    """Check and store (or reject) a received upload, unless another run finished it already; the
    uploader of a large file (who may have left the page) is told the outcome."""
    upload = (
        ReportUpload.objects.select_for_update().select_related("uploaded_by").get(pk=upload_id)
    )
    if not upload.is_finished:
        _check_and_store(upload, result)
        if upload.size >= PROGRESS_MIN_BYTES:
            upload_finished_notify(upload=upload)


def _check_and_store(upload: ReportUpload, result: ParseResult) -> None:
    """The checks against the database and the store; runs inside the caller's transaction and
    saves `upload` (inserting it if new) with its outcome."""
    actor = upload.uploaded_by
    issues = list(result.issues)
    parsed = result.report
    if parsed is not None:
        upload.fiscal_year, upload.quarter = parsed.year, parsed.quarter
    if parsed is None:
        return _reject(upload, issues)
    # The checks against the RK run even when cells have errors, so the person learns every
    # problem of the file at once; only an unusable header block stops them (and says so).
    unchecked = unchecked_header(parsed)
    if unchecked:
        return _reject(upload, issues + [unchecked])
    allocation = allocation_of(
        parsed.region_code, parsed.year, lock=not (upload.dry_run or result.errors)
    )
    region = (
        allocation.region if allocation else Region.objects.filter(code=parsed.region_code).first()
    )
    if region is not None and upload.region_id is None:
        upload.region = region
    problem = region_problem(parsed, region, actor)
    if problem:
        return _reject(upload, issues + [problem])
    if allocation is None:
        return _reject(
            upload,
            issues
            + [
                header_issue(
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
    if result.errors:
        issues += check_region_name(parsed, region)
        if "code" in parsed.columns:  # else the parser said the lines could not be read
            ctx = CheckContext(
                region=region, year=parsed.year, activities=activities_of(allocation)
            )
            issues += check_lines(parsed, ctx)
        return _reject(upload, issues)
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
        activities=activities_of(allocation),
        previous=previous_lines(allocation, parsed.quarter),
    )
    issues += check_region_name(parsed, region) + check_lines(parsed, ctx)
    errors = [i for i in issues if i.is_error]
    warnings = [_stored(i) for i in capped([i for i in issues if not i.is_error])]
    if errors:
        return _reject(upload, issues)
    upload.warnings = warnings
    if upload.dry_run:
        upload.preview = [preview_of(line) for line in parsed.lines]
        return _close(upload, UploadStatus.PREVIEWED)
    report = store_version(actor, allocation, parsed, ctx, warnings)
    _close(upload, UploadStatus.ACCEPTED, report=report)
    if upload.submit:
        upload.report = report_submit(actor=actor, report=report)


def _reject(upload: ReportUpload, issues: list[CellIssue]) -> None:
    upload.errors = [_stored(i) for i in capped([i for i in issues if i.is_error])]
    upload.warnings = [_stored(i) for i in capped([i for i in issues if not i.is_error])]
    _close(upload, UploadStatus.REJECTED)


def _close(upload: ReportUpload, status: str, *, report: QuarterlyReport | None = None) -> None:
    upload.status, upload.progress, upload.finished_at = status, 100, timezone.now()
    if report is not None:
        upload.report = report
    upload.save()
