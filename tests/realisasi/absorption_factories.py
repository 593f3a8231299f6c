"""Builders for absorption/alert tests: allocations with RK lines and counted report versions."""

from __future__ import annotations

from decimal import Decimal

from allocations.choices import ProcurementStage, RegionLevel
from allocations.models import Allocation, FiscalYear, PlannedActivity, Region
from realisasi.choices import ReportStatus
from realisasi.models import QuarterlyReport, ReportLine
from tests.factories import menu


def province(code: str, tz: str = "Asia/Jakarta") -> Region:
    return Region.objects.get_or_create(
        code=code,
        defaults={"name": f"Provinsi {code}", "level": RegionLevel.PROVINSI, "timezone": tz},
    )[0]


def region(code: str, *, level: str = RegionLevel.KABUPATEN, tz: str = "Asia/Jakarta") -> Region:
    if level == RegionLevel.PROVINSI:
        return province(code, tz)
    parent = province(code.split(".")[0], tz)
    return Region.objects.get_or_create(
        code=code,
        defaults={"name": f"Daerah {code}", "level": level, "parent": parent, "timezone": tz},
    )[0]


def fiscal_year(year: int, **rules) -> FiscalYear:
    fy, _ = FiscalYear.objects.get_or_create(year=year, defaults=rules)
    return fy


def allocation(
    reg: Region, year: int, lines: list[Decimal | str | int]
) -> tuple[Allocation, list[PlannedActivity]]:
    """An allocation whose pagu is the sum of its RK lines (pagu 0 when there are none)."""
    amounts = [Decimal(str(x)) for x in lines]
    alloc = Allocation.objects.create(
        region=reg, fiscal_year=fiscal_year(year), pagu=sum(amounts, Decimal(0))
    )
    activities = [
        PlannedActivity.objects.create(
            allocation=alloc,
            code=f"RK-{i + 1:02d}",
            menu=menu(),
            description=f"Kegiatan {i + 1}",
            pagu=amount,
        )
        for i, amount in enumerate(amounts)
    ]
    return alloc, activities


def report(
    reg: Region,
    year: int,
    quarter: int,
    lines: list[tuple[PlannedActivity, str | int, str | int]],
    *,
    status: str = ReportStatus.SUBMITTED,
    version: int | None = None,
    is_current: bool = True,
) -> QuarterlyReport:
    """A report version with (activity, realisasi keuangan, fisik %) lines."""
    fy = fiscal_year(year)
    if version is None:
        version = (
            QuarterlyReport.objects.filter(region=reg, fiscal_year=fy, quarter=quarter).count() + 1
        )
    if is_current:
        QuarterlyReport.objects.filter(
            region=reg, fiscal_year=fy, quarter=quarter, is_current=True
        ).update(is_current=False)
    rep = QuarterlyReport.objects.create(
        region=reg,
        fiscal_year=fy,
        quarter=quarter,
        version=version,
        status=status,
        is_current=is_current,
    )
    ReportLine.objects.bulk_create(
        [
            ReportLine(
                report=rep,
                activity=act,
                financial_realisation=Decimal(str(fin)),
                physical_progress=Decimal(str(phys)),
                procurement_stage=ProcurementStage.PELAKSANAAN,
            )
            for act, fin, phys in lines
        ]
    )
    return rep
