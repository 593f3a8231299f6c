"""Overdue quarterly reports (DOMAIN.md §6): the one predicate and the overdue list.

`report_overdue` is the rule — a receiving region has no counted report for a quarter whose
deadline (`allocations.selectors.deadlines.report_deadline`, a date in the region's own zone)
has passed. The dashboard's coverage, the region page, this list and its export, the daily
alert check and the absorption API all ask it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from allocations.models import Allocation, FiscalYear, Region
from allocations.selectors.deadlines import region_today, report_deadline
from dakmonev.quarters import Quarter

from ..choices import ReportStatus
from ..models import QuarterlyReport

__all__ = ["OverdueFilters", "OverdueReport", "overdue_reports", "report_overdue"]


def report_overdue(
    fiscal_year: FiscalYear | None,
    quarter: int,
    region,
    *,
    counted: bool,
    now: dt.datetime | None = None,
    today: dt.date | None = None,
) -> bool:
    """Whether a receiving region's report for the quarter is overdue: none counts (`counted`:
    a submitted or verified version exists) and the deadline has passed — from the day after it,
    in the region's own zone (`today` instead fixes the date for every region, as the overdue
    check's --as-of does). `region` is a Region or a figures row of one; no TA, nothing overdue."""
    if counted or fiscal_year is None:
        return False
    local = today or region_today(region.timezone, now)
    return local > report_deadline(fiscal_year, quarter, region)


@dataclass(frozen=True)
class OverdueFilters:
    """Filters shared by the overdue list and its export."""

    year: int
    quarter: int | None = None
    province: Region | None = None


@dataclass(frozen=True)
class OverdueReport:
    region: Region
    year: int
    quarter: int
    deadline: dt.date
    days_late: int
    latest_status: (
        str | None
    )  # status of the current (latest) version, e.g. draft or returned; None = nothing uploaded

    @property
    def latest_status_label(self) -> str:
        return (
            str(ReportStatus(self.latest_status).label)
            if self.latest_status
            else _("Belum diunggah")
        )

    @property
    def province(self) -> Region:
        return self.region if self.region.parent_id is None else self.region.parent


def overdue_reports(
    user, fiscal_year: FiscalYear, filters: OverdueFilters, *, now: dt.datetime | None = None
) -> list[OverdueReport]:
    """Overdue reports of a TA the user may see, most overdue first (3 queries)."""
    now = now or timezone.now()
    quarters = (filters.quarter,) if filters.quarter else tuple(Quarter)
    allocations = Allocation.objects.visible_to(user).filter(fiscal_year=fiscal_year)
    if filters.province is not None:
        allocations = allocations.in_province(filters.province)
    regions = [
        a.region for a in allocations.select_related("region__parent").order_by("region__code")
    ]
    reports = QuarterlyReport.objects.visible_to(user).filter(
        fiscal_year=fiscal_year, quarter__in=quarters
    )
    counted = set(reports.counted().values_list("region_id", "quarter"))
    latest = {
        (r, q): s
        for r, q, s in reports.filter(is_current=True).values_list("region_id", "quarter", "status")
    }
    rows = []
    for region in regions:
        for quarter in quarters:
            counts = (region.pk, quarter) in counted
            if report_overdue(fiscal_year, quarter, region, counted=counts, now=now):
                deadline = report_deadline(fiscal_year, quarter, region)
                rows.append(
                    OverdueReport(
                        region=region,
                        year=fiscal_year.year,
                        quarter=quarter,
                        deadline=deadline,
                        days_late=(region_today(region.timezone, now) - deadline).days,
                        latest_status=latest.get((region.pk, quarter)),
                    )
                )
    return sorted(rows, key=lambda r: (-r.days_late, r.region.code))
