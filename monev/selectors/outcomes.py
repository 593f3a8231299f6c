"""Outcome aggregation over surveyed sentra (the figures the 2018 monev reported)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum

from ..models import OutcomeSurvey
from ..models.outcomes import COUNT_INDICATORS, LEVEL_INDICATORS

HUNDRED = Decimal(100)


@dataclass
class IndicatorChange:
    key: str
    label: str
    method: str  # "sum": Σ after vs Σ baseline · "share": share of sentra whose level rose
    baseline: Decimal | int | None = None
    after: Decimal | int | None = None
    increased: int | None = None
    sentra: int = 0
    percent: Decimal | None = None
    unit: str = ""


@dataclass
class OutcomeSummary:
    fiscal_year: int
    sentra_count: int
    region_count: int
    indicators: list[IndicatorChange]
    capacity_by_unit: list[IndicatorChange] = field(default_factory=list)

    def get(self, key: str) -> IndicatorChange:
        return next(i for i in self.indicators if i.key == key)


def _pct_change(baseline, after) -> Decimal | None:
    if not baseline:
        return None
    return (Decimal(after) - Decimal(baseline)) / Decimal(baseline) * HUNDRED


def survey_list(
    *, user, fiscal_year: int | None = None, region_ids: Iterable[int] | None = None
) -> QuerySet:
    """Surveys the user may see for a TA and (optionally) a sample of regions."""
    qs = OutcomeSurvey.objects.visible_to(user).select_related("sentra__region", "fiscal_year")
    if fiscal_year:
        qs = qs.filter(fiscal_year__year=fiscal_year)
    if region_ids:
        qs = qs.filter(sentra__region_id__in=list(region_ids))
    return qs


def outcome_aggregate(
    *, user, fiscal_year: int, region_ids: Iterable[int] | None = None
) -> OutcomeSummary:
    """Percentage change per outcome indicator over the surveyed sentra of a TA (two DB aggregate queries).

    The sample is every survey of TA `fiscal_year` the user may see, restricted to the sentra of
    `region_ids` when given (e.g. the 42 kabupaten/kota of the 2018 monev).

    * IKM units, product types, workforce:
        percent = (Σ after − Σ baseline) ÷ Σ baseline × 100, sums over all sentra in the sample
        (so large sentra weigh more — the same way totals were reported); None when Σ baseline = 0.
    * Production capacity: the same Σ formula, but only within one capacity unit (adding pcs to kg
      means nothing). `capacity_by_unit` lists each unit; the headline figure is that unit's
      when the sample has one unit, otherwise the mean of the per-unit percentages weighted by
      the number of sentra in each unit (units whose Σ baseline = 0 left out).
    * Institutional formality (none < kelompok < koperasi < UPT < badan usaha) and market reach
      (lokal < regional < nasional < ekspor):
        percent = (number of sentra whose level after > level at baseline) ÷ (number of sentra) × 100.
    """
    qs = survey_list(user=user, fiscal_year=fiscal_year, region_ids=region_ids)
    sums = {}
    for key, _label in COUNT_INDICATORS:
        if key != "capacity":
            sums[f"{key}_b"] = Sum(f"{key}_baseline")
            sums[f"{key}_a"] = Sum(f"{key}_after")
    for key, _label in LEVEL_INDICATORS:
        sums[f"{key}_up"] = Count("id", filter=Q(**{f"{key}_after__gt": F(f"{key}_baseline")}))
    row = qs.aggregate(n=Count("id"), regions=Count("sentra__region", distinct=True), **sums)
    n = row["n"] or 0

    capacity_rows = list(
        qs.values("capacity_unit")
        .annotate(b=Sum("capacity_baseline"), a=Sum("capacity_after"), n=Count("id"))
        .order_by("capacity_unit")
    )
    by_unit = [
        IndicatorChange(
            key="capacity",
            label=str(dict(COUNT_INDICATORS)["capacity"]),
            method="sum",
            baseline=r["b"],
            after=r["a"],
            sentra=r["n"],
            percent=_pct_change(r["b"], r["a"]),
            unit=r["capacity_unit"],
        )
        for r in capacity_rows
    ]
    indicators = []
    for key, label in COUNT_INDICATORS:
        if key == "capacity":
            indicators.append(_capacity_headline(label, by_unit, n))
            continue
        b, a = row[f"{key}_b"] or 0, row[f"{key}_a"] or 0
        indicators.append(
            IndicatorChange(
                key=key,
                label=str(label),
                method="sum",
                baseline=b,
                after=a,
                sentra=n,
                percent=_pct_change(b, a),
            )
        )
    for key, label in LEVEL_INDICATORS:
        up = row[f"{key}_up"] or 0
        indicators.append(
            IndicatorChange(
                key=key,
                label=str(label),
                method="share",
                increased=up,
                sentra=n,
                percent=(Decimal(up) / Decimal(n) * HUNDRED) if n else None,
            )
        )
    order = ["ikm_units", "product_types", "formality", "market_reach", "workforce", "capacity"]
    indicators.sort(key=lambda i: order.index(i.key))
    return OutcomeSummary(
        fiscal_year=fiscal_year,
        sentra_count=n,
        region_count=row["regions"] or 0,
        indicators=indicators,
        capacity_by_unit=by_unit,
    )


def _capacity_headline(label, by_unit: list[IndicatorChange], n: int) -> IndicatorChange:
    usable = [u for u in by_unit if u.percent is not None]
    if len(by_unit) == 1:
        only = by_unit[0]
        return IndicatorChange(
            key="capacity",
            label=str(label),
            method="sum",
            baseline=only.baseline,
            after=only.after,
            sentra=n,
            percent=only.percent,
            unit=only.unit,
        )
    weight = sum(u.sentra for u in usable)
    percent = sum((u.percent * u.sentra for u in usable), Decimal(0)) / weight if weight else None
    return IndicatorChange(
        key="capacity",
        label=str(label),
        method="sum",
        sentra=n,
        percent=percent,
        unit="beragam satuan" if by_unit else "",
    )
