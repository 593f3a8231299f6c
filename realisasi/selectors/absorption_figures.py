"""The figures of `absorption()` and the arithmetic that builds them from its query rows.

Pure Decimal work, no queries: the dataclasses (region, province/nation, plan sums), the
ratio and deviation rules, and turning one allocation row (plus its line sums) into a region's
figures and a list of regions into an area's. The queries live in `selectors.absorption`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DecimalField

from allocations.choices import RegionLevel

__all__ = [
    "Absorption",
    "AreaAbsorption",
    "PlanSums",
    "RegionAbsorption",
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
