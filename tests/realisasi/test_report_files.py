"""Template download (round-trip through the parser) and the annotated error workbook."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from realisasi.exporters.error_workbook import LIST_SHEET, annotate_workbook
from realisasi.exporters.template import build_template
from realisasi.importers.report import parse_report
from realisasi.selectors.reports import report_template_spec
from realisasi.services.imports import report_import

from .report_fixtures import RK, builder, fixture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def rk():
    return RK()


def test_template_round_trips_through_the_parser(rk):
    data = build_template(report_template_spec(region=rk.region, year=2024, quarter=2))
    result = parse_report(data)
    assert result.errors == [], result.errors
    parsed = result.report
    assert (parsed.region_code, parsed.region_name, parsed.year, parsed.quarter) == (
        "32.04",
        "Kabupaten Bandung",
        2024,
        2,
    )
    assert [ln.code for ln in parsed.lines] == ["RK-01", "RK-02", "RK-03"]
    assert [ln.pagu for ln in parsed.lines] == [
        Decimal("500000000.00"),
        Decimal("300000000.00"),
        Decimal("200000000.00"),
    ]
    # ... and the service accepts it as it is.
    assert report_import(actor=rk.dinas, name="templat.xlsx", data=data).ok


def test_template_carries_last_quarters_counted_figures_lists_and_help(rk):
    q1 = builder.build(
        header=[("Kode Wilayah", "32.04"), ("Tahun Anggaran", 2024), ("Triwulan", 1)], totals=False
    )
    report_import(actor=rk.dinas, name="q1.xlsx", data=q1, submit=True)
    data = build_template(report_template_spec(region=rk.region, year=2024, quarter=2))
    parsed = parse_report(data).report
    rk01 = parsed.lines[0]
    assert (rk01.financial_realisation, rk01.physical_progress, rk01.stage) == (
        Decimal("240000000.00"),
        Decimal("50.00"),
        "PELAKSANAAN",
    )
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames[:2] == ["Laporan", "Petunjuk"]
    validations = {str(dv.sqref): dv for dv in wb["Laporan"].data_validations.dataValidation}
    assert (
        validations["F9:F11"].type == "list" and "Daftar" in validations["F9:F11"].formula1
    )  # Status Pengadaan
    assert validations["J9:J11"].type == "list"  # Kode Masalah
    assert wb["Laporan"]["G9"].number_format == "#,##0"
    assert [c.value for c in wb["Daftar"]["A"][1:8]] == [
        "Belum dimulai",
        "Persiapan/DED",
        "Proses pengadaan/tender",
        "Kontrak ditandatangani",
        "Pelaksanaan",
        "Selesai (BAST)",
        "Gagal/batal",
    ]


def test_annotated_workbook_highlights_and_comments_bad_cells(rk):
    outcome = report_import(
        actor=rk.dinas, name="bad_cells.xlsx", data=fixture_bytes("bad_cells.xlsx")
    )
    data = annotate_workbook(
        fixture_bytes("bad_cells.xlsx"), outcome.upload.errors, outcome.upload.warnings
    )
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Laporan"]
    cell = ws["G9"]  # Realisasi Keuangan of RK-01: "satu juta"
    assert cell.value == "satu juta"  # the person's own content is kept
    assert cell.fill.start_color.rgb.endswith("F4B6B0")
    assert "bukan angka rupiah" in cell.comment.text
    assert "antara 0 dan 100" in ws["H9"].comment.text
    assert ws["A1"].comment is None
    listing = [row for row in wb[LIST_SHEET].iter_rows(min_row=2, values_only=True)]
    assert len(listing) == len(outcome.upload.errors) and listing[0][0] == "Kesalahan"
