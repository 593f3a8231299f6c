"""A report's lines against their RK line's targets for the report's quarter (issue 18): what the
verification screen shows beside the figures. Same helpers as the absorption selector
(`ratio_percent`, `deviation`): planned financial is target Rp ÷ line pagu × 100."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from allocations.models import ActivityTarget

from ..models import QuarterlyReport
from .absorption import deviation, ratio_percent
from .reports import report_lines

__all__ = ["LineDeviation", "line_deviations"]


@dataclass(frozen=True)
class LineDeviation:
    code: str
    planned_physical: Decimal | None
    actual_physical: Decimal
    deviation_physical: Decimal | None
    planned_financial: Decimal | None  # % of the line's pagu
    actual_financial: Decimal | None
    deviation_financial: Decimal | None

    @property
    def has_plan(self) -> bool:
        return self.planned_physical is not None or self.planned_financial is not None


def line_deviations(report: QuarterlyReport) -> list[LineDeviation]:
    """Each line's deviation from its target for the report's quarter (2 queries)."""
    lines = list(report_lines(report))
    targets = {
        t.activity_id: t
        for t in ActivityTarget.objects.filter(
            activity_id__in=[ln.activity_id for ln in lines], quarter=report.quarter
        )
    }
    out = []
    for ln in lines:
        t = targets.get(ln.activity_id)
        pagu = ln.activity.pagu
        planned_physical = t.target_physical_pct if t else None
        planned_financial = (
            ratio_percent(t.target_financial, pagu)
            if t and t.target_financial is not None
            else None
        )
        actual_financial = ratio_percent(ln.financial_realisation, pagu)
        out.append(
            LineDeviation(
                code=ln.activity.code,
                planned_physical=planned_physical,
                actual_physical=ln.physical_progress,
                deviation_physical=deviation(ln.physical_progress, planned_physical),
                planned_financial=planned_financial,
                actual_financial=actual_financial,
                deviation_financial=deviation(actual_financial, planned_financial),
            )
        )
    return out
