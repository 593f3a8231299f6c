"""Which TA and quarter a page shows: the one asked for, else the current TA's latest quarter past its deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils import timezone

from allocations.models import FiscalYear
from allocations.selectors.deadlines import fiscal_years, report_deadline, report_deadlines
from dakmonev.quarters import Quarter
from dakmonev.query import canonical, parse

__all__ = ["Period", "period_from"]


@dataclass(frozen=True)
class Period:
    """The chosen TA and quarter, the TA's rules (None when the TA is unknown) and the choices offered."""

    year: int
    quarter: int
    fiscal_year: FiscalYear | None
    years: tuple[int, ...]
    deadlines: Mapping[int, dt.date]
    asked_year: str = ""  # a `?year=` (or old `?ta=`) that names no TA here: the page says so

    @property
    def year_not_found(self) -> bool:
        return bool(self.asked_year)

    @property
    def deadline(self) -> dt.date | None:
        return self.deadlines.get(self.quarter)

    def query(self, **extra) -> dict:
        return {"year": self.year, "quarter": self.quarter, **extra}


def _deadlines(fy: FiscalYear) -> dict[int, dt.date]:
    # The TA's deadlines as decreed for everyone; a region's own is report_deadline(…, region).
    return report_deadlines(fy)


def _default(years: list[FiscalYear], today: dt.date) -> tuple[FiscalYear | None, int]:
    # The latest TA (not in the future) with a quarter whose deadline has passed; early in a
    # year, before TW I is due, that is the previous TA's TW IV.
    for fy in sorted((f for f in years if f.year <= today.year), key=lambda f: -f.year):
        passed = [q for q in Quarter if report_deadline(fy, q, None) < today]
        if passed:
            return fy, max(passed)
    if years:
        return max(years, key=lambda f: f.year), 1
    return None, 1


def period_from(params: Mapping, *, today: dt.date | None = None) -> Period:
    """The period of `?year=&quarter=` (dakmonev.query); unknown or missing values fall back to the default (2 queries, or none from the cache)."""
    today = today or timezone.localdate()
    asked = parse(params)
    years = fiscal_years()
    by_year = {fy.year: fy for fy in years}
    default_fy, default_q = _default(years, today)
    fy = by_year.get(asked.year)
    typed = str(canonical(params).get("year", "")).strip()
    unknown = typed if typed and fy is None else ""
    if fy is None:
        fy, quarter = default_fy, default_q
    else:
        quarter = default_q if fy is default_fy else 4
    if asked.quarter is not None:
        quarter = asked.quarter
    year = fy.year if fy else today.year
    return Period(
        year=year,
        quarter=quarter,
        fiscal_year=fy,
        years=tuple(sorted(by_year, reverse=True)),
        deadlines=_deadlines(fy) if fy else {},
        asked_year=unknown[:20],
    )
