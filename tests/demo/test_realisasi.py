"""The demo reproduces the published absorption figures exactly, through the selector."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from accounts.roles import Role
from allocations.choices import RegionLevel
from allocations.models import Allocation, FiscalYear, PlannedActivity
from demo import realisasi
from realisasi.models import Alert, AlertKind, QuarterlyReport
from realisasi.selectors.absorption import absorption, round_percent
from realisasi.selectors.timeliness import timeliness
from tests import factories
from tests.factories import make_user, menu

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 22)


def _allocations(year: int, count: int, rng: random.Random, *, with_province: bool = False) -> None:
    """A local stand-in for the allocations demo: pagu in whole millions, 2–5 RK lines summing to it."""
    for i in range(count):
        level = RegionLevel.KOTA if i % 7 == 0 else RegionLevel.KABUPATEN
        reg = factories.region(
            f"{11 + i % 20}.{i // 20 + 1:02d}",
            level=level,
            tz=["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"][i % 3],
        )
        lines = [Decimal(rng.randint(100, 4000)) * 1_000_000 for _ in range(rng.randint(2, 5))]
        alloc = Allocation.objects.create(
            region=reg, fiscal_year=factories.fiscal_year(year), pagu=sum(lines), is_synthetic=True
        )
        PlannedActivity.objects.bulk_create(
            [
                PlannedActivity(
                    allocation=alloc, code=f"RK-{n + 1:02d}", menu=menu(), description="x", pagu=p
                )
                for n, p in enumerate(lines)
            ]
        )
    if with_province:
        prov = factories.province("31")
        alloc = Allocation.objects.create(
            region=prov, fiscal_year=factories.fiscal_year(year), pagu=Decimal(9_000_000_000)
        )
        PlannedActivity.objects.create(
            allocation=alloc,
            code="RK-01",
            menu=menu(),
            description="x",
            pagu=Decimal(9_000_000_000),
        )


@pytest.fixture
def actor():
    return make_user(Role.DITJEN, username="ditjen-demo")


def test_local_allocations_give_the_published_figures(actor):
    rng = random.Random(5)
    _allocations(2022, 40, rng)
    _allocations(2023, 56, rng, with_province=True)
    realisasi.seed(actor=actor, today=TODAY)
    y2022, y2023 = absorption(2022, 4).national, absorption(2023, 4).national
    assert str(round_percent(y2022.absorption)) == "82.72"
    assert str(round_percent(y2023.absorption)) == "88.46"
    assert str(round_percent(y2023.mean_absorption_kabkota)) == "93.23"
    assert y2023.reporting_count == y2023.region_count == 57
    assert all(r.absorption <= 100 for r in absorption(2023, 4).regions)


def test_current_year_has_late_regions_and_alerts_and_seed_is_idempotent(actor):
    rng = random.Random(7)
    _allocations(2026, 60, rng)
    realisasi.seed(actor=actor, today=TODAY)
    reports = QuarterlyReport.objects.filter(fiscal_year__year=2026)
    assert not reports.filter(quarter=4).exists()
    assert reports.counted().filter(quarter=3).count() < 60
    late = Alert.objects.open().filter(fiscal_year__year=2026, kind=AlertKind.OVERDUE, quarter=3)
    assert late.exists() and late.count() == 60 - reports.counted().filter(quarter=3).count()
    # Some reports came in after their deadline, most before: the timeliness panel has both.
    tw2 = timeliness(actor, FiscalYear.objects.get(year=2026), 2).total
    assert tw2.received == tw2.on_time + tw2.late and 0 < tw2.late < tw2.on_time
    before = (reports.count(), Alert.objects.count())
    realisasi.seed(actor=actor, today=TODAY)
    assert (reports.count(), Alert.objects.count()) == before


@pytest.mark.slow
def test_seed_demo_gives_the_published_figures_through_the_selector():
    from django.core.management import call_command

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    realisasi.seed(
        actor=make_user(Role.DITJEN), today=TODAY
    )  # idempotent; pins the overdue check's date
    y2022, y2023 = absorption(2022, 4).national, absorption(2023, 4).national
    assert str(round_percent(y2022.absorption)) == "82.72"
    assert str(round_percent(y2023.absorption)) == "88.46"
    assert str(round_percent(y2023.mean_absorption_kabkota)) == "93.23"
    # The running TA shows late regions, among them a demo login's region.
    late = Alert.objects.open().filter(fiscal_year__year=2026, kind=AlertKind.OVERDUE)
    assert late.filter(region__code="91.71").exists()
    assert not Alert.objects.filter(
        fiscal_year__year=2025, kind__in=[AlertKind.OVERDUE, AlertKind.REMINDER]
    ).exists()
