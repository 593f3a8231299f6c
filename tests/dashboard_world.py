"""A small world for the dashboard pages: regions in several provinces with allocations, RK
lines, report versions, snapshots, alerts and findings — built at any size, so tests can check
that page query counts do not grow with the number of regions."""

from __future__ import annotations

from decimal import Decimal

from allocations.choices import RegionLevel
from realisasi.choices import ReportStatus
from realisasi.models import Alert, AlertKind
from realisasi.services.absorption import absorption_snapshots_refresh
from tests import factories
from tests.factories import FindingFactory, InspectionFactory, M

YEAR = 2024
PROVINCES = ("61", "62", "63", "64", "65")


def build_world(n_regions: int, *, start: int = 0, year: int = YEAR, findings: bool = True) -> list:
    """Regions number `start`…`start + n_regions - 1`, spread over five provinces; every third has no counted TW II report."""
    regions = []
    for i in range(start, start + n_regions):
        prov = PROVINCES[i % len(PROVINCES)]
        level = RegionLevel.KOTA if i % 4 == 3 else RegionLevel.KABUPATEN
        reg = factories.region(f"{prov}.{i // len(PROVINCES) + 1:02d}", level=level)
        _, (a1, a2) = factories.allocation_with_lines(reg, year, [600 * M, 400 * M])
        factories.report(
            reg, year, 1, [(a1, 60 * M, 10), (a2, 40 * M, 10)], status=ReportStatus.VERIFIED
        )
        if i % 3 != 2:
            factories.report(
                reg,
                year,
                2,
                [(a1, 300 * M, 50), (a2, (100 + i) * M, 30)],
                status=ReportStatus.SUBMITTED,
            )
        else:
            factories.report(
                reg, year, 2, [(a1, 1 * M, 1), (a2, 1 * M, 1)], status=ReportStatus.DRAFT
            )
            Alert.objects.create(
                kind=AlertKind.OVERDUE,
                region=reg,
                fiscal_year=factories.fiscal_year(year),
                quarter=2,
                title=f"Terlambat: laporan TW II {reg.name}",
            )
        if findings and i % 2 == 0:
            FindingFactory(
                inspection=InspectionFactory(region=reg, fiscal_year=factories.fiscal_year(year))
            )
        regions.append(reg)
    absorption_snapshots_refresh(year=year)
    return regions


def expected_absorption(n_regions: int) -> Decimal:
    """Σ realisasi ÷ Σ pagu as of TW II for `build_world(n)` (computed by hand, for the tests)."""
    total = Decimal(0)
    for i in range(n_regions):
        total += (400 + i) * M if i % 3 != 2 else 100 * M
    return total * 100 / (n_regions * 1000 * M)
