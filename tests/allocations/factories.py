"""Helpers for allocations tests: allocations with lines, users, and counted reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from accounts.roles import Role
from allocations.models import Allocation, FiscalYear, PlannedActivity, Region
from tests.factories import (
    AllocationFactory,
    PlannedActivityFactory,
    RegionFactory,
    make_user,
    menu,
)


def money(text: str) -> Decimal:
    return Decimal(text)


def allocation(pagu="2000000000", year=2026, region: Region | None = None, **kwargs) -> Allocation:
    fy, _ = FiscalYear.objects.get_or_create(year=year)
    return AllocationFactory(
        pagu=Decimal(pagu), fiscal_year=fy, region=region or RegionFactory(), **kwargs
    )


def line(alloc: Allocation, code: str, pagu: str, **kwargs) -> PlannedActivity:
    return PlannedActivityFactory(
        allocation=alloc, code=code, pagu=Decimal(pagu), menu=menu(), **kwargs
    )


def ditjen():
    return make_user(Role.DITJEN)


def dinas(region: Region):
    return make_user(Role.DINAS, region=region)


def counted_report(
    alloc: Allocation,
    quarter: int,
    lines: dict[PlannedActivity, tuple[str, str]],
    status: str = "SUBMITTED",
):
    """A realisasi report of the allocation's region with {line: (keuangan Rp, fisik %)}."""
    from realisasi.models import QuarterlyReport, ReportLine

    version = (
        QuarterlyReport.objects.filter(
            region=alloc.region, fiscal_year=alloc.fiscal_year, quarter=quarter
        ).count()
        + 1
    )
    QuarterlyReport.objects.filter(
        region=alloc.region, fiscal_year=alloc.fiscal_year, quarter=quarter
    ).update(is_current=False, status="SUPERSEDED")
    report = QuarterlyReport.objects.create(
        region=alloc.region,
        fiscal_year=alloc.fiscal_year,
        quarter=quarter,
        version=version,
        status=status,
        report_date=dt.date(alloc.fiscal_year.year, quarter * 3, 28),
    )
    for activity, (financial, physical) in lines.items():
        ReportLine.objects.create(
            report=report,
            activity=activity,
            procurement_stage="PELAKSANAAN",
            financial_realisation=Decimal(financial),
            physical_progress=Decimal(physical),
        )
    return report
