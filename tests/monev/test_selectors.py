"""Outcome aggregation against a hand-computed example; open-finding summaries and overdue follow-ups."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from monev import selectors
from monev.choices import FollowUpStatus
from monev.choices import Formality as Fm
from monev.choices import MarketReach as Mr
from tests.factories import (
    FindingFactory,
    FiscalYearFactory,
    OutcomeSurveyFactory,
    RegionFactory,
    SentraFactory,
    make_user,
    problem_code,
)

pytestmark = pytest.mark.django_db


def q2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.fixture
def surveys(world):
    """Three sentra in the sample (two in A, one in B), plus one outside the TA and one outside the sample.

    | sentra | IKM   | produk | kelembagaan        | pasar              | TK     | kapasitas          |
    | S1 (A) | 10→14 | 4→8    | none→kelompok (↑)  | lokal→lokal        | 20→35  | 100→160 pcs/bulan  |
    | S2 (A) | 30→38 | 6→10   | koperasi→koperasi  | lokal→regional (↑) | 50→90  | 400→700 pcs/bulan  |
    | S3 (B) | 20→27 | 5→9    | kelompok→koperasi ↑| nasional→nasional  | 30→50  | 1000→1500 kg/bulan |
    """
    c = RegionFactory(code="73.71", parent__code="73")
    rows = [
        (
            world.a,
            10,
            14,
            4,
            8,
            Fm.NONE,
            Fm.KELOMPOK,
            Mr.LOKAL,
            Mr.LOKAL,
            20,
            35,
            "100",
            "160",
            "pcs/bulan",
        ),
        (
            world.a,
            30,
            38,
            6,
            10,
            Fm.KOPERASI,
            Fm.KOPERASI,
            Mr.LOKAL,
            Mr.REGIONAL,
            50,
            90,
            "400",
            "700",
            "pcs/bulan",
        ),
        (
            world.b,
            20,
            27,
            5,
            9,
            Fm.KELOMPOK,
            Fm.KOPERASI,
            Mr.NASIONAL,
            Mr.NASIONAL,
            30,
            50,
            "1000",
            "1500",
            "kg/bulan",
        ),
    ]
    for region, ib, ia, pb, pa, fb, fa, mb, ma, wb, wa, cb, ca, unit in rows:
        OutcomeSurveyFactory(
            sentra=SentraFactory(region=region),
            fiscal_year=world.ta,
            ikm_units_baseline=ib,
            ikm_units_after=ia,
            product_types_baseline=pb,
            product_types_after=pa,
            formality_baseline=fb,
            formality_after=fa,
            market_reach_baseline=mb,
            market_reach_after=ma,
            workforce_baseline=wb,
            workforce_after=wa,
            capacity_baseline=Decimal(cb),
            capacity_after=Decimal(ca),
            capacity_unit=unit,
        )
    # Noise that must not count: another TA, and a region outside the sample.
    OutcomeSurveyFactory(
        sentra=SentraFactory(region=world.a),
        fiscal_year=FiscalYearFactory(year=2023),
        ikm_units_baseline=1,
        ikm_units_after=1000,
    )
    OutcomeSurveyFactory(
        sentra=SentraFactory(region=c),
        fiscal_year=world.ta,
        ikm_units_baseline=1,
        ikm_units_after=1000,
    )
    return world


def test_outcome_aggregation_matches_hand_computed_example(surveys, django_assert_num_queries):
    w = surveys
    with django_assert_num_queries(2):
        s = selectors.outcome_aggregate(
            user=w.ditjen, fiscal_year=2024, region_ids=[w.a.id, w.b.id]
        )
    assert (s.sentra_count, s.region_count) == (3, 2)
    pct = {i.key: q2(i.percent) for i in s.indicators}
    assert pct == {
        "ikm_units": Decimal("31.67"),  # (79 − 60) ÷ 60 × 100
        "product_types": Decimal("80.00"),  # (27 − 15) ÷ 15 × 100
        "formality": Decimal("66.67"),  # 2 of 3 sentra moved up
        "market_reach": Decimal("33.33"),  # 1 of 3 sentra moved up
        "workforce": Decimal("75.00"),  # (175 − 100) ÷ 100 × 100
        "capacity": Decimal(
            "64.67"
        ),  # pcs: (860 − 500) ÷ 500 = 72 % (2 sentra); kg: 50 % (1) → (2×72 + 50) ÷ 3
    }
    assert [i.key for i in s.indicators] == [
        "ikm_units",
        "product_types",
        "formality",
        "market_reach",
        "workforce",
        "capacity",
    ]
    units = {u.unit: q2(u.percent) for u in s.capacity_by_unit}
    assert units == {"pcs/bulan": Decimal("72.00"), "kg/bulan": Decimal("50.00")}
    assert (s.get("ikm_units").baseline, s.get("ikm_units").after) == (60, 79)


def test_outcome_sample_of_one_region_and_single_capacity_unit(surveys):
    s = selectors.outcome_aggregate(
        user=surveys.ditjen, fiscal_year=2024, region_ids=[surveys.a.id]
    )
    pct = {i.key: q2(i.percent) for i in s.indicators}
    assert pct["ikm_units"] == Decimal("30.00")  # (52 − 40) ÷ 40
    assert pct["workforce"] == Decimal("78.57")  # (125 − 70) ÷ 70
    assert pct["capacity"] == Decimal("72.00")  # one unit: the Σ formula itself
    assert pct["formality"] == pct["market_reach"] == Decimal("50.00")


def test_outcome_aggregation_is_scoped_and_empty_sample_gives_no_figures(surveys):
    s = selectors.outcome_aggregate(user=surveys.dinas_b, fiscal_year=2024)
    assert s.sentra_count == 1 and q2(s.get("ikm_units").percent) == Decimal(
        "35.00"
    )  # (27 − 20) ÷ 20
    empty = selectors.outcome_aggregate(user=surveys.ditjen, fiscal_year=2030)
    assert empty.sentra_count == 0 and all(i.percent is None for i in empty.indicators)


def test_summary_counts_open_findings_by_region_problem_and_age(world):
    as_of = dt.date(2025, 3, 1)
    old = FindingFactory(
        inspection=world.insp_a, problem_code=problem_code(6), due_date=dt.date(2025, 1, 31)
    )
    type(old).objects.filter(pk=old.pk).update(
        created_at=timezone.make_aware(dt.datetime(2024, 6, 1, 10))
    )
    FindingFactory(
        inspection=world.insp_b,
        problem_code=problem_code(6),
        due_date=dt.date(2025, 6, 30),
        status=FollowUpStatus.SELESAI,
        closed_at=timezone.now(),
        closed_by=world.inspector,
    )
    for f in (world.finding_a, world.finding_b):
        type(f).objects.filter(pk=f.pk).update(
            created_at=timezone.make_aware(dt.datetime(2025, 2, 20, 10))
        )
    summary = selectors.finding_summary(
        user=world.pimpinan, filters=selectors.FindingFilters(), as_of=as_of
    )
    assert summary["total"] == 3  # the closed one is not open
    assert summary["overdue"] == 3  # all three open ones are past due (31 Dec / 31 Jan) and BELUM
    assert {r["code"]: r["total"] for r in summary["by_region"]} == {"91.71": 2, "96.71": 1}
    assert {r["code"]: r["total"] for r in summary["by_problem"]} == {6: 1, None: 2}
    assert [a["total"] for a in summary["ages"]] == [2, 0, 0, 1]  # 9 days ×2, 273 days ×1

    mine = selectors.finding_summary(
        user=world.dinas_b, filters=selectors.FindingFilters(), as_of=as_of
    )
    assert mine["total"] == 1


def test_overdue_means_past_due_and_still_pending(world):
    FindingFactory(
        inspection=world.insp_a, due_date=dt.date(2024, 12, 1), status=FollowUpStatus.PROSES
    )
    FindingFactory(
        inspection=world.insp_a, due_date=dt.date(2024, 12, 1), status=FollowUpStatus.SELESAI
    )
    FindingFactory(inspection=world.insp_a, due_date=dt.date(2025, 12, 1))
    overdue = selectors.overdue_followups(as_of=dt.date(2025, 1, 5))
    assert (
        overdue.count() == 3
    )  # world.finding_a/b (due 31 Dec) + the PROSES one; not SELESAI, not future
    assert (
        selectors.overdue_followups(as_of=dt.date(2024, 12, 31)).count() == 1
    )  # due today is not late


def test_list_filters_by_age_status_problem_and_overdue(world):
    as_of = dt.date(2025, 1, 10)
    pc = FindingFactory(
        inspection=world.insp_a, problem_code=problem_code(9), due_date=dt.date(2025, 6, 1)
    )
    type(pc).objects.filter(pk=pc.pk).update(
        created_at=timezone.make_aware(dt.datetime(2025, 1, 1, 9))
    )
    for f in (world.finding_a, world.finding_b):
        type(f).objects.filter(pk=f.pk).update(
            created_at=timezone.make_aware(dt.datetime(2024, 9, 5, 9))
        )
    F = selectors.FindingFilters

    def ids(flt):
        return {f.pk for f in selectors.finding_list(user=world.ditjen, filters=flt, as_of=as_of)}

    assert ids(F(problem_code=9)) == {pc.pk}
    assert ids(F(overdue_only=True)) == {world.finding_a.pk, world.finding_b.pk}
    assert ids(F(min_age_days=10)) == {world.finding_a.pk, world.finding_b.pk}
    assert ids(F(min_age_days=9)) == {world.finding_a.pk, world.finding_b.pk, pc.pk}
    assert ids(F(region_id=world.b.id)) == {world.finding_b.pk}
    rows = selectors.with_age(
        selectors.finding_list(user=world.ditjen, filters=F(), as_of=as_of), as_of
    )
    first = rows[0]
    assert first.is_overdue and first.days_past_due == 10
    assert {r.pk: r.age_days for r in rows}[pc.pk] == 9
    assert ids(F(state="all")) == ids(F())
    assert (
        selectors.finding_list(
            user=make_user(Role.DINAS, region=world.a), filters=F(), as_of=as_of
        ).count()
        == 2
    )
