"""Behind plan (tertinggal dari rencana, DOMAIN.md §7): the one rule, and the regions it picks.

A region is behind plan as of a quarter when its physical deviation (actual − planned, from
`absorption`) is more than the TA's `behind_plan_threshold` points below zero. Without targets
there is no deviation, so never behind. The alert (`services.alerts.check_behind_plan`), the
dashboard's count and its ranking all ask this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from allocations.models import FiscalYear

from .absorption import RegionAbsorption
from .overdue import report_overdue

__all__ = [
    "DEFAULT_THRESHOLD",
    "behind_plan_as_of",
    "furthest_behind_plan",
    "is_behind_plan",
    "threshold_of",
]

DEFAULT_THRESHOLD = Decimal("10")


def threshold_of(fiscal_year: FiscalYear | None) -> Decimal:
    """The TA's configured threshold in points of physical progress (default 10)."""
    return fiscal_year.behind_plan_threshold if fiscal_year is not None else DEFAULT_THRESHOLD


def is_behind_plan(figures: RegionAbsorption, threshold: Decimal) -> bool:
    return figures.deviation_physical is not None and figures.deviation_physical < -threshold


def behind_plan_as_of(
    figures: RegionAbsorption,
    fiscal_year: FiscalYear | None,
    quarter: int,
    *,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> bool:
    """Flagged for the quarter: its figures are due (the quarter's report counts, or its deadline
    has passed — then the carried-forward figures are what there is) and it is behind plan."""
    due = figures.latest_quarter == quarter or report_overdue(
        fiscal_year, quarter, figures, counted=False, today=today, now=now
    )
    return due and is_behind_plan(figures, threshold_of(fiscal_year))


def furthest_behind_plan(
    regions: Iterable[RegionAbsorption], limit: int | None = 10
) -> list[RegionAbsorption]:
    """Regions with a physical deviation, the most negative first (ties by code)."""
    ranked = sorted(
        (r for r in regions if r.deviation_physical is not None),
        key=lambda r: (r.deviation_physical, r.code),
    )
    return ranked if limit is None else ranked[:limit]
