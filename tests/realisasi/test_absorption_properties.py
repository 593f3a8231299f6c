"""Property tests: absorption depends on the data only — not on insertion order or batching —
and pagu 0 gives "no figure" instead of a crash."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from allocations.choices import ProcurementStage
from allocations.models import Allocation, PlannedActivity
from realisasi.choices import COUNTED_STATUSES, ReportStatus
from realisasi.models import QuarterlyReport, ReportLine
from realisasi.selectors.absorption import absorption
from tests import factories
from tests.factories import menu

STATUSES = [
    ReportStatus.DRAFT,
    ReportStatus.SUBMITTED,
    ReportStatus.VERIFIED,
    ReportStatus.RETURNED,
]
money = st.integers(min_value=0, max_value=1_000_000_000).map(Decimal)
percent = st.integers(min_value=0, max_value=10_000).map(lambda x: Decimal(x) / 100)


@st.composite
def region_data(draw):
    pagus = draw(st.lists(money, min_size=0, max_size=3))
    reports = {}
    for quarter in draw(st.sets(st.integers(1, 4), max_size=4)):
        status = draw(st.sampled_from(STATUSES))
        lines = [(i, draw(money), draw(percent)) for i in range(len(pagus)) if draw(st.booleans())]
        reports[quarter] = (status, lines)
    return pagus, reports


datasets = st.lists(region_data(), min_size=1, max_size=4)


def _store(year: int, data, order: list[int], batch_size: int | None) -> None:
    fy = factories.fiscal_year(year)
    for idx in order:
        pagus, reports = data[idx]
        reg = factories.region(f"61.{idx + 1:02d}")
        alloc = Allocation.objects.create(region=reg, fiscal_year=fy, pagu=sum(pagus, Decimal(0)))
        acts = PlannedActivity.objects.bulk_create(
            [
                PlannedActivity(
                    allocation=alloc, code=f"RK-{i}", menu=menu(), description="x", pagu=p
                )
                for i, p in enumerate(pagus)
            ],
            batch_size=batch_size,
        )
        quarters = sorted(reports, reverse=batch_size == 1)
        reps = QuarterlyReport.objects.bulk_create(
            [
                QuarterlyReport(
                    region=reg, fiscal_year=fy, quarter=q, version=1, status=reports[q][0]
                )
                for q in quarters
            ],
            batch_size=batch_size,
        )
        reps = {
            r.quarter: r for r in reps
        }  # bulk_create returns primary keys on SQLite and PostgreSQL
        lines = [
            ReportLine(
                report=reps[q],
                activity=acts[i],
                financial_realisation=fin,
                physical_progress=phys,
                procurement_stage=ProcurementStage.PELAKSANAAN,
            )
            for q in quarters
            for i, fin, phys in reports[q][1]
        ]
        ReportLine.objects.bulk_create(
            lines[::-1] if batch_size == 1 else lines, batch_size=batch_size
        )


def _expected(data, quarter: int):
    """Python reference of DOMAIN.md §6 per region: (pagu, realisation, absorption)."""
    rows = []
    for pagus, reports in data:
        counted = [
            q for q, (status, _) in reports.items() if status in COUNTED_STATUSES and q <= quarter
        ]
        lines = reports[max(counted)][1] if counted else []
        pagu = sum(pagus, Decimal(0))
        real = sum((fin for _, fin, _ in lines), Decimal(0))
        rows.append((pagu, real, real * 100 / pagu if pagu else None))
    return rows


def _figures(result):
    return (
        [
            (
                r.code,
                r.pagu,
                r.financial_realisation,
                r.absorption,
                r.physical_progress,
                r.latest_quarter,
            )
            for r in result.regions
        ],
        (
            result.national.pagu,
            result.national.financial_realisation,
            result.national.absorption,
            result.national.physical_progress,
            result.national.mean_absorption,
            result.national.mean_absorption_kabkota,
        ),
    )


class AbsorptionProperties(TestCase):
    @settings(max_examples=25, deadline=None)
    @given(data=datasets, quarter=st.integers(1, 4), perm_seed=st.randoms(use_true_random=False))
    def test_insertion_order_and_batching_do_not_matter(self, data, quarter, perm_seed):
        order = list(range(len(data)))
        shuffled = order[:]
        perm_seed.shuffle(shuffled)
        _store(2040, data, order, batch_size=None)
        _store(2041, data, shuffled, batch_size=1)
        assert _figures(absorption(2040, quarter)) == _figures(absorption(2041, quarter))

    @settings(max_examples=25, deadline=None)
    @given(data=datasets, quarter=st.integers(1, 4))
    def test_matches_the_formula_and_pagu_zero_has_no_figure(self, data, quarter):
        _store(2042, data, list(range(len(data))), batch_size=None)
        result = absorption(2042, quarter)
        expected = _expected(data, quarter)
        assert [(r.pagu, r.financial_realisation, r.absorption) for r in result.regions] == expected
        total_pagu = sum((e[0] for e in expected), Decimal(0))
        total_real = sum((e[1] for e in expected), Decimal(0))
        assert result.national.absorption == (total_real * 100 / total_pagu if total_pagu else None)
        figures = [e[2] for e in expected if e[2] is not None]
        assert result.national.mean_absorption == (
            sum(figures, Decimal(0)) / len(figures) if figures else None
        )
