"""Absorption (penyerapan) as of a quarter — the one place the DOMAIN.md §6 formulas live.

Dashboard, API, exports and snapshots all call `absorption()`. Per-region sums come from two
aggregate queries (allocations with their latest counted quarter ≤ Q, and one aggregate over
the lines of exactly those reports), whatever the number of regions. Provinces and the nation
add those exact Decimal sums, so every level agrees with the regions below it.

Plan versus actual (DOMAIN.md §7) rides on the same allocation rows: each carries its lines'
target sums for TW I–IV (`PlanSums`), so the planned figures, the deviation "as of Q" and the
S-curve's planned line come from the same query and the same addition. A line's plan for a
quarter is its target for that quarter (an empty target is no target, EXCEL-FORMATS.md §3);
actual figures carry forward as always. Without a target there is no planned figure and no
deviation (None), never 0.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db.models import (
    CharField,
    DecimalField,
    ExpressionWrapper,
    F,
    JSONField,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Cast, Coalesce, JSONObject

from accounts.roles import sees_all_regions
from allocations.choices import RegionLevel
from allocations.models import ActivityTarget, Allocation, PlannedActivity, Region
from dakmonev import figures_version

from ..choices import COUNTED_STATUSES
from ..models import QuarterlyReport, ReportLine
from .absorption_figures import (
    QUARTERS,
    WEIGHT,
    ZERO,
    Absorption,
    AreaAbsorption,
    PlanSums,
    RegionAbsorption,
    _area,
    _region,
    deviation,
    ratio_percent,
    round_percent,
)

__all__ = [
    "Absorption",
    "AreaAbsorption",
    "PlanSums",
    "RegionAbsorption",
    "absorption",
    "deviation",
    "ratio_percent",
    "round_percent",
]


def _latest_counted_quarter(as_of_quarter: int, *, region_ref: str, year_ref: str) -> Subquery:
    return Subquery(
        QuarterlyReport.objects.filter(
            region_id=OuterRef(region_ref),
            fiscal_year_id=OuterRef(year_ref),
            quarter__lte=as_of_quarter,
            status__in=COUNTED_STATUSES,
        )
        .order_by("-quarter")
        .values("quarter")[:1]
    )


def _plan_sums() -> Subquery:
    """One correlated subquery per allocation: for TW I–IV, Σ target fisik × line pagu and Σ pagu
    over lines with a physical target, and Σ target keuangan (NULL: no line has that target).

    Packed into one JSON object of exact decimal texts, so the targets cost one pass over the
    allocation's lines in the same query (and never a float), whatever the number of quarters.
    """
    physical, financial = Q(target_physical_pct__isnull=False), Q(target_financial__isnull=False)
    weight = ExpressionWrapper(F("target_physical_pct") * F("activity__pagu"), output_field=WEIGHT)
    sums = {}
    for q in QUARTERS:
        sums[f"pw_{q}"] = Sum(weight, filter=physical & Q(quarter=q))
        sums[f"pp_{q}"] = Sum("activity__pagu", filter=physical & Q(quarter=q))
        sums[f"fin_{q}"] = Sum("target_financial", filter=financial & Q(quarter=q))
    return Subquery(
        ActivityTarget.objects.filter(activity__allocation_id=OuterRef("pk"))
        .values("activity__allocation_id")
        .annotate(plan=JSONObject(**{k: Cast(v, CharField()) for k, v in sums.items()}))
        .values("plan"),
        output_field=JSONField(),
    )


def _allocation_rows(year: int, as_of_quarter: int, *, province, user) -> list[dict]:
    allocations = Allocation.objects.filter(fiscal_year__year=year)
    if province is not None:
        allocations = allocations.in_province(province)
    if user is not None:
        allocations = allocations.visible_to(user)
    rk_pagu = Subquery(
        PlannedActivity.objects.filter(allocation_id=OuterRef("pk"))
        .values("allocation_id")
        .annotate(total=Sum("pagu"))
        .values("total")
    )
    return list(
        allocations.annotate(
            latest_quarter=_latest_counted_quarter(
                as_of_quarter, region_ref="region_id", year_ref="fiscal_year_id"
            ),
            rk_pagu=Coalesce(
                rk_pagu, ZERO, output_field=DecimalField(max_digits=18, decimal_places=2)
            ),
            plan=_plan_sums(),
        )
        .values(
            "region_id",
            "region__code",
            "region__name",
            "region__level",
            "region__timezone",
            "region__parent_id",
            "region__parent__code",
            "region__parent__name",
            "pagu",
            "rk_pagu",
            "latest_quarter",
            "plan",
        )
        .order_by("region__code")
    )


def _line_sums(year: int, as_of_quarter: int, *, province, user) -> dict[int, dict]:
    # Driven by the counted reports (a few hundred ids) and the lines' report index: the plan
    # stays a short nested loop even right after a surge, before PostgreSQL has re-analysed the
    # tables (joining the TA twice, through the report and through the RK line, let a stale
    # estimate turn one aggregate into minutes of nested loops).
    reports = QuarterlyReport.objects.filter(
        fiscal_year__year=year,
        status__in=COUNTED_STATUSES,
        quarter=_latest_counted_quarter(
            as_of_quarter, region_ref="region_id", year_ref="fiscal_year_id"
        ),
    )
    if province is not None:
        reports = reports.in_province(province)
    if user is not None:
        reports = reports.visible_to(user)
    lines = ReportLine.objects.filter(
        report_id__in=reports.values("pk"),
        activity__allocation__fiscal_year_id=F("report__fiscal_year_id"),
    )
    rows = (
        lines.values("report__region_id")
        .annotate(
            financial_realisation_total=Sum("financial_realisation"),
            physical_weight=Sum(
                ExpressionWrapper(F("physical_progress") * F("activity__pagu"), output_field=WEIGHT)
            ),
        )
        .order_by()
    )
    return {row["report__region_id"]: row for row in rows}


def absorption(
    year: int,
    as_of_quarter: int = 4,
    *,
    province: Region | int | None = None,
    user=None,
    use_cache: bool = True,
) -> Absorption:
    """Pagu, realisasi, absorption and physical progress per region, province and nation as of TA `year` TW `as_of_quarter`.

    Counts only each region's counted (submitted/verified) report of its latest quarter ≤ Q
    (cumulative values carry forward); a receiving region without one counts 0. When `user`
    is given only what `visible_to(user)` allows is included. Decimal, unrounded.

    Unscoped results may come from the cache (FIGURES_CACHE_SECONDS > 0), keyed by the
    figures' data version, which every write that changes a figure bumps after commit
    (dakmonev/figures_version.py) — so a cached figure is never older than the last commit.
    """
    if as_of_quarter not in (1, 2, 3, 4):
        raise ValueError("as_of_quarter must be 1–4")
    if user is not None and sees_all_regions(user):
        user = None  # every central role sees the same, unscoped figures
    seconds = settings.FIGURES_CACHE_SECONDS
    if user is not None or not use_cache or not seconds:
        return _compute(year, as_of_quarter, province=province, user=user)
    province_id = province.pk if isinstance(province, Region) else province
    return figures_version.cached(
        "absorption",
        (year, as_of_quarter, province_id),
        lambda: _compute(year, as_of_quarter, province=province, user=None),
        seconds=seconds,
    )


def _compute(year: int, as_of_quarter: int, *, province, user) -> Absorption:
    rows = _allocation_rows(year, as_of_quarter, province=province, user=user)
    sums = _line_sums(year, as_of_quarter, province=province, user=user)
    regions = tuple(_region(row, sums.get(row["region_id"]), as_of_quarter) for row in rows)

    by_province: dict[int, list[RegionAbsorption]] = defaultdict(list)
    labels: dict[int, tuple[str, str]] = {}
    for row, region in zip(rows, regions, strict=True):
        by_province[region.province_id].append(region)
        if row["region__level"] == RegionLevel.PROVINSI:
            labels[region.province_id] = (row["region__code"], row["region__name"])
        else:
            labels.setdefault(
                region.province_id, (row["region__parent__code"], row["region__parent__name"])
            )
    provinces = tuple(
        _area(pid, *labels[pid], by_province[pid], as_of_quarter)
        for pid in sorted(by_province, key=lambda p: labels[p][0])
    )
    national = _area(None, "", "Nasional", list(regions), as_of_quarter)
    return Absorption(
        year=year,
        as_of_quarter=as_of_quarter,
        regions=regions,
        provinces=provinces,
        national=national,
    )
