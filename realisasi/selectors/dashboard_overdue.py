"""Overdue quarterly reports: a receiving region with no counted report for a quarter whose deadline has passed.

The same rule as the alert check (`services.alerts.check_overdue`, DOMAIN.md §6): every region
with an allocation in the TA is expected to report, and the deadline is a date in the region's
own zone. Three queries whatever the number of regions; the list page and its Excel export both
read `overdue_reports`, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from allocations.models import Allocation, FiscalYear, Region
from allocations.selectors.deadlines import region_today
from dakmonev.quarters import Quarter

from ..choices import COUNTED_STATUSES, ReportStatus
from ..models import QuarterlyReport

__all__ = ["OverdueFilters", "OverdueReport", "overdue_reports"]


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
    deadlines = {q: fiscal_year.deadline(q) for q in quarters}
    allocations = Allocation.objects.visible_to(user).filter(fiscal_year=fiscal_year)
    if filters.province is not None:
        allocations = allocations.in_province(filters.province)
    regions = [
        a.region for a in allocations.select_related("region__parent").order_by("region__code")
    ]
    reports = QuarterlyReport.objects.visible_to(user).filter(
        fiscal_year=fiscal_year, quarter__in=quarters
    )
    counted = set(reports.filter(status__in=COUNTED_STATUSES).values_list("region_id", "quarter"))
    latest = {
        (r, q): s
        for r, q, s in reports.filter(is_current=True).values_list("region_id", "quarter", "status")
    }
    rows = []
    for region in regions:
        today = region_today(region.timezone, now)
        for quarter, deadline in deadlines.items():
            if today > deadline and (region.pk, quarter) not in counted:
                rows.append(
                    OverdueReport(
                        region=region,
                        year=fiscal_year.year,
                        quarter=quarter,
                        deadline=deadline,
                        days_late=(today - deadline).days,
                        latest_status=latest.get((region.pk, quarter)),
                    )
                )
    return sorted(rows, key=lambda r: (-r.days_late, r.region.code))
