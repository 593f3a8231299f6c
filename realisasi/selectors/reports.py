"""Reads of quarterly reports: lists, versions, the verifier's side-by-side view, the template."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet

from allocations.models import ActivityTarget, Allocation, PlannedActivity, ProblemCode, Region

from ..choices import ReportStatus, UploadStatus
from ..exporters.template import TemplateLine, TemplateSpec
from ..models import QuarterlyReport, ReportLine, ReportUpload
from .absorption import ratio_percent


def report_list(
    *,
    user,
    year: int | None = None,
    quarter: int | None = None,
    status: str | None = None,
    province: str | None = None,
    current_only: bool = True,
) -> QuerySet[QuarterlyReport]:
    """Report versions the user may see, newest TA/quarter first, filtered as asked (a province
    code keeps the province's own reports and those of its kabupaten/kota)."""
    qs = (
        QuarterlyReport.objects.visible_to(user)
        .select_related("region", "fiscal_year", "created_by")
        .annotate(line_count=Count("lines"))
        .order_by("-fiscal_year__year", "-quarter", "region__code", "-version")
    )
    if current_only and not status:
        qs = qs.filter(is_current=True)
    if year:
        qs = qs.filter(fiscal_year__year=year)
    if quarter:
        qs = qs.filter(quarter=quarter)
    if status:
        qs = qs.filter(status=status)
    if province:
        qs = qs.in_province(province)
    return qs


def report_versions(report: QuarterlyReport) -> QuerySet[QuarterlyReport]:
    """All versions of the report's region, TA and quarter, newest first."""
    return (
        QuarterlyReport.objects.filter(
            region_id=report.region_id, fiscal_year_id=report.fiscal_year_id, quarter=report.quarter
        )
        .select_related("created_by", "submitted_by", "verified_by", "returned_by")
        .order_by("-version")
    )


def report_lines(report: QuarterlyReport) -> QuerySet[ReportLine]:
    return report.lines.select_related("activity").order_by("excel_row", "activity__code")


def report_upload_of(report: QuarterlyReport) -> ReportUpload | None:
    """The upload whose original file became this version (None for versions stored otherwise)."""
    return (
        ReportUpload.objects.filter(report=report, status=UploadStatus.ACCEPTED)
        .select_related("uploaded_by")
        .order_by("-created_at", "-pk")
        .first()
    )


def verification_queue(*, user) -> QuerySet[QuarterlyReport]:
    """Submitted versions waiting for Ditjen, oldest submission first."""
    return (
        QuarterlyReport.objects.visible_to(user)
        .filter(status=ReportStatus.SUBMITTED)
        .select_related("region", "fiscal_year", "submitted_by")
        .order_by("submitted_at", "pk")
    )


def uploads_of(*, user, limit: int = 20) -> QuerySet[ReportUpload]:
    """The most recent uploads the user may see (own region for dinas)."""
    return (
        ReportUpload.objects.visible_to(user)
        .select_related("report", "region")
        .order_by("-created_at")[:limit]
    )


def previous_counted_report(report: QuarterlyReport) -> QuarterlyReport | None:
    """The counted report of the latest earlier quarter (figures are cumulative)."""
    return (
        QuarterlyReport.objects.counted()
        .filter(
            region_id=report.region_id,
            fiscal_year_id=report.fiscal_year_id,
            quarter__lt=report.quarter,
        )
        .order_by("-quarter")
        .first()
    )


@dataclass
class ComparedLine:
    line: ReportLine
    previous_version: ReportLine | None
    previous_quarter: ReportLine | None
    warnings: list[dict] = field(default_factory=list)

    @property
    def financial_change(self) -> Decimal | None:
        if self.previous_version is None:
            return None
        return self.line.financial_realisation - self.previous_version.financial_realisation

    @property
    def financial_since_previous_quarter(self) -> Decimal | None:
        if self.previous_quarter is None:
            return None
        return self.line.financial_realisation - self.previous_quarter.financial_realisation

    @property
    def absorption(self) -> Decimal | None:
        pagu = self.line.activity.pagu
        return (self.line.financial_realisation * 100 / pagu) if pagu else None


@dataclass(frozen=True)
class VersionTotals:
    """A version's sums: realisation, absorption (÷ the region's allocation pagu, DOMAIN §6) and
    physical progress weighted by line pagu; None where there is no figure."""

    line_count: int
    rk_pagu: Decimal
    financial_realisation: Decimal
    absorption: Decimal | None
    physical_progress: Decimal | None


def version_totals(lines, allocation_pagu: Decimal | None) -> VersionTotals:
    """The totals of report lines (their activity loaded), with the same formulas as
    `selectors.absorption` (ratio_percent: Σ realisasi ÷ pagu; Σ fisik × pagu ÷ Σ pagu)."""
    lines = list(lines)
    financial = sum((ln.financial_realisation for ln in lines), Decimal(0))
    rk_pagu = sum((ln.activity.pagu for ln in lines), Decimal(0))
    weighted = sum((ln.physical_progress * ln.activity.pagu for ln in lines), Decimal(0))
    return VersionTotals(
        line_count=len(lines),
        rk_pagu=rk_pagu,
        financial_realisation=financial,
        absorption=ratio_percent(financial, allocation_pagu or Decimal(0)),
        physical_progress=(weighted / rk_pagu) if rk_pagu else None,
    )


@dataclass
class Comparison:
    report: QuarterlyReport
    previous_version: QuarterlyReport | None
    previous_quarter: QuarterlyReport | None
    lines: list[ComparedLine]
    general_warnings: list[dict]
    allocation_pagu: Decimal | None = None
    totals: VersionTotals | None = None
    previous_version_totals: VersionTotals | None = None
    previous_quarter_totals: VersionTotals | None = None

    @property
    def absorption_change(self) -> Decimal | None:
        """Points of absorption gained (or lost) since the previous version."""
        before = self.previous_version_totals
        if before is None or before.absorption is None or self.totals.absorption is None:
            return None
        return self.totals.absorption - before.absorption

    @property
    def warning_count(self) -> int:
        return len(self.report.warnings or [])


def report_comparison(report: QuarterlyReport) -> Comparison:
    """Lines of a version beside the previous version and the previous quarter's counted report."""
    previous_version = (
        QuarterlyReport.objects.filter(
            region_id=report.region_id,
            fiscal_year_id=report.fiscal_year_id,
            quarter=report.quarter,
            version__lt=report.version,
        )
        .order_by("-version")
        .first()
    )
    previous_quarter = previous_counted_report(report)
    others: dict[int, dict[int, ReportLine]] = {}
    ids = [r.pk for r in (previous_version, previous_quarter) if r is not None]
    for line in ReportLine.objects.filter(report_id__in=ids).select_related("activity"):
        others.setdefault(line.report_id, {})[line.activity_id] = line
    by_row: dict[int, list[dict]] = {}
    general = []
    for warning in report.warnings or []:
        if warning.get("row") and warning.get("column") not in ("Nama Daerah", "Kode Wilayah"):
            by_row.setdefault(warning["row"], []).append(warning)
        else:
            general.append(warning)
    lines = [
        ComparedLine(
            line=line,
            previous_version=others.get(previous_version.pk if previous_version else None, {}).get(
                line.activity_id
            ),
            previous_quarter=others.get(previous_quarter.pk if previous_quarter else None, {}).get(
                line.activity_id
            ),
            warnings=by_row.get(line.excel_row, []),
        )
        for line in report_lines(report)
    ]
    pagu = (
        Allocation.objects.filter(region_id=report.region_id, fiscal_year_id=report.fiscal_year_id)
        .values_list("pagu", flat=True)
        .first()
    )

    def totals_of(other):
        return version_totals(others.get(other.pk, {}).values(), pagu) if other else None

    return Comparison(
        report,
        previous_version,
        previous_quarter,
        lines,
        general,
        allocation_pagu=pagu,
        totals=version_totals((c.line for c in lines), pagu),
        previous_version_totals=totals_of(previous_version),
        previous_quarter_totals=totals_of(previous_quarter),
    )


def report_template_spec(*, region: Region, year: int, quarter: int) -> TemplateSpec | None:
    """What the template of a region, TA and quarter is pre-filled with; None without allocation."""
    allocation = Allocation.objects.filter(region=region, fiscal_year__year=year).first()
    if allocation is None:
        return None
    previous = (
        QuarterlyReport.objects.counted()
        .filter(region=region, fiscal_year__year=year, quarter__lt=quarter)
        .order_by("-quarter")
        .first()
    )
    prev_lines = {ln.activity_id: ln for ln in previous.lines.all()} if previous else {}
    lines = []
    activities = PlannedActivity.objects.filter(allocation=allocation).prefetch_related(
        Prefetch("targets", ActivityTarget.objects.filter(quarter=quarter), to_attr="plan")
    )
    for activity in activities.order_by("code"):
        prev = prev_lines.get(activity.pk)
        plan = activity.plan[0] if activity.plan else None
        lines.append(
            TemplateLine(
                code=activity.code,
                description=activity.description,
                pagu=activity.pagu,
                contract_value=prev.contract_value
                if prev and prev.contract_value is not None
                else activity.contract_value,
                stage=prev.procurement_stage if prev else activity.procurement_stage,
                financial_realisation=prev.financial_realisation if prev else None,
                physical_progress=prev.physical_progress if prev else None,
                workers=prev.workers if prev else None,
                problem_codes=list(prev.problem_codes) if prev else [],
                previous_financial_realisation=prev.financial_realisation if prev else None,
                previous_physical_progress=prev.physical_progress if prev else None,
                target_financial=plan.target_financial if plan else None,
                target_physical=plan.target_physical_pct if plan else None,
            )
        )
    codes = list(ProblemCode.objects.values_list("code", "name")) or [(n, "") for n in range(1, 12)]
    return TemplateSpec(
        region_code=region.code,
        region_name=region.name,
        year=year,
        quarter=quarter,
        lines=lines,
        previous_quarter=previous.quarter if previous else None,
        problem_codes=codes,
    )
