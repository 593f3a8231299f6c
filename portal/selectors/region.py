"""What the region page (also the dinas home) shows, composed from other apps' selectors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count

from allocations.models import Allocation, PlannedActivity, Region
from allocations.selectors.activities import activities_for
from allocations.selectors.deadlines import report_deadline
from realisasi.choices import COUNTED_STATUSES
from realisasi.models import QuarterlyReport, SnapshotScope
from realisasi.selectors.absorption import RegionAbsorption, absorption
from realisasi.selectors.alerts import alert_list
from realisasi.selectors.overdue import report_overdue
from realisasi.selectors.period import Period

from .dashboard import QuarterPoint, quarter_series
from .panels import Panel, PanelScope, panels_for

__all__ = ["RegionPage", "region_page"]


@dataclass(frozen=True)
class RegionPage:
    period: Period
    region: Region
    allocation: Allocation | None
    activities: list[PlannedActivity]
    figures: RegionAbsorption | None
    series: list[QuarterPoint]
    reports: list[QuarterlyReport]
    counted: QuarterlyReport | None  # the version whose figures count for the chosen quarter
    received: bool
    deadline: dt.date | None  # the region's report deadline for the chosen quarter
    overdue: bool
    alerts: list
    panels: list[Panel]

    @property
    def red_flags(self) -> list[dict]:
        return list(self.counted.warnings or []) if self.counted else []


def _reports(user, region: Region, period: Period) -> list[QuarterlyReport]:
    return list(
        QuarterlyReport.objects.visible_to(user)
        .filter(region=region, fiscal_year__year=period.year)
        .select_related("created_by")
        .annotate(line_count=Count("lines"))
        .order_by("quarter", "-version")
    )


def _counted(reports: list[QuarterlyReport], quarter: int) -> QuarterlyReport | None:
    # The latest counted version of the latest quarter ≤ the chosen one (what the figures use).
    counted = [r for r in reports if r.status in COUNTED_STATUSES and r.quarter <= quarter]
    return max(counted, key=lambda r: (r.quarter, r.version), default=None)


def region_page(user, region: Region, period: Period) -> RegionPage:
    """Allocation, RK lines, figures, quarter chart, report versions, red flags, alerts and panels of a region.

    Disbursement eligibility (allocations' selector, eight small queries of its own) is a
    separate request, `portal:region_eligibility`, that the page loads with htmx.
    """
    allocation = (
        Allocation.objects.visible_to(user)
        .filter(region=region, fiscal_year__year=period.year)
        .select_related("fiscal_year")
        .first()
    )
    province = region if region.is_province else region.parent
    figures = (
        absorption(period.year, period.quarter, province=province, user=user).region(region.code)
        if allocation
        else None
    )
    reports = _reports(user, region, period)
    counted = _counted(reports, period.quarter)
    received = counted is not None and counted.quarter == period.quarter
    return RegionPage(
        period=period,
        region=region,
        allocation=allocation,
        activities=list(activities_for(allocation, user)) if allocation else [],
        figures=figures,
        series=quarter_series(user, period, region=region, scope=SnapshotScope.REGION, live=figures)
        if allocation
        else [],
        reports=reports,
        counted=counted,
        received=received,
        deadline=report_deadline(period.fiscal_year, period.quarter, region)
        if period.fiscal_year
        else None,
        overdue=bool(allocation)
        and report_overdue(period.fiscal_year, period.quarter, region, counted=received),
        alerts=list(alert_list(user=user, year=period.year).filter(region=region)[:20]),
        panels=panels_for(
            PanelScope(user=user, year=period.year, quarter=period.quarter, region=region)
        ),
    )
