"""Property test: the selector's planned figures and deviation equal a plain-Python reference of
DOMAIN.md §7 for any data — regions in two provinces, lines with or without targets per quarter,
reports in any status — at every level and as of every quarter."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from allocations.choices import ProcurementStage
from allocations.models import ActivityTarget, Allocation, PlannedActivity
from realisasi.choices import COUNTED_STATUSES
from realisasi.models import QuarterlyReport, ReportLine
from realisasi.selectors.absorption import absorption
from tests import factories
from tests.factories import menu

from .test_absorption_properties import money, percent, region_data

maybe_percent = st.none() | percent
maybe_money = st.none() | money
TOLERANCE = Decimal("0.000001")


@st.composite
def planned_region(draw):
    pagus, reports = draw(region_data())
    targets = {
        (i, q): (draw(maybe_percent), draw(maybe_money))
        for i in range(len(pagus))
        for q in range(1, 5)
        if draw(st.booleans())
    }
    return pagus, reports, targets


datasets = st.lists(planned_region(), min_size=1, max_size=4)


def _code(idx: int) -> str:
    return f"6{1 + idx % 2}.{idx + 1:02d}"  # two provinces, 61 and 62


def _store(year: int, data) -> None:
    fy = factories.fiscal_year(year)
    for idx, (pagus, reports, targets) in enumerate(data):
        reg = factories.region(_code(idx))
        alloc = Allocation.objects.create(region=reg, fiscal_year=fy, pagu=sum(pagus, Decimal(0)))
        acts = PlannedActivity.objects.bulk_create(
            PlannedActivity(allocation=alloc, code=f"RK-{i}", menu=menu(), description="x", pagu=p)
            for i, p in enumerate(pagus)
        )
        for q, (status, lines) in reports.items():
            rep = QuarterlyReport.objects.create(
                region=reg, fiscal_year=fy, quarter=q, version=1, status=status
            )
            ReportLine.objects.bulk_create(
                ReportLine(
                    report=rep,
                    activity=acts[i],
                    financial_realisation=fin,
                    physical_progress=phys,
                    procurement_stage=ProcurementStage.PELAKSANAAN,
                )
                for i, fin, phys in lines
            )
        ActivityTarget.objects.bulk_create(
            ActivityTarget(
                activity=acts[i], quarter=q, target_physical_pct=phys, target_financial=fin
            )
            for (i, q), (phys, fin) in targets.items()
        )


def _reference(data, quarter: int) -> dict:
    """code → (actual fisik, absorption, planned fisik, planned keuangan) sums, then ratios."""
    sums = {}
    for idx, (pagus, reports, targets) in enumerate(data):
        counted = [
            q for q, (status, _) in reports.items() if status in COUNTED_STATUSES and q <= quarter
        ]
        lines = reports[max(counted)][1] if counted else []
        pagu = sum(pagus, Decimal(0))
        phys_targets = [
            (i, t[0]) for (i, q), t in targets.items() if q == quarter and t[0] is not None
        ]
        fin_targets = [t[1] for (i, q), t in targets.items() if q == quarter and t[1] is not None]
        sums[idx] = {
            "pagu": pagu,
            "rk_pagu": pagu,
            "real": sum((fin for _, fin, _ in lines), Decimal(0)),
            "weight": sum((phys * pagus[i] for i, _, phys in lines), Decimal(0)),
            "plan_weight": sum((p * pagus[i] for i, p in phys_targets), Decimal(0)),
            "plan_pagu": sum((pagus[i] for i, _ in phys_targets), Decimal(0)),
            "plan_fin": sum(fin_targets, Decimal(0)) if fin_targets else None,
            "plan_fin_pagu": pagu if fin_targets else Decimal(0),
        }
    areas = {"": list(sums.values())}
    by_province = defaultdict(list)
    for idx, s in sums.items():
        by_province[_code(idx).split(".")[0]].append(s)
    areas.update(by_province)
    areas.update({_code(idx): [s] for idx, s in sums.items()})
    out = {}
    for code, members in areas.items():
        total = {
            k: sum((m[k] for m in members if m[k] is not None), Decimal(0)) for k in members[0]
        }
        has_fin = any(m["plan_fin"] is not None for m in members)
        actual_phys = total["weight"] / total["rk_pagu"] if total["rk_pagu"] else None
        actual_fin = total["real"] * 100 / total["pagu"] if total["pagu"] else None
        planned_phys = total["plan_weight"] / total["plan_pagu"] if total["plan_pagu"] else None
        planned_fin = (
            total["plan_fin"] * 100 / total["plan_fin_pagu"]
            if has_fin and total["plan_fin_pagu"]
            else None
        )
        out[code] = (
            planned_phys,
            planned_fin,
            None if actual_phys is None or planned_phys is None else actual_phys - planned_phys,
            None if actual_fin is None or planned_fin is None else actual_fin - planned_fin,
        )
    return out


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= TOLERANCE


class DeviationProperties(TestCase):
    @settings(max_examples=30, deadline=None)
    @given(data=datasets, quarter=st.integers(1, 4))
    def test_matches_the_plain_reference(self, data, quarter):
        _store(2043, data)
        result = absorption(2043, quarter, use_cache=False)
        expected = _reference(data, quarter)
        got = {r.code: r for r in (*result.regions, *result.provinces)} | {"": result.national}
        for code, want in expected.items():
            figures = got[code]
            have = (
                figures.planned_physical,
                figures.planned_financial,
                figures.deviation_physical,
                figures.deviation_financial,
            )
            assert all(_close(h, w) for h, w in zip(have, want, strict=True)), (code, have, want)
