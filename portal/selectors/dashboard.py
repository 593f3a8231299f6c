"""What the national dashboard and the province page show, composed from other selectors.

Absorption figures come only from `selectors.absorption.absorption()` (fresh, for the chosen
TA and quarter) and from the snapshots it materialises (`AbsorptionSnapshot`, refreshed on every
counted report) for the trend and the quarter-by-quarter charts. Nothing here recomputes a
ratio. Every function runs a fixed number of queries, whatever the number of regions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Count, Q, Sum

from allocations.models import Allocation, Region
from realisasi.models import AbsorptionSnapshot, SnapshotScope
from realisasi.selectors.absorption import (
    AreaAbsorption,
    RegionAbsorption,
    absorption,
    round_percent,
)
from realisasi.selectors.alerts import alert_list
from realisasi.selectors.behind_plan import behind_plan_as_of, furthest_behind_plan
from realisasi.selectors.overdue import report_overdue
from realisasi.selectors.period import Period

from .panels import Panel, PanelScope, panels_for

__all__ = [
    "FIRST_TREND_YEAR",
    "PROVINCE_SORTS",
    "province_sort",
    "Coverage",
    "NationalDashboard",
    "ProvincePage",
    "QuarterPoint",
    "TrendPoint",
    "coverage",
    "national_dashboard",
    "province_page",
    "quarter_series",
    "regions_behind",
    "sort_areas",
]

FIRST_TREND_YEAR = 2016  # the first TA of DAK Fisik Bidang IKM in the published figures
BEHIND_LIMIT = 10

# ?sort= values of the province and region tables: (key, descending)
PROVINCE_SORTS = {
    "code": ("code", False),
    "absorption": ("absorption", False),
    "-absorption": ("absorption", True),
    "pagu": ("pagu", False),
    "-pagu": ("pagu", True),
}
DEFAULT_SORT = "code"


def province_sort(value: str) -> str:
    """A known sort of the province/region tables, else the default."""
    return value if value in PROVINCE_SORTS else DEFAULT_SORT


@dataclass(frozen=True)
class Coverage:
    """Reports received vs expected for one quarter, and how many are overdue."""

    expected: int
    received: int
    overdue: int

    @property
    def missing(self) -> int:
        return self.expected - self.received


@dataclass(frozen=True)
class TrendPoint:
    year: int
    pagu: Decimal | None
    region_count: int
    absorption: Decimal | None  # money-weighted, as of the TA's last reported quarter
    mean_absorption_kabkota: Decimal | None  # unweighted, kabupaten/kota


@dataclass(frozen=True)
class QuarterPoint:
    quarter: int
    absorption: Decimal | None
    physical_progress: Decimal | None
    financial_realisation: Decimal | None


@dataclass(frozen=True)
class NationalDashboard:
    period: Period
    national: AreaAbsorption
    coverage: Coverage
    provinces: list[AreaAbsorption]
    sort: str
    behind: list[RegionAbsorption]
    regions: tuple[RegionAbsorption, ...]  # every receiving region (the map's ranking)
    trend: list[TrendPoint]
    panels: list[Panel]
    # issue 18: the nation's TW I … chosen quarter (the S-curve's actual line), and
    # (region, flagged "tertinggal dari rencana") furthest behind plan first, with the count
    series: list[QuarterPoint] = ()
    behind_plan: list[tuple[RegionAbsorption, bool]] = ()
    behind_plan_count: int = 0


@dataclass(frozen=True)
class ProvincePage:
    period: Period
    province: Region
    figures: AreaAbsorption | None
    regions: list[RegionAbsorption]
    coverage: Coverage
    series: list[QuarterPoint]
    alerts: list
    panels: list[Panel]


def reported(region: RegionAbsorption, period: Period) -> bool:
    """A receiving region has a counted report for the period's quarter itself (the latest
    counted quarter ≤ Q is Q) — what "diterima" and "melapor" both count."""
    return region.latest_quarter == period.quarter


def with_quarter_reporting(
    areas: Iterable[AreaAbsorption], regions: Iterable[RegionAbsorption], period: Period
) -> list[AreaAbsorption]:
    """Areas whose `reporting_count` counts the regions that reported for the quarter itself
    (`reported`), so the province table's "melapor" adds up to the KPI's "diterima"."""
    by_province = Counter(r.province_id for r in regions if reported(r, period))
    total = sum(by_province.values())
    return [
        replace(
            area,
            reporting_count=total if area.region_id is None else by_province[area.region_id],
        )
        for area in areas
    ]


def coverage(
    regions: Iterable[RegionAbsorption], period: Period, *, now: dt.datetime | None = None
) -> Coverage:
    """Receiving regions, those with a counted report for the quarter, and those overdue."""
    expected = received = overdue = 0
    for r in regions:
        counted = reported(r, period)
        expected += 1
        received += counted
        overdue += report_overdue(period.fiscal_year, period.quarter, r, counted=counted, now=now)
    return Coverage(expected=expected, received=received, overdue=overdue)


def sort_areas(areas: Iterable, sort: str) -> list:
    """Areas ordered by `PROVINCE_SORTS[sort]`; areas without a figure always last."""
    key, descending = PROVINCE_SORTS[province_sort(sort)]
    rows = list(areas)
    if key == "code":
        return sorted(rows, key=lambda a: a.code)
    known = sorted(
        (a for a in rows if getattr(a, key) is not None),
        key=lambda a: (getattr(a, key), a.code),
        reverse=descending,
    )
    return known + sorted((a for a in rows if getattr(a, key) is None), key=lambda a: a.code)


def regions_behind(
    regions: Iterable[RegionAbsorption], limit: int = BEHIND_LIMIT
) -> list[RegionAbsorption]:
    """The receiving regions with the lowest absorption (pagu > 0), lowest first."""
    return sorted(
        (r for r in regions if r.absorption is not None), key=lambda r: (r.absorption, r.code)
    )[:limit]


def _nation_snapshots(user, period: Period | None = None) -> list[dict]:
    """The nation's snapshots "as of TW IV" of every TA — and, given a period, its TA's earlier
    quarters too, so the dashboard's trend and quarter series share one query."""
    wanted = Q(quarter=4)
    if period is not None:
        wanted |= Q(fiscal_year__year=period.year, quarter__lt=period.quarter)
    return list(
        AbsorptionSnapshot.objects.visible_to(user)
        .filter(
            scope=SnapshotScope.NATION, region__isnull=True
        )  # the nation's partial unique index
        .filter(wanted)
        .values(
            "fiscal_year__year",
            "quarter",
            "absorption",
            "mean_absorption_kabkota",
            "physical_progress",
            "financial_realisation",
        )
    )


def trend(
    user, *, first_year: int = FIRST_TREND_YEAR, snapshots: list[dict] | None = None
) -> list[TrendPoint]:
    """Pagu and year-end absorption of every TA since 2016 (2 queries; gaps where a TA has no data)."""
    pagu = {
        row["fiscal_year__year"]: row
        for row in Allocation.objects.visible_to(user)
        .values("fiscal_year__year")
        .annotate(total=Sum("pagu"), n=Count("id"))
        .order_by()
    }
    # Snapshots "as of TW IV" carry each region's latest counted quarter forward, so for the
    # running TA they hold the latest reported figure.
    rows = _nation_snapshots(user) if snapshots is None else snapshots
    snaps = {s["fiscal_year__year"]: s for s in rows if s["quarter"] == 4}
    years = set(pagu) | set(snaps)
    if not years:
        return []
    return [
        TrendPoint(
            year=y,
            pagu=pagu[y]["total"] if y in pagu else None,
            region_count=pagu.get(y, {}).get("n", 0),
            absorption=snaps.get(y, {}).get("absorption"),
            mean_absorption_kabkota=snaps.get(y, {}).get("mean_absorption_kabkota"),
        )
        for y in range(min(first_year, *years), max(years) + 1)
    ]


def quarter_series(
    user,
    period: Period,
    *,
    region: Region,
    scope: str,
    live: RegionAbsorption | AreaAbsorption | None,
) -> list[QuarterPoint]:
    """Absorption and physical progress of a region or province as of TW I–IV (1 query).

    Quarters up to the chosen one come from the snapshots; the chosen quarter shows `live`, the
    fresh figure of the page, so the chart and the headline never disagree.
    """
    snaps = {
        s["quarter"]: s
        for s in AbsorptionSnapshot.objects.visible_to(user)
        .filter(
            scope=scope,
            region=region,
            fiscal_year__year=period.year,
            quarter__lte=period.quarter,
        )
        .values("quarter", "absorption", "physical_progress", "financial_realisation")
    }
    return _quarter_points(snaps, period, live)


def _quarter_points(snaps: dict[int, dict], period: Period, live) -> list[QuarterPoint]:
    points = [
        QuarterPoint(
            q,
            snaps[q]["absorption"],
            snaps[q]["physical_progress"],
            snaps[q]["financial_realisation"],
        )
        if q in snaps
        else QuarterPoint(q, None, None, None)
        for q in range(1, period.quarter)
    ]
    if live is not None:
        points.append(
            QuarterPoint(
                period.quarter, live.absorption, live.physical_progress, live.financial_realisation
            )
        )
    return points


def national_dashboard(user, period: Period, *, sort: str = DEFAULT_SORT) -> NationalDashboard:
    """KPIs, province table, regions most behind, trend and contributed panels for a TA and quarter."""
    result = absorption(period.year, period.quarter, user=user)
    national, *provinces = with_quarter_reporting(
        (result.national, *result.provinces), result.regions, period
    )
    snapshots = _nation_snapshots(user, period)
    this_year = {s["quarter"]: s for s in snapshots if s["fiscal_year__year"] == period.year}
    return NationalDashboard(
        period=period,
        national=national,
        coverage=coverage(result.regions, period),
        provinces=sort_areas(provinces, sort),
        sort=province_sort(sort),
        behind=regions_behind(result.regions),
        regions=result.regions,
        trend=trend(user, snapshots=snapshots),
        panels=panels_for(PanelScope(user=user, year=period.year, quarter=period.quarter)),
        series=_quarter_points(this_year, period, result.national),
        **_behind_plan(result.regions, period),
    )


def _behind_plan(regions, period: Period) -> dict:
    flagged = {r.code for r in regions if behind_plan_as_of(r, period.fiscal_year, period.quarter)}
    return {
        "behind_plan": [(r, r.code in flagged) for r in furthest_behind_plan(regions)],
        "behind_plan_count": len(flagged),
    }


def province_page(
    user, province: Region, period: Period, *, sort: str = DEFAULT_SORT
) -> ProvincePage:
    """A province's figures, its receiving regions, quarter chart, open alerts and panels."""
    result = absorption(period.year, period.quarter, province=province, user=user)
    figures = result.province(province.code)
    alerts = list(alert_list(user=user, year=period.year).in_province(province)[:20])
    return ProvincePage(
        period=period,
        province=province,
        figures=figures,
        regions=sort_areas(result.regions, sort),
        coverage=coverage(result.regions, period),
        series=quarter_series(
            user, period, region=province, scope=SnapshotScope.PROVINCE, live=figures
        ),
        alerts=alerts,
        panels=panels_for(
            PanelScope(user=user, year=period.year, quarter=period.quarter, province=province)
        ),
    )


def chart_percent(value: Decimal | None) -> float | None:
    """A percentage for a chart axis (display only; figures themselves stay Decimal)."""
    rounded = round_percent(value)
    return None if rounded is None else float(rounded)
