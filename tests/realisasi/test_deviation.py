"""Plan versus actual in the absorption selector (DOMAIN.md §7): planned figures and deviation per
region, province and nation on a hand-computed example, "no target" as None, and the API's fields."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from allocations.choices import RegionLevel
from allocations.models import ActivityTarget
from dakmonev import figures_version
from realisasi.choices import ReportStatus
from realisasi.selectors.absorption import absorption, round_percent
from tests import factories
from tests.factories import make_user

pytestmark = pytest.mark.django_db
M = 1_000_000


def target(activity, quarter, physical=None, financial=None):
    ActivityTarget.objects.create(
        activity=activity,
        quarter=quarter,
        target_physical_pct=None if physical is None else D(physical),
        target_financial=None if financial is None else D(financial) * M,
    )
    figures_version.bump()


@pytest.fixture
def world(db):
    """Province 71: kabupaten A (lines 600 + 400 juta), kota B (2000 juta) and the provinsi (500
    juta, no targets); 72.01 with pagu 0; 73.01 (32 juta, no targets)."""
    a, b, p = (
        factories.region("71.01"),
        factories.region("71.71", level=RegionLevel.KOTA),
        factories.province("71"),
    )
    c, d = factories.region("72.01"), factories.region("73.01")
    _, (a1, a2) = factories.allocation_with_lines(a, 2024, [600 * M, 400 * M])
    _, (b1,) = factories.allocation_with_lines(b, 2024, [2000 * M])
    _, (p1,) = factories.allocation_with_lines(p, 2024, [500 * M])
    factories.allocation_with_lines(c, 2024, [])
    _, (d1,) = factories.allocation_with_lines(d, 2024, [32 * M])
    factories.report(a, 2024, 1, [(a1, 100 * M, 10), (a2, 50 * M, 20)])
    factories.report(
        a, 2024, 2, [(a1, 300 * M, 50), (a2, 100 * M, 30)], status=ReportStatus.VERIFIED
    )
    factories.report(b, 2024, 1, [(b1, 500 * M, 25)], status=ReportStatus.VERIFIED)
    factories.report(p, 2024, 2, [(p1, 100 * M, 10)], status=ReportStatus.RETURNED)
    factories.report(d, 2024, 2, [(d1, 1 * M, 0)])
    # A: TW I, TW II and TW IV planned (TW III left empty); B: physical only, TW II and TW IV.
    target(a1, 1, 20, 100)
    target(a2, 1, 10, 50)
    target(a1, 2, 60, 350)
    target(a2, 2, 25, 100)
    target(a1, 4, 100, 600)
    target(a2, 4, 100, 400)
    target(b1, 2, physical=20)
    target(b1, 4, physical=100)
    return {"ditjen": make_user(Role.DITJEN), "dinas": make_user(Role.DINAS, a)}


def _shown(figures):
    return tuple(
        round_percent(getattr(figures, name))
        for name in (
            "planned_physical",
            "planned_financial",
            "deviation_physical",
            "deviation_financial",
        )
    )


def test_hand_computed_example_as_of_tw_ii(world):
    result = absorption(2024, 2)
    # A: actual fisik (50×600 + 30×400) ÷ 1000 = 42; plan (60×600 + 25×400) ÷ 1000 = 46 → −4.
    #    absorption 400 ÷ 1000 = 40 %; plan (350 + 100) ÷ 1000 = 45 % → −5.
    assert _shown(result.region("71.01")) == (D("46.00"), D("45.00"), D("-4.00"), D("-5.00"))
    # B carries TW I forward: fisik 25 against a plan of 20 → +5; no financial target → None.
    assert _shown(result.region("71.71")) == (D("20.00"), None, D("5.00"), None)
    # The provinsi and 73.01 have no targets: no plan, no deviation (never 0).
    assert _shown(result.region("71")) == (None, None, None, None)
    assert _shown(result.region("73.01")) == (None, None, None, None)
    # Province 71: plan fisik (46000 + 20×2000) ÷ (1000 + 2000) = 28.666…; actual fisik
    # (30000 + 12000 + 50000 + 0) ÷ 3500 = 26.2857… → −2.38; plan keuangan 450 ÷ 1000 (the
    # regions with a financial target) = 45 %; absorption 900 ÷ 3500 = 25.714… → −19.29.
    assert _shown(result.province("71")) == (D("28.67"), D("45.00"), D("-2.38"), D("-19.29"))
    # Nation: actual fisik 92000 ÷ 3532 = 26.0475… → −2.62; absorption 901 ÷ 3532 = 25.5096… → −19.49.
    assert _shown(result.national) == (D("28.67"), D("45.00"), D("-2.62"), D("-19.49"))


def test_a_quarter_without_targets_has_no_plan_and_the_curve_has_every_quarter(world):
    tw3 = absorption(2024, 3)
    assert _shown(tw3.region("71.01")) == (None, None, None, None)
    assert _shown(tw3.national) == (None, None, None, None)
    # The S-curve's planned line: TW I–IV from the same result, whatever the chosen quarter.
    a = tw3.region("71.01")
    assert [round_percent(p.planned_physical) for p in a.plan] == [
        D("16.00"),  # (20×600 + 10×400) ÷ 1000
        D("46.00"),
        None,
        D("100.00"),
    ]
    assert [round_percent(p.planned_financial) for p in a.plan] == [
        D("15.00"),
        D("45.00"),
        None,
        D("100.00"),
    ]
    tw4 = absorption(2024, 4)
    # TW IV: A (1000, plan 100) and B (2000, plan 100) → 100; actual as of TW IV = TW II/TW I.
    assert _shown(tw4.province("71"))[0] == D("100.00")
    assert _shown(tw4.province("71"))[2] == D("-73.71")  # 26.2857 − 100


def test_scoped_result_has_the_regions_own_plan(world):
    mine = absorption(2024, 2, user=world["dinas"])
    assert [r.code for r in mine.regions] == ["71.01"]
    assert _shown(mine.region("71.01")) == (D("46.00"), D("45.00"), D("-4.00"), D("-5.00"))


def test_targets_add_no_query(world):
    with CaptureQueriesContext(connection) as ctx:
        absorption(2024, 2, use_cache=False)
    assert len(ctx.captured_queries) <= 3  # the same two aggregates as without targets


# ---------------------------------------------------------------------------------------- API


def _get(user, url):
    from rest_framework.test import APIClient

    from accounts.tokens import token_issue

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user)[1]}")
    return client.get(url)


PLAN_KEYS = (
    "planned_physical_pct",
    "planned_financial_pct",
    "deviation_physical_pct",
    "deviation_financial_pct",
)


def _plan(row):
    return tuple(row[k] for k in PLAN_KEYS)


def test_api_fields_are_two_decimal_strings_or_null(world):
    nat = _get(world["ditjen"], "/api/v1/absorption/?year=2024&quarter=2").json()
    assert _plan(nat) == ("28.67", "45.00", "-2.62", "-19.49")
    provinces = {
        r["region_code"]: r
        for r in _get(world["ditjen"], "/api/v1/absorption/provinces/?year=2024&quarter=2").json()
    }
    assert _plan(provinces["71"]) == ("28.67", "45.00", "-2.38", "-19.29")
    assert _plan(provinces["73"]) == (None, None, None, None)
    regions = {
        r["region_code"]: r
        for r in _get(world["ditjen"], "/api/v1/absorption/regions/?year=2024&quarter=2").json()
    }
    assert _plan(regions["71.01"]) == ("46.00", "45.00", "-4.00", "-5.00")
    assert _plan(regions["71.71"]) == ("20.00", None, "5.00", None)
    own = _get(world["dinas"], "/api/v1/absorption/regions/?year=2024&quarter=2").json()
    assert [_plan(r) for r in own] == [("46.00", "45.00", "-4.00", "-5.00")]
