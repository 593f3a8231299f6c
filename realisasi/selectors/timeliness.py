"""Timeliness of the quarterly reports (DOMAIN.md §9), like reporting rates elsewhere — the one
place the dashboard, the province page, the Excel export and `GET /api/v1/timeliness/` read.

For a TA and quarter, over the receiving regions the user may see (those with an allocation):
- expected — receiving regions;
- received — those with a counted report for the quarter (submitted or verified);
- on_time — received, and the counted version was submitted by the region's own deadline
  (`report_deadline`: working days, overrides, the region's extension), on the calendar of
  the region's own time zone;
- late — received after it (or with no submission time recorded);
- missing — expected − received;
- on_time_pct — on_time ÷ expected × 100 (None without expected reports).
Per province and nationally, in one query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Subquery

from allocations.models import Allocation, FiscalYear, Region
from allocations.selectors.deadlines import report_deadline
from dakmonev.quarters import Quarter

from ..models import QuarterlyReport

__all__ = ["Timeliness", "TimelinessRow", "timeliness"]


@dataclass
class TimelinessRow:
    """The counts of one area: a province (code, name) or the nation (code None)."""

    code: str | None
    name: str
    expected: int = 0
    received: int = 0
    on_time: int = 0

    @property
    def late(self) -> int:
        return self.received - self.on_time

    @property
    def missing(self) -> int:
        return self.expected - self.received

    @property
    def on_time_pct(self) -> Decimal | None:
        if not self.expected:
            return None
        return Decimal(self.on_time) * 100 / Decimal(self.expected)


@dataclass
class Timeliness:
    year: int
    quarter: int
    total: TimelinessRow  # the nation, or the province asked for
    provinces: list[TimelinessRow] = field(default_factory=list)


def _rows(user, fiscal_year: FiscalYear, quarter: int, province: Region | None):
    counted = QuarterlyReport.objects.counted().filter(
        region_id=OuterRef("region_id"), fiscal_year_id=fiscal_year.pk, quarter=quarter
    )
    allocations = Allocation.objects.visible_to(user).filter(fiscal_year=fiscal_year)
    if province is not None:
        allocations = allocations.in_province(province)
    return (
        allocations.order_by()
        .annotate(
            received=Exists(counted),
            submitted_at=Subquery(counted.values("submitted_at")[:1]),
        )
        .values(
            "region_id",
            "region__timezone",
            "region__level",
            "region__code",
            "region__name",
            "region__parent__code",
            "region__parent__name",
            "received",
            "submitted_at",
        )
    )


class _RegionRef:
    """What report_deadline needs of a region: its id (and zone)."""

    __slots__ = ("pk", "timezone")

    def __init__(self, pk: int, timezone: str):
        self.pk, self.timezone = pk, timezone


def _on_time(fiscal_year: FiscalYear, quarter: int, row: dict) -> bool:
    if not row["received"] or row["submitted_at"] is None:
        return False
    region = _RegionRef(row["region_id"], row["region__timezone"])
    local_date = row["submitted_at"].astimezone(ZoneInfo(region.timezone)).date()
    return local_date <= report_deadline(fiscal_year, quarter, region)


def _count(target: TimelinessRow, rows: Iterable[tuple[bool, bool]]) -> None:
    for received, on_time in rows:
        target.expected += 1
        target.received += received
        target.on_time += on_time


def timeliness(
    user,
    fiscal_year: FiscalYear | None,
    quarter: int,
    *,
    province: Region | None = None,
) -> Timeliness:
    """Expected, received, on time, late and missing reports of the quarter — nationally with
    one row per province, or for `province` alone (no province rows) — over the receiving
    regions `user` may see (1 query; the TA's deadline calendar attached, none more)."""
    quarter = Quarter(quarter)
    year = fiscal_year.year if fiscal_year else 0
    total = TimelinessRow(
        code=province.code if province else None,
        name=province.name if province else "Nasional",
    )
    result = Timeliness(year=year, quarter=quarter, total=total)
    if fiscal_year is None:
        return result
    by_province: dict[str, TimelinessRow] = {}
    for row in _rows(user, fiscal_year, quarter, province):
        received, on_time = bool(row["received"]), _on_time(fiscal_year, quarter, row)
        _count(total, [(received, on_time)])
        if province is None:
            is_province = row["region__parent__code"] is None
            code = row["region__code"] if is_province else row["region__parent__code"]
            name = row["region__name"] if is_province else row["region__parent__name"]
            area = by_province.setdefault(code, TimelinessRow(code=code, name=name))
            _count(area, [(received, on_time)])
    result.provinces = [by_province[code] for code in sorted(by_province)]
    return result
