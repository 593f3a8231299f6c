"""Shared setup for the report tests: the RK every fixture workbook describes, and the builder.

fixtures/reports/make_fixtures.py documents the fixtures; its `build()` makes one-off variants.
"""

from __future__ import annotations

import importlib.util
from decimal import Decimal
from pathlib import Path

from accounts.roles import Role
from tests.factories import (
    AllocationFactory,
    FiscalYearFactory,
    PlannedActivityFactory,
    make_user,
    region,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "reports"

_spec = importlib.util.spec_from_file_location(
    "report_fixture_builder", FIXTURES / "make_fixtures.py"
)
builder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builder)


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class RK:
    """Region 32.04 with TA 2024 and RK-01..RK-03 (pagu 500, 300, 200 juta), plus users."""

    def __init__(self):
        self.region = region("32.04", name="Kabupaten Bandung")
        self.other_region = region("35.07", name="Kabupaten Malang")
        self.fiscal_year = FiscalYearFactory(year=2024)
        self.allocation = AllocationFactory(
            region=self.region, fiscal_year=self.fiscal_year, pagu=Decimal("1000000000")
        )
        AllocationFactory(region=self.other_region, fiscal_year=self.fiscal_year)
        self.activities = [
            PlannedActivityFactory(
                allocation=self.allocation, code=code, pagu=Decimal(pagu), description=desc
            )
            for code, pagu, desc in (
                ("RK-01", 500_000_000, "Pengadaan mesin jahit"),
                ("RK-02", 300_000_000, "Rumah kemasan"),
                ("RK-03", 200_000_000, "IPAL sentra tahu"),
            )
        ]
        self.dinas = make_user(Role.DINAS, self.region)
        self.other_dinas = make_user(Role.DINAS, self.other_region)
        self.ditjen = make_user(Role.DITJEN)
        self.inspector = make_user(Role.INSPEKTORAT)
        self.pimpinan = make_user(Role.PIMPINAN)
