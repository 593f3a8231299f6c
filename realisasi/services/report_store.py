"""What the report import looks up and writes in the database: the allocation (locked), the
RK lines, the previous quarter's counted lines, the region checks, and the new version itself."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q

from accounts.models import User
from allocations.models import Allocation, PlannedActivity, Region
from dakmonev.spreadsheet.issues import CellIssue

from ..choices import COUNTED_STATUSES, ReportStatus
from ..importers.columns import HEADER_LABEL
from ..importers.report import ParsedReport
from ..models import QuarterlyReport, ReportLine
from ..permissions import can_upload_report
from .report_checks import CheckContext, PreviousLine


def unchecked_header(parsed: ParsedReport) -> CellIssue | None:
    """Why the lines cannot be checked against the RK, when the header block does not say
    which region, TA and quarter the report is for."""
    missing = [
        HEADER_LABEL[key]
        for key in ("region_code", "year", "quarter")
        if getattr(parsed, key) is None
    ]
    if not missing:
        return None
    return CellIssue(
        row=None,
        column="",
        value="",
        message=(
            "Baris kegiatan belum diperiksa terhadap RK karena isian "
            + ", ".join(f"'{label}'" for label in missing)
            + " belum benar. Perbaiki kesalahan di atas, lalu unggah lagi untuk pemeriksaan "
            "baris kegiatan."
        ),
    )


def header_issue(parsed: ParsedReport, key: str, value: str, message: str) -> CellIssue:
    row = parsed.header_rows.get(key)
    return CellIssue(
        row=row,
        column=HEADER_LABEL[key],
        value=value,
        message=message,
        col_index=2 if row else None,
    )


def region_problem(parsed: ParsedReport, region: Region | None, actor: User) -> CellIssue | None:
    if region is None:
        return header_issue(
            parsed,
            "region_code",
            parsed.region_code,
            (
                f"Kode wilayah {parsed.region_code} tidak terdaftar. Tulis kode Kemendagri wilayah Anda, "
                "misalnya 32.04."
            ),
        )
    if not can_upload_report(actor, region):
        own = f"{actor.region.code} ({actor.region.name})" if actor.region_id else "-"
        return header_issue(
            parsed,
            "region_code",
            parsed.region_code,
            (
                f"Berkas ini untuk wilayah {region.code} ({region.name}), sedangkan akun Anda hanya dapat "
                f"melapor untuk {own}. Unggah laporan wilayah Anda sendiri atau perbaiki Kode Wilayah."
            ),
        )
    return None


def allocation_of(region_code: str, year: int, *, lock: bool) -> Allocation | None:
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


def activities_of(allocation: Allocation) -> dict[str, PlannedActivity]:
    return {
        a.code.strip().upper(): a for a in PlannedActivity.objects.filter(allocation=allocation)
    }


def previous_lines(allocation: Allocation, quarter: int) -> dict[int, PreviousLine]:
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


def store_version(
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


def preview_of(line) -> dict:
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
