"""Quarterly report deadlines: an override (extension decree) or the TA's default offset."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from dakmonev import figures_version

from ..models import FiscalYear, QuarterDeadline


def _fiscal_year(fiscal_year: FiscalYear | int) -> FiscalYear:
    if isinstance(fiscal_year, FiscalYear):
        return fiscal_year
    return FiscalYear.objects.get(year=fiscal_year)


def fiscal_year_deadline(fiscal_year: FiscalYear | int, quarter: int) -> dt.date:
    """The report deadline of `quarter` (1–4) in a TA: its override, else quarter end + report_deadline_days.

    Accepts a FiscalYear or a year number (raises FiscalYear.DoesNotExist for an unknown year).
    """
    return _fiscal_year(fiscal_year).deadline(quarter)


def quarter_deadlines(fiscal_year: FiscalYear | int) -> dict[int, dt.date]:
    """All four report deadlines of a TA, overrides applied, in one query."""
    fy = _fiscal_year(fiscal_year)
    overrides = dict(
        QuarterDeadline.objects.filter(fiscal_year=fy).values_list("quarter", "deadline")
    )
    return {q: overrides.get(q) or fy.default_deadline(q) for q in range(1, 5)}


def fiscal_years() -> list[FiscalYear]:
    """Every TA, oldest first, with its deadline overrides prefetched (2 queries).

    Every dashboard page and absorption API call needs this short list; while dashboard pages
    are cached (settings.PAGE_CACHE_SECONDS) it is kept under the same data versions, which a
    saved TA or deadline override bumps after its commit (dakmonev.page_cache).
    """
    return figures_version.cached(
        "fiscal-years",
        (),
        lambda: list(FiscalYear.objects.prefetch_related("deadline_overrides").order_by("year")),
        seconds=settings.PAGE_CACHE_SECONDS,
        pages=True,
    )


def region_today(tz_name: str, now: dt.datetime | None = None) -> dt.date:
    """The calendar date in a region's own zone (WIB/WITA/WIT): deadlines are dates there."""
    return (now or timezone.now()).astimezone(ZoneInfo(tz_name)).date()


def deadline_passed(deadline: dt.date | None, tz_name: str, now: dt.datetime | None = None) -> bool:
    """True from the day after the deadline in the region's zone (DOMAIN.md §6, overdue)."""
    return deadline is not None and region_today(tz_name, now) > deadline
