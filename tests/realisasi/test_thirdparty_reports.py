"""Quarterly reports written by programs the team does not control (fixtures/thirdparty: files
written by xlsxwriter, pandas and LibreOffice): no crash, every error at once, no silent zero.

Each defect: the message, its row and column, and that nothing was stored."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from realisasi.choices import UploadStatus
from realisasi.models import QuarterlyReport, ReportLine, ReportUpload
from realisasi.services.imports import report_import

from .report_fixtures import RK, builder

pytestmark = pytest.mark.django_db
THIRDPARTY = Path(__file__).resolve().parents[2] / "fixtures" / "thirdparty"
FINANCIAL = "Realisasi Keuangan (Rp)"


@pytest.fixture
def rk():
    return RK()


def _import(rk, name: str, data: bytes | None = None):
    data = data if data is not None else (THIRDPARTY / name).read_bytes()
    return report_import(actor=rk.dinas, name=name, data=data)


def _rejected_and_nothing_stored(outcome) -> list[dict]:
    assert outcome.upload.status == UploadStatus.REJECTED
    assert not QuarterlyReport.objects.exists() and not ReportLine.objects.exists()
    return outcome.upload.errors


def _one(issues, **match) -> dict:
    found = [i for i in issues if all(i.get(k) == v for k, v in match.items())]
    assert len(found) == 1, (match, issues)
    return found[0]


def _without_full_calc(data: bytes) -> bytes:
    """The same workbook without xlsxwriter's request to recalculate on opening, as a writer
    that stores its own results would leave it: the stored result is then taken as it is."""
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/workbook.xml":
                body = re.sub(rb'\s*fullCalcOnLoad="1"', b"", body)
            dst.writestr(info, body)
    return out.getvalue()


# -- a cell openpyxl cannot cast -----------------------------------------------------------------
def test_number_cell_holding_the_text_none_is_a_row_column_error_not_a_crash(rk):
    """xlsxwriter's `write_formula(..., value=None)` stores `<v>None</v>` in a number cell."""
    errors = _rejected_and_nothing_stored(_import(rk, "xlsxwriter_formula_none.xlsx"))
    issue = _one(errors, row=10, column=FINANCIAL)
    assert issue["col_index"] == 7 and "simpan dulu di Excel/LibreOffice" in issue["message"]


def test_uncastable_stored_result_is_named_with_its_text(rk):
    data = _without_full_calc((THIRDPARTY / "xlsxwriter_formula_none.xlsx").read_bytes())
    errors = _rejected_and_nothing_stored(_import(rk, "tanpa-hitung-ulang.xlsx", data))
    issue = _one(errors, row=10, column=FINANCIAL)
    assert issue["value"] == "None" and issue["col_index"] == 7
    assert "tidak dapat dibaca" in issue["message"] and "Ketik ulang" in issue["message"]


# -- every error in one pass ---------------------------------------------------------------------
def test_cell_errors_and_rk_errors_come_together(rk):
    errors = _rejected_and_nothing_stored(_import(rk, "xlsxwriter_many_errors.xlsx"))
    assert "bukan angka rupiah" in _one(errors, row=9, column=FINANCIAL)["message"]
    assert "melebihi pagu" in _one(errors, row=10, column=FINANCIAL)["message"]
    unknown = _one(errors, row=11, column="Kode Kegiatan")
    assert "RK-09 tidak ada dalam RK" in unknown["message"] and unknown["col_index"] == 2
    missing = _one(errors, row=None, value="RK-03")
    assert "belum ada di laporan" in missing["message"]


def test_an_unusable_header_block_says_the_lines_were_not_checked(rk):
    data = builder.build(
        header=[("Kode Wilayah", "Bandung"), ("Tahun Anggaran", 2024), ("Triwulan", 2)],
        lines=[("RK-09", "x", None, None, "Pelaksanaan", "satu juta", 10, 1, "", "")],
    )
    errors = _rejected_and_nothing_stored(_import(rk, "kepala-rusak.xlsx", data))
    assert "Kode wilayah tidak dikenali" in _one(errors, row=1, column="Kode Wilayah")["message"]
    assert "bukan angka rupiah" in _one(errors, row=5, column=FINANCIAL)["message"]
    note = _one(errors, row=None, column="")
    assert "belum diperiksa terhadap RK" in note["message"] and "'Kode Wilayah'" in note["message"]
    assert not any("RK-09" in e["message"] for e in errors)  # no RK check ran


def test_a_missing_column_does_not_hide_the_other_errors(rk):
    headers = [h for h in builder.HEADERS if h != "Realisasi Fisik (%)"]
    lines = [dict(zip(builder.HEADERS[1:], line, strict=False)) for line in builder.GOOD_LINES]
    lines[1]["Realisasi Keuangan (Rp)"] = 400_000_000  # above RK-02's pagu
    data = builder.build(headers=headers, lines=lines, totals=False)
    errors = _rejected_and_nothing_stored(_import(rk, "tanpa-kolom.xlsx", data))
    assert _one(errors, row=8, column="Realisasi Fisik (%)")
    assert "melebihi pagu" in _one(errors, row=10, column=FINANCIAL)["message"]
    assert not any(e["row"] in (9, 11) for e in errors)  # the missing column is said once


# -- no silent zero ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name,row",
    [("xlsxwriter_uncalculated.xlsx", 9), ("pandas_xlsxwriter_uncalculated.xlsx", 10)],
)
def test_formula_result_nobody_calculated_is_an_error_not_zero(rk, name, row):
    outcome = _import(rk, name)
    issue = _one(_rejected_and_nothing_stored(outcome), row=row, column=FINANCIAL)
    assert issue["col_index"] == 7 and "simpan dulu di Excel/LibreOffice" in issue["message"]
    assert "rumus yang belum dihitung" in issue["message"]


def test_the_same_file_saved_by_libreoffice_is_accepted_with_the_calculated_value(rk):
    outcome = _import(rk, "libreoffice_recalculated.xlsx")
    assert outcome.upload.status == UploadStatus.ACCEPTED, outcome.upload.errors
    line = ReportLine.objects.get(activity__code="RK-01")
    assert line.financial_realisation == Decimal("240000000")


@pytest.mark.parametrize(
    "name",
    [
        "xlsxwriter_valid.xlsx",
        "pandas_openpyxl_valid.xlsx",
        "pandas_xlsxwriter_valid.xlsx",
        "libreoffice_resaved_template.xlsx",
    ],
)
def test_values_written_by_other_programs_are_accepted(rk, name):
    outcome = _import(rk, name)
    assert outcome.upload.status == UploadStatus.ACCEPTED, outcome.upload.errors
    lines = dict(ReportLine.objects.values_list("activity__code", "financial_realisation"))
    assert lines == {"RK-01": 240_000_000, "RK-02": 90_000_000, "RK-03": 0}


# -- report date ---------------------------------------------------------------------------------------
def test_report_date_outside_the_quarter_is_a_warning_with_the_likely_swap(rk):
    outcome = _import(rk, "xlsxwriter_date_swapped.xlsx")
    assert outcome.upload.status == UploadStatus.ACCEPTED
    warning = _one(outcome.upload.warnings, row=6, column="Tanggal Laporan")
    assert warning["col_index"] == 2 and warning["value"] == "7 Oktober 2024"
    assert "di luar TW II TA 2024" in warning["message"]
    assert "Mungkin maksudnya 10 Juli 2024" in warning["message"]


# -- bounded cost ----------------------------------------------------------------------------------------
def _wide(tmp_path: Path, rows: int, columns: int, *, bad: bool = False) -> bytes:
    import xlsxwriter

    path = tmp_path / "lebar.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Laporan")
    for r, (label, value) in enumerate(
        [("Kode Wilayah", "32.04"), ("Tahun Anggaran", 2024), ("Triwulan", 2)]
    ):
        ws.write_row(r, 0, [label, value])
    ws.write_row(4, 0, builder.HEADERS + [f"Catatan {i}" for i in range(columns - 11)])
    for i, line in enumerate(builder.GOOD_LINES[:rows]):
        values = [i + 1, *line]
        if bad:
            values[6] = "tiga ratus"
        ws.write_row(5 + i, 0, [v if v != "" else None for v in values] + [1.5] * (columns - 11))
    wb.close()
    return path.read_bytes()


def test_columns_right_of_the_cap_are_ignored(rk, tmp_path, settings):
    settings.DAK_UPLOAD_MAX_COLUMNS = 20
    data = _wide(tmp_path, 3, 3000)  # 9.000 cells: within the cell limit
    outcome = _import(rk, "lebar.xlsx", data)
    assert outcome.upload.status == UploadStatus.ACCEPTED, outcome.upload.errors


def test_a_workbook_with_too_many_cells_is_refused_before_reading(rk, tmp_path, settings):
    settings.DAK_UPLOAD_MAX_CELLS = 5000
    errors = _rejected_and_nothing_stored(_import(rk, "lebar.xlsx", _wide(tmp_path, 3, 3000)))
    assert errors[0]["row"] is None and "terlalu banyak sel" in errors[0]["message"]
    assert "batasnya 5.000" in errors[0]["message"]


def test_issues_beyond_the_limit_are_counted_not_listed(rk, settings):
    settings.DAK_IMPORT_MAX_ISSUES = 2
    lines = [(f"RK-X{i}", "x", None, None, "?", "?", "?", 1, "", "") for i in range(3)]
    errors = _rejected_and_nothing_stored(_import(rk, "banyak.xlsx", builder.build(lines=lines)))
    assert len(errors) == 3 and "Masih ada" in errors[-1]["message"]


def test_highlighted_copy_is_built_once_and_kept(rk, client, tmp_path):
    from django.urls import reverse

    outcome = _import(rk, "xlsxwriter_many_errors.xlsx")
    upload = ReportUpload.objects.get(pk=outcome.upload.pk)
    assert upload.annotated.name.endswith("-kesalahan.xlsx")
    upload.original.storage.delete(upload.original.name)  # downloads never reopen the original
    client.force_login(rk.dinas)
    response = client.get(reverse("realisasi:upload_annotated", args=[upload.pk]))
    assert response.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert wb["Laporan"]["G9"].comment is not None
    assert wb["Laporan"]["B11"].comment is not None
    assert wb.sheetnames[0] == "Daftar Kesalahan"
