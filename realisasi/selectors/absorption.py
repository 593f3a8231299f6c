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
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

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

ZERO = Decimal("0")
HUNDRED = Decimal("100")
CENT = Decimal("0.01")
WEIGHT = DecimalField(max_digits=32, decimal_places=4)
WEIGHT_PLACES = Decimal("0.0001")
QUARTERS = (1, 2, 3, 4)


def ratio_percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part ÷ whole × 100 in Decimal; None ("no figure") when whole is 0."""
    if not whole:
        return None
    return part * HUNDRED / whole


def deviation(actual: Decimal | None, planned: Decimal | None) -> Decimal | None:
    """Actual − planned in percentage points (negative: behind plan); None without either."""
    if actual is None or planned is None:
        return None
    return actual - planned


@dataclass(frozen=True)
class PlanSums:
    """The target sums of one quarter for a region (or, added up, a province or the nation).

    physical: Σ(target fisik % × line pagu) and Σ line pagu over lines with a physical target;
    financial: Σ target keuangan, and Σ pagu of the regions with a financial target (None:
    no line has one).
    """

    physical_weight: Decimal = ZERO
    physical_pagu: Decimal = ZERO
    financial: Decimal | None = None
    financial_pagu: Decimal = ZERO

    def __add__(self, other: PlanSums) -> PlanSums:
        financial = (
            self.financial
            if other.financial is None
            else other.financial
            if self.financial is None
            else self.financial + other.financial
        )
        return PlanSums(
            self.physical_weight + other.physical_weight,
            self.physical_pagu + other.physical_pagu,
            financial,
            self.financial_pagu + other.financial_pagu,
        )

    @property
    def planned_physical(self) -> Decimal | None:
        """Planned physical progress, weighted by line pagu (same weighting as actual)."""
        return self.physical_weight / self.physical_pagu if self.physical_pagu else None

    @property
    def planned_financial(self) -> Decimal | None:
        """Planned financial realisation as % of pagu (money-weighted, like absorption)."""
        return (
            None if self.financial is None else ratio_percent(self.financial, self.financial_pagu)
        )


NO_PLAN = (PlanSums(),) * 4


@dataclass(frozen=True)
class RegionAbsorption:
    """One receiving region's figures as of the quarter (absorption None when pagu is 0)."""

    region_id: int
    code: str
    name: str
    level: str
    province_id: int
    timezone: str
    pagu: Decimal
    financial_realisation: Decimal
    absorption: Decimal | None
    physical_progress: Decimal | None
    latest_quarter: int | None
    rk_pagu: Decimal
    physical_weight: Decimal
    plan: tuple[PlanSums, ...] = NO_PLAN  # TW I–IV
    planned_physical: Decimal | None = None  # as of the quarter
    planned_financial: Decimal | None = None
    deviation_physical: Decimal | None = None
    deviation_financial: Decimal | None = None

    @property
    def is_kabkota(self) -> bool:
        return self.level != RegionLevel.PROVINSI


@dataclass(frozen=True)
class AreaAbsorption:
    """A province's (region_id = the provinsi) or the nation's (region_id None) totals."""

    region_id: int | None
    code: str
    name: str
    pagu: Decimal
    financial_realisation: Decimal
    absorption: Decimal | None  # money-weighted: Σ realisasi ÷ Σ pagu
    physical_progress: Decimal | None
    mean_absorption: Decimal | None  # unweighted mean of region absorptions, all regions
    mean_absorption_kabkota: Decimal | None  # the same over kabupaten/kota only
    region_count: int
    kabkota_count: int
    reporting_count: int
    plan: tuple[PlanSums, ...] = NO_PLAN  # TW I–IV
    planned_physical: Decimal | None = None  # as of the quarter
    planned_financial: Decimal | None = None
    deviation_physical: Decimal | None = None
    deviation_financial: Decimal | None = None


@dataclass(frozen=True)
class Absorption:
    year: int
    as_of_quarter: int
    regions: tuple[RegionAbsorption, ...]
    provinces: tuple[AreaAbsorption, ...]
    national: AreaAbsorption

    def region(self, code: str) -> RegionAbsorption | None:
        return next((r for r in self.regions if r.code == code), None)

    def province(self, code: str) -> AreaAbsorption | None:
        return next((p for p in self.provinces if p.code == code), None)


def round_percent(value: Decimal | None) -> Decimal | None:
    """Half-up to 2 decimals — for display only, never before summing."""
    return None if value is None else value.quantize(CENT, rounding=ROUND_HALF_UP)


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


def _decimal(text, places: Decimal) -> Decimal | None:
    return None if text is None else Decimal(str(text)).quantize(places)


def _plan(row: dict) -> tuple[PlanSums, ...]:
    sums = row["plan"] or {}

    def one(q: int) -> PlanSums:
        financial = _decimal(sums.get(f"fin_{q}"), CENT)
        return PlanSums(
            physical_weight=_decimal(sums.get(f"pw_{q}"), WEIGHT_PLACES) or ZERO,
            physical_pagu=_decimal(sums.get(f"pp_{q}"), CENT) or ZERO,
            financial=financial,
            financial_pagu=row["pagu"] if financial is not None else ZERO,
        )

    return tuple(one(q) for q in QUARTERS)


def _plan_fields(plan: tuple[PlanSums, ...], quarter: int, *, absorption, physical) -> dict:
    """Planned and deviation as of `quarter` — the same for a region, a province and the nation."""
    now = plan[quarter - 1]
    return {
        "plan": plan,
        "planned_physical": now.planned_physical,
        "planned_financial": now.planned_financial,
        "deviation_physical": deviation(physical, now.planned_physical),
        "deviation_financial": deviation(absorption, now.planned_financial),
    }


def _region(row: dict, sums: dict | None, quarter: int) -> RegionAbsorption:
    pagu = row["pagu"]
    rk_pagu = row["rk_pagu"] or ZERO
    financial_realisation = (sums or {}).get("financial_realisation_total") or ZERO
    weight = (sums or {}).get("physical_weight") or ZERO
    is_province = row["region__level"] == RegionLevel.PROVINSI
    absorption_pct = ratio_percent(financial_realisation, pagu)
    physical = (weight / rk_pagu) if rk_pagu else None
    return RegionAbsorption(
        region_id=row["region_id"],
        code=row["region__code"],
        name=row["region__name"],
        level=row["region__level"],
        timezone=row["region__timezone"],
        province_id=row["region_id"] if is_province else row["region__parent_id"],
        pagu=pagu,
        financial_realisation=financial_realisation,
        absorption=absorption_pct,
        physical_progress=physical,
        latest_quarter=row["latest_quarter"],
        rk_pagu=rk_pagu,
        physical_weight=weight,
        **_plan_fields(_plan(row), quarter, absorption=absorption_pct, physical=physical),
    )


def _mean(values: Iterable[Decimal | None]) -> Decimal | None:
    figures = [v for v in values if v is not None]
    return sum(figures, ZERO) / len(figures) if figures else None


def _area(
    region_id: int | None, code: str, name: str, regions: list[RegionAbsorption], quarter: int
) -> AreaAbsorption:
    pagu = sum((r.pagu for r in regions), ZERO)
    financial_realisation = sum((r.financial_realisation for r in regions), ZERO)
    rk_pagu = sum((r.rk_pagu for r in regions), ZERO)
    weight = sum((r.physical_weight for r in regions), ZERO)
    kabkota = [r for r in regions if r.is_kabkota]
    absorption_pct = ratio_percent(financial_realisation, pagu)
    physical = (weight / rk_pagu) if rk_pagu else None
    plan = tuple(sum((r.plan[q - 1] for r in regions), PlanSums()) for q in QUARTERS)
    return AreaAbsorption(
        region_id=region_id,
        code=code,
        name=name,
        pagu=pagu,
        financial_realisation=financial_realisation,
        absorption=absorption_pct,
        physical_progress=physical,
        mean_absorption=_mean(r.absorption for r in regions),
        mean_absorption_kabkota=_mean(r.absorption for r in kabkota),
        region_count=len(regions),
        kabkota_count=len(kabkota),
        reporting_count=sum(1 for r in regions if r.latest_quarter is not None),
        **_plan_fields(plan, quarter, absorption=absorption_pct, physical=physical),
    )


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
