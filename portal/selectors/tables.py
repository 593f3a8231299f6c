"""The figures tables people take away (Excel, PDF): receiving regions and provinces for a TA and
quarter, read from `realisasi.selectors.absorption.absorption` — no ratio is recomputed here.

Each function runs a fixed number of queries, whatever the number of regions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from allocations.models import Region
from dakmonev.quarters import Quarter
from dakmonev.spreadsheet.writer import Column, integer, money, percent, text, timestamp
from realisasi.choices import ReportStatus
from realisasi.models import QuarterlyReport
from realisasi.selectors.absorption import Absorption, AreaAbsorption, absorption

__all__ = [
    "PROVINCE_COLUMNS",
    "REGION_COLUMNS",
    "FiguresTables",
    "LatestReport",
    "figures_tables",
    "latest_reports",
    "province_row",
    "region_row",
]


@dataclass(frozen=True)
class LatestReport:
    """A region's most recent report version of the TA up to the quarter (any status)."""

    quarter: int
    version: int
    status: str
    submitted_at: dt.datetime | None

    @property
    def label(self) -> str:
        return f"{Quarter(self.quarter).label} v{self.version}"

    @property
    def status_label(self) -> str:
        return str(ReportStatus(self.status).label)


@dataclass(frozen=True)
class FiguresTables:
    figures: Absorption
    latest: dict[int, LatestReport]
    provinces_by_id: dict[int, AreaAbsorption]


def latest_reports(user, year: int, quarter: int, *, province=None) -> dict[int, LatestReport]:
    """region id → its latest current report version of TA `year` up to `quarter` (1 query)."""
    reports = QuarterlyReport.objects.visible_to(user).filter(
        fiscal_year__year=year, quarter__lte=quarter, is_current=True
    )
    if province is not None:
        reports = reports.in_province(province)
    latest: dict[int, LatestReport] = {}
    for row in reports.order_by("region_id", "-quarter", "-version").values(
        "region_id", "quarter", "version", "status", "submitted_at"
    ):
        latest.setdefault(
            row["region_id"],
            LatestReport(row["quarter"], row["version"], row["status"], row["submitted_at"]),
        )
    return latest


def figures_tables(
    user, year: int, quarter: int, *, province: Region | None = None
) -> FiguresTables:
    """Absorption of every visible receiving region (of `province`) and their latest reports."""
    figures = absorption(year, quarter, province=province, user=user)
    return FiguresTables(
        figures=figures,
        latest=latest_reports(user, year, quarter, province=province),
        provinces_by_id={p.region_id: p for p in figures.provinces},
    )


REGION_COLUMNS: list[Column] = [
    text("Kode provinsi"),
    text("Provinsi"),
    text("Kode wilayah"),
    text("Daerah"),
    money("Pagu (Rp)"),
    money("Realisasi keuangan (Rp)"),
    percent("Penyerapan (%)"),
    percent("Realisasi fisik (%)"),
    percent("Rencana fisik (%)"),
    percent("Deviasi fisik (poin)"),
    percent("Rencana keuangan (% pagu)"),
    percent("Deviasi keuangan (poin)"),
    text("Laporan terakhir"),
    text("Status laporan"),
    timestamp("Diajukan"),
]

PROVINCE_COLUMNS: list[Column] = [
    text("Kode provinsi"),
    text("Provinsi"),
    integer("Daerah penerima"),
    integer("Daerah melapor"),
    money("Pagu (Rp)"),
    money("Realisasi keuangan (Rp)"),
    percent("Penyerapan tertimbang nilai (%)"),
    percent("Rata-rata penyerapan kab/kota, tidak tertimbang (%)"),
    percent("Realisasi fisik (%)"),
    percent("Rencana fisik (%)"),
    percent("Deviasi fisik (poin)"),
    percent("Rencana keuangan (% pagu)"),
    percent("Deviasi keuangan (poin)"),
]


def region_row(tables: FiguresTables, r) -> list:
    """One row of REGION_COLUMNS for a `RegionAbsorption`."""
    province = tables.provinces_by_id.get(r.province_id)
    report = tables.latest.get(r.region_id)
    return [
        province.code if province else "",
        province.name if province else "",
        r.code,
        r.name,
        r.pagu,
        r.financial_realisation,
        r.absorption,
        r.physical_progress,
        *plan_cells(r),
        report.label if report else "belum ada",
        report.status_label if report else "",
        report.submitted_at if report else None,
    ]


def province_row(p: AreaAbsorption) -> list:
    """One row of PROVINCE_COLUMNS for an `AreaAbsorption` (a province or the nation)."""
    return [
        p.code,
        p.name,
        p.region_count,
        p.reporting_count,
        p.pagu,
        p.financial_realisation,
        p.absorption,
        p.mean_absorption_kabkota,
        p.physical_progress,
        *plan_cells(p),
    ]


def plan_cells(figures) -> list:
    """Planned and deviation as of the quarter (DOMAIN.md §7), empty cells where there is no
    target — never 0."""
    return [
        figures.planned_physical,
        figures.deviation_physical,
        figures.planned_financial,
        figures.deviation_financial,
    ]
