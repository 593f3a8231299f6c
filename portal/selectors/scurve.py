"""The S-curve (kurva S, DOMAIN.md §7): planned and actual cumulative curves over TW I–IV.

Nothing is computed here that the absorption selector does not already give: the planned line is
the figures' `plan` (TW I–IV target sums, the same query as absorption), the actual line is the
page's quarter series (snapshots up to the quarter before, the live figure at the chosen one),
and each quarter's deviation is `absorption.deviation` — so no query is added to any page.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from dakmonev.quarters import Quarter
from dakmonev.spreadsheet.numbers import format_percent
from realisasi.selectors.absorption import (
    AreaAbsorption,
    RegionAbsorption,
    deviation,
    round_percent,
)

from .dashboard import QuarterPoint

__all__ = ["SCurve", "SCurvePoint", "s_curve", "s_curve_chart"]


@dataclass(frozen=True)
class SCurvePoint:
    quarter: int
    planned_physical: Decimal | None
    actual_physical: Decimal | None
    deviation_physical: Decimal | None
    planned_financial: Decimal | None
    actual_financial: Decimal | None  # absorption
    deviation_financial: Decimal | None
    reached: bool  # the quarter is ≤ the chosen one (actual figures exist up to there)


@dataclass(frozen=True)
class SCurve:
    points: list[SCurvePoint]

    @property
    def has_plan(self) -> bool:
        return any(
            p.planned_physical is not None or p.planned_financial is not None for p in self.points
        )


def s_curve(
    series: list[QuarterPoint], figures: RegionAbsorption | AreaAbsorption | None
) -> SCurve | None:
    """Planned (TW I–IV) and actual (up to the chosen quarter) curves with the deviation."""
    if figures is None:
        return None
    actual = {p.quarter: p for p in series}
    points = []
    for q, plan in enumerate(figures.plan, start=1):
        a = actual.get(q)
        physical = a.physical_progress if a else None
        financial = a.absorption if a else None
        points.append(
            SCurvePoint(
                quarter=q,
                planned_physical=plan.planned_physical,
                actual_physical=physical,
                deviation_physical=deviation(physical, plan.planned_physical),
                planned_financial=plan.planned_financial,
                actual_financial=financial,
                deviation_financial=deviation(financial, plan.planned_financial),
                reached=a is not None,
            )
        )
    return SCurve(points)


def _pct(value: Decimal | None) -> float | None:
    rounded = round_percent(value)
    return None if rounded is None else float(rounded)


def _texts(values) -> list[str]:
    return ["—" if v is None else format_percent(v) for v in values]


def s_curve_chart(curve: SCurve | None) -> dict | None:
    """The chart's data (JSON-able), legend texts in the page's language."""
    if curve is None:
        return None
    pts = curve.points
    series = {
        "plannedPhysical": [p.planned_physical for p in pts],
        "actualPhysical": [p.actual_physical if p.reached else None for p in pts],
        "plannedFinancial": [p.planned_financial for p in pts],
        "actualFinancial": [p.actual_financial if p.reached else None for p in pts],
    }
    data: dict = {"labels": [Quarter(p.quarter).label for p in pts]}
    for key, values in series.items():
        data[key] = [_pct(v) for v in values]
        data[key + "Text"] = _texts(values)
    data["series"] = {
        "plannedPhysical": _("Rencana fisik"),
        "actualPhysical": _("Realisasi fisik"),
        "plannedFinancial": _("Rencana keuangan"),
        "actualFinancial": _("Realisasi keuangan (penyerapan)"),
    }
    return data
