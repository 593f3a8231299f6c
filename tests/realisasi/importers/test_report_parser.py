"""The pure parser, one test per rule of EXCEL-FORMATS.md §1 (message, row and column)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from realisasi.importers.report import parse_report
from realisasi.importers.values import quarter_of, region_code_or_none

from ..report_fixtures import builder, fixture_bytes


def parse(name=None, data=None, **kwargs):
    return parse_report(
        data if data is not None else fixture_bytes(name), name=name or "laporan.xlsx", **kwargs
    )


def only(issues, **match):
    found = [i for i in issues if all(getattr(i, k) == v for k, v in match.items())]
    assert len(found) == 1, (match, issues)
    return found[0]


def test_valid_report_header_lines_and_totals():
    result = parse("valid.xlsx")
    assert result.issues == []
    r = result.report
    assert (r.sheet_name, r.region_code, r.region_name, r.year, r.quarter, r.report_date) == (
        "Laporan",
        "32.04",
        "Kabupaten Bandung",
        2024,
        2,
        dt.date(2024, 7, 10),
    )
    assert r.header_row == 8 and r.totals_row == 12
    assert [(ln.excel_row, ln.code) for ln in r.lines] == [
        (9, "RK-01"),
        (10, "RK-02"),
        (11, "RK-03"),
    ]
    assert r.lines[2].remarks == "tender ulang" and r.lines[2].contract_value is None
    assert r.totals["financial_realisation"] == Decimal("330000000.00")


def test_presentation_is_forgiven():
    """Label case/spaces/colon, 3204, TW II, header row found by text, columns in any order with
    line breaks and units, extra columns ignored, Indonesian number text, table ends at an empty row."""
    result = parse("valid_presentation.xlsx")
    assert result.errors == [], result.errors
    r = result.report
    assert (r.region_code, r.quarter, r.report_date, r.header_row) == (
        "32.04",
        2,
        dt.date(2024, 7, 10),
        9,
    )
    rk1, rk2, rk3 = r.lines
    assert (
        rk1.financial_realisation,
        rk1.physical_progress,
        rk1.pagu,
        rk1.contract_value,
        rk1.workers,
    ) == (
        Decimal("240000000.00"),
        Decimal("50.00"),
        Decimal("500000000.00"),
        Decimal("480000000.00"),
        12,
    )
    assert (rk2.code, rk2.physical_progress, rk2.stage, rk2.problem_codes) == (
        "RK-02",
        Decimal("30.50"),
        "KONTRAK",
        [9],
    )
    assert (rk3.stage, rk3.problem_codes) == ("PENGADAAN", [6, 9])
    assert len(r.lines) == 3  # the note below the empty row is not a line


@pytest.mark.parametrize(
    "value,expected",
    [
        (1, 1),
        (4, 4),
        ("2", 2),
        ("I", 1),
        ("IV", 4),
        ("TW II", 2),
        ("tw.iii", 3),
        ("Triwulan III", 3),
        ("TRIWULAN 4", 4),
        (5, None),
        ("V", None),
        ("", None),
    ],
)
def test_quarter_spellings(value, expected):
    assert quarter_of(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        ("32.04", "32.04"),
        ("3204", "32.04"),
        (3204, "32.04"),
        (32.1, "32.10"),
        (" 32.04 ", "32.04"),
        ("32", "32"),
        ("Bandung", None),
        ("320", None),
    ],
)
def test_region_code_normalised_to_dotted_form(value, expected):
    assert region_code_or_none(value) == expected


def test_roman_quarter_and_numeric_region_code_in_a_file():
    r = parse("quarter_roman.xlsx").report
    assert (r.region_code, r.quarter) == ("32.04", 3)


def test_excel_percent_format_cells():
    r = parse("percent_format.xlsx").report
    assert [ln.physical_progress for ln in r.lines] == [
        Decimal("50.00"),
        Decimal("30.00"),
        Decimal("0.00"),
    ]


def test_sheet_named_laporan_case_insensitive_wins_over_first_sheet():
    r = parse("sheet_laporan_not_first.xlsx").report
    assert r.sheet_name == "LAPORAN" and len(r.lines) == 3


def test_first_sheet_read_when_none_is_named_laporan():
    result = parse("sheet_first_when_no_laporan.xlsx")
    assert result.report.sheet_name == "Data TW2" and result.errors == []


def test_totals_row_disagreeing_is_a_warning():
    result = parse("totals_mismatch.xlsx")
    assert result.errors == []
    issue = only(result.warnings, row=12, column="Realisasi Keuangan (Rp)")
    assert (
        issue.value == "1"
        and "Baris Jumlah tidak sama" in issue.message
        and "Rp330.000.000" in issue.message
    )
    only(result.warnings, row=12, column="Pagu (Rp)")


def test_formula_with_cached_value_uses_the_value():
    result = parse("formula_cached.xlsx")
    assert result.errors == []
    assert result.report.lines[0].financial_realisation == Decimal("240000000.00")


def test_formula_without_cached_value_says_save_in_excel_first():
    issue = only(parse("formula_uncached.xlsx").errors, row=9)
    assert issue.column == "Realisasi Keuangan (Rp)" and issue.col_index == 7
    assert "simpan dulu di Excel/LibreOffice" in issue.message


def test_missing_and_bad_header_fields():
    errors = parse("missing_header_fields.xlsx").errors
    assert "tidak ditemukan" in only(errors, column="Kode Wilayah").message
    assert only(errors, column="Tahun Anggaran").row is None
    bad = only(errors, column="Triwulan")
    assert (bad.row, bad.value, bad.col_index) == (
        2,
        "V",
        2,
    ) and "Tulis 1, 2, 3 atau 4" in bad.message


def test_bad_region_code():
    issue = only(parse("bad_region_code.xlsx").errors, column="Kode Wilayah")
    assert (issue.row, issue.value) == (1, "Bandung") and "32.04" in issue.message


def test_no_header_row_within_30_rows():
    issue = only(parse("no_header_row.xlsx").errors, column="Kode Kegiatan")
    assert issue.row is None and "30 baris pertama" in issue.message


def test_header_row_beyond_row_30_is_not_found():
    data = builder.build(blank_rows_between=30)
    assert (
        "Baris judul tabel tidak ditemukan"
        in only(parse(data=data).errors, column="Kode Kegiatan").message
    )


def test_required_column_missing():
    issue = only(parse("missing_column.xlsx").errors, column="Realisasi Fisik (%)")
    assert issue.row == 8 and "wajib ada di baris judul" in issue.message


def test_every_bad_cell_is_reported_not_only_the_first():
    errors = parse("bad_cells.xlsx").errors
    assert len(errors) == 7
    assert "bukan angka rupiah" in only(errors, row=9, column="Realisasi Keuangan (Rp)").message
    assert only(errors, row=9, column="Realisasi Fisik (%)").value == "120"
    assert "bilangan bulat" in only(errors, row=9, column="Tenaga Kerja").message
    assert "Tidak dikenali: 12" in only(errors, row=10, column="Kode Masalah").message
    assert "Pilih salah satu" in only(errors, row=10, column="Status Pengadaan").message
    assert "tidak boleh negatif" in only(errors, row=11, column="Nilai Kontrak (Rp)").message
    assert "wajib diisi" in only(errors, row=11, column="Realisasi Fisik (%)").message


def test_duplicate_codes():
    issue = only(parse("duplicate_code.xlsx").errors, column="Kode Kegiatan")
    assert (issue.row, issue.value) == (12, "RK-01") and "sudah ada di baris 9" in issue.message


@pytest.mark.parametrize(
    "stage,code",
    [
        ("SELESAI", "SELESAI"),
        ("Selesai (BAST)", "SELESAI"),
        ("belum  dimulai", "BELUM_MULAI"),
        ("Belum_Mulai", "BELUM_MULAI"),
        ("Persiapan/DED", "PERSIAPAN"),
        ("gagal/batal", "BATAL"),
    ],
)
def test_stage_by_code_or_indonesian_name(stage, code):
    lines = [("RK-01", "", 1, None, stage, 0, 0, 0, "", "")]
    assert parse(data=builder.build(lines=lines, totals=False)).report.lines[0].stage == code


def test_problem_codes_each_1_to_11_and_workers_whole_numbers():
    lines = [
        ("RK-01", "", 1, None, "SELESAI", 0, 0, 3.0, "1;11", ""),
        ("RK-02", "", 1, None, "SELESAI", 0, 0, -1, 0, ""),
    ]
    result = parse(data=builder.build(lines=lines, totals=False))
    assert result.report.lines[0].problem_codes == [1, 11] and result.report.lines[0].workers == 3
    only(result.errors, row=10, column="Tenaga Kerja")
    assert "Tidak dikenali: 0" in only(result.errors, row=10, column="Kode Masalah").message


def test_required_cells_empty_and_empty_code():
    lines = [
        ("RK-01", "", 1, None, None, None, 10, 0, "", ""),
        ("", "tanpa kode", 1, None, "SELESAI", 0, 0, 0, "", ""),
    ]
    errors = parse(data=builder.build(lines=lines, totals=False)).errors
    only(errors, row=9, column="Status Pengadaan")
    assert "wajib diisi" in only(errors, row=9, column="Realisasi Keuangan (Rp)").message
    assert "Kode Kegiatan kosong" in only(errors, row=10, column="Kode Kegiatan").message


def test_table_ends_at_total_row_starting_with_total():
    data = builder.build(
        totals=["Total", None, None, None, None, None, None, None, None, None, None],
        after_table=[["RK-09", "tidak dibaca"]],
    )
    assert [ln.code for ln in parse(data=data).report.lines] == ["RK-01", "RK-02", "RK-03"]


def test_row_cap():
    lines = [(f"RK-{n:02d}", "", 1, None, "SELESAI", 0, 0, 0, "", "") for n in range(1, 8)]
    issue = only(
        parse(data=builder.build(lines=lines, totals=False), max_rows=5).errors,
        column="Kode Kegiatan",
    )
    assert issue.row == 14 and "lebih dari 5 baris" in issue.message


@pytest.mark.parametrize(
    "name,part",
    [
        ("laporan.csv", "CSV tidak diterima"),
        ("laporan_lama.xls", ".xls (Excel 97–2003) tidak diterima"),
    ],
)
def test_not_xlsx_gets_a_clear_message(name, part):
    result = parse(name)
    assert result.report is None and part in result.errors[0].message


def test_damaged_file():
    result = parse(data=b"PK\x03\x04" + b"rusak" * 20)
    assert result.report is None and "rusak" in result.errors[0].message


def test_remarks_have_a_length_bound():
    long_text = "catatan " * 300  # 2.400 characters
    lines = [
        ("RK-01", "", 1, None, "SELESAI", 0, 0, 3, "", long_text.strip()),
        ("RK-02", "", 1, None, "SELESAI", 0, 0, 3, "", "x" * 2000),
    ]
    result = parse(data=builder.build(lines=lines, totals=False))
    issue = only(result.errors, row=9, column="Keterangan")
    assert "terlalu panjang" in issue.message and "2.000" in issue.message
    assert [i for i in result.errors if i.row == 10] == []
