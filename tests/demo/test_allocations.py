"""The demo reproduces the published totals and region counts exactly, and a second run adds nothing."""

from decimal import Decimal

import pytest
from django.db.models import Count, Sum

from allocations.choices import RegionLevel, RKStatus
from allocations.models import Allocation, FiscalYear, PlannedActivity, Sentra
from demo import accounts, allocations

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(reference_data):
    accounts.seed()
    actor = accounts.demo_actor()
    created = allocations.seed(actor=actor)
    return actor, created


def test_published_totals_and_region_counts_exactly(seeded):
    by_year = {
        row["fiscal_year__year"]: row
        for row in Allocation.objects.values("fiscal_year__year").annotate(
            total=Sum("pagu"), n=Count("id")
        )
    }
    assert set(by_year) == set(range(2016, 2027))
    for year, (total, count) in allocations.PUBLISHED.items():
        assert (by_year[year]["total"], by_year[year]["n"]) == (total, count), year
    assert (by_year[2016]["total"], by_year[2021]["n"]) == (Decimal("166300000000"), 162)
    for year in range(2016, 2022):  # "kabupaten/kota" in the releases
        assert not Allocation.objects.filter(
            fiscal_year__year=year, region__level=RegionLevel.PROVINSI
        ).exists()
    assert Allocation.objects.filter(is_synthetic=False).count() == 0


def test_every_allocation_has_2_to_5_lines_summing_to_its_pagu(seeded):
    rows = Allocation.objects.annotate(lines=Count("activities"), rk=Sum("activities__pagu"))
    assert all(2 <= a.lines <= 5 and a.rk == a.pagu for a in rows)
    assert all(a.pagu % 1000 == 0 for a in rows)
    assert PlannedActivity.objects.filter(sentra__isnull=False).exists()
    assert (
        not Allocation.objects.filter(fiscal_year__year__lt=2026)
        .exclude(rk_status=RKStatus.APPROVED)
        .exists()
    )


def test_past_years_fully_disbursed_and_2026_partly(seeded):
    from allocations.models import Disbursement

    received = {
        r["allocation__fiscal_year__year"]: r["s"]
        for r in Disbursement.objects.values("allocation__fiscal_year__year").annotate(
            s=Sum("amount")
        )
    }
    assert (
        received[2016] == allocations.PUBLISHED[2016][0]
        and received[2023] == allocations.PUBLISHED[2023][0]
    )
    assert 0 < received[2026] < allocations.SYNTHETIC[2026][0]


def test_demo_regions_receive_every_year_from_2022(seeded):
    for code in allocations.DEMO_REGION_CODES:
        years = set(
            Allocation.objects.filter(region__code=code).values_list("fiscal_year__year", flat=True)
        )
        assert set(range(2022, 2027)) <= years, code


def test_second_run_creates_nothing(seeded):
    actor, _ = seeded
    from allocations.models import Disbursement

    def counts():
        return (
            Allocation.objects.count(),
            PlannedActivity.objects.count(),
            Sentra.objects.count(),
            Disbursement.objects.count(),
            Allocation.history.count(),
            FiscalYear.objects.count(),
        )

    before = counts()
    assert sum(allocations.seed(actor=actor).values()) == 0
    assert counts() == before
