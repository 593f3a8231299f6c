"""The absorption selector against hand-computed examples (DOMAIN.md §6)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from allocations.choices import RegionLevel
from dakmonev.spreadsheet.numbers import format_percent, format_rupiah
from realisasi.choices import ReportStatus
from realisasi.selectors.absorption import absorption, round_percent
from tests import factories
from tests.factories import make_user

pytestmark = pytest.mark.django_db
M = 1_000_000


@pytest.fixture
def world():
    """Province 71 with kabupaten A, kota B and the provinsi itself receiving; 72.01 with pagu 0."""
    a = factories.region("71.01")
    b = factories.region("71.71", level=RegionLevel.KOTA)
    p = factories.province("71")
    c = factories.region("72.01")
    _, (a1, a2) = factories.allocation_with_lines(a, 2024, [600 * M, 400 * M])
    _, (b1,) = factories.allocation_with_lines(b, 2024, [2000 * M])
    _, (p1,) = factories.allocation_with_lines(p, 2024, [500 * M])
    factories.allocation_with_lines(c, 2024, [])
    factories.report(
        a, 2024, 1, [(a1, 100 * M, 10), (a2, 50 * M, 20)], status=ReportStatus.SUBMITTED
    )
    factories.report(
        a, 2024, 2, [(a1, 300 * M, 50), (a2, 100 * M, 30)], status=ReportStatus.VERIFIED
    )
    factories.report(a, 2024, 3, [(a1, 600 * M, 90), (a2, 400 * M, 90)], status=ReportStatus.DRAFT)
    factories.report(b, 2024, 1, [(b1, 500 * M, 25)], status=ReportStatus.VERIFIED)
    factories.report(p, 2024, 2, [(p1, 100 * M, 10)], status=ReportStatus.RETURNED)
    return {"a": a, "b": b, "p": p, "c": c}


def test_region_rows_carry_forward_and_count_only_counted_reports(world):
    result = absorption(2024, 2)
    a, b, p, c = (result.region(code) for code in ("71.01", "71.71", "71", "72.01"))
    assert (a.financial_realisation, a.absorption, a.latest_quarter) == (400 * M, D(40), 2)
    assert a.physical_progress == D(42)  # (50 × 600 + 30 × 400) ÷ 1000
    assert (b.financial_realisation, b.absorption, b.latest_quarter) == (
        500 * M,
        D(25),
        1,
    )  # Q1 carried forward
    assert (p.financial_realisation, p.absorption, p.latest_quarter) == (
        0,
        D(0),
        None,
    )  # returned ≠ counted
    assert p.physical_progress == 0
    assert (c.pagu, c.absorption, c.physical_progress) == (0, None, None)  # pagu 0: no figure


def test_latest_quarter_not_after_as_of(world):
    q1 = absorption(2024, 1)
    assert (
        q1.region("71.01").financial_realisation == 150 * M
        and q1.region("71.01").latest_quarter == 1
    )
    q4 = absorption(2024, 4)  # the Q3 draft never counts
    assert (
        q4.region("71.01").financial_realisation == 400 * M
        and q4.region("71.01").latest_quarter == 2
    )


def test_superseded_version_is_ignored_and_the_counted_one_used(world):
    a = world["a"]
    factories.report(
        a,
        2024,
        4,
        [(a.allocations.get().activities.get(code="RK-01"), 900 * M, 95)],
        status=ReportStatus.SUPERSEDED,
        is_current=False,
    )
    assert absorption(2024, 4).region("71.01").latest_quarter == 2


def test_national_is_money_weighted_and_means_are_labelled(world):
    nat = absorption(2024, 2).national
    assert (nat.pagu, nat.financial_realisation) == (3500 * M, 900 * M)
    assert round_percent(nat.absorption) == D("25.71")  # 900 ÷ 3500
    assert nat.mean_absorption == (D(40) + D(25) + D(0)) / 3  # pagu-0 region has no figure
    assert nat.mean_absorption_kabkota == D("32.5")  # A and B only
    assert (nat.region_count, nat.kabkota_count, nat.reporting_count) == (4, 3, 2)
    assert nat.physical_progress == (D(50) * 600 + D(30) * 400 + D(25) * 2000) / 3500


def test_province_rows(world):
    result = absorption(2024, 2)
    p71, p72 = result.province("71"), result.province("72")
    assert (p71.pagu, p71.financial_realisation, p71.region_count) == (3500 * M, 900 * M, 3)
    assert (p72.pagu, p72.absorption, p72.mean_absorption) == (0, None, None)
    only71 = absorption(2024, 2, province=world["p"])
    assert {r.code for r in only71.regions} == {"71", "71.01", "71.71"}
    assert only71.national.financial_realisation == 900 * M


def test_scoped_to_what_the_user_may_see(world):
    dinas = make_user(Role.DINAS, region=world["b"])
    mine = absorption(2024, 2, user=dinas)
    assert [r.code for r in mine.regions] == ["71.71"]
    assert mine.national.financial_realisation == 500 * M
    assert len(absorption(2024, 2, user=make_user(Role.PIMPINAN)).regions) == 4


def test_no_allocations_gives_empty_figures(db):
    result = absorption(2030, 4)
    assert result.regions == () and result.national.absorption is None


def test_display_helpers_round_half_up_only_when_shown():
    assert round_percent(D("88.455")) == D("88.46")
    assert str(round_percent(D("93.2349999"))) == "93.23"
    assert format_percent(D("88.455")) == "88,46 %"
    assert format_percent(None) == "-"
    assert format_rupiah(D("1250000000")) == "Rp1.250.000.000"
    assert format_rupiah(D("1250000000.5"), decimals=True) == "Rp1.250.000.000,50"


def _build(n: int, year: int):
    for i in range(n):
        reg = factories.region(f"81.{i + 1:02d}")
        _, acts = factories.allocation_with_lines(reg, year, [100 * M, 50 * M])
        factories.report(reg, year, 1, [(acts[0], 10 * M, 10), (acts[1], 5 * M, 5)])
        factories.report(reg, year, 2, [(acts[0], 20 * M, 20)])


def test_query_count_does_not_grow_with_regions(db):
    _build(2, 2027)
    _build(12, 2028)
    with CaptureQueriesContext(connection) as small:
        absorption(2027, 4)
    with CaptureQueriesContext(connection) as large:
        result = absorption(2028, 4)
    assert len(result.regions) == 12
    assert len(small.captured_queries) == len(large.captured_queries) <= 3
