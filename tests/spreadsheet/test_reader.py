"""The tolerant row reader: whatever a cell holds, reading never raises, and the cell says why
it could not be read; columns right of the cap are not read; placeholders of formulas are
recognised. The worksheet XML below is what odd writers really produce, cell by cell."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from dakmonev.spreadsheet.reader import UNCALCULATED, Unreadable, read_rows
from dakmonev.spreadsheet.safety import inspect_xlsx, open_checked


def _with_sheet(cells: str, *, full_calc: bool = False) -> bytes:
    """A workbook whose first sheet holds row 1 = `cells` (raw <c> elements) and row 3 = ok."""
    wb = openpyxl.Workbook()
    wb.active["A1"] = "placeholder"
    buf = io.BytesIO()
    wb.save(buf)
    src, out = zipfile.ZipFile(io.BytesIO(buf.getvalue())), io.BytesIO()
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData><row r="1">{cells}</row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>ok</t></is></c></row></sheetData></worksheet>'
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = sheet.encode()
            elif info.filename == "xl/workbook.xml" and not full_calc:
                body = body.replace(b' fullCalcOnLoad="1"', b"")
            dst.writestr(info, body)
    return out.getvalue()


def _rows(data: bytes, max_col: int = 40):
    wb, facts = open_checked(data, max_rows=10)
    try:
        return list(
            read_rows(wb.worksheets[0], max_col=max_col, trust_cached=not facts.full_calc_on_load)
        )
    finally:
        wb.close()


@pytest.mark.parametrize(
    "cell, raw",
    [
        ('<c r="B1"><v>None</v></c>', "None"),  # xlsxwriter write_formula(..., value=None)
        ('<c r="B1"><f>A1*2</f><v>None</v></c>', "None"),
        ('<c r="B1" t="s"><v>999</v></c>', "999"),  # shared string that does not exist
        ('<c r="B1" t="b"><v>ya</v></c>', "ya"),
        ('<c r="B1" t="d"><v>kemarin</v></c>', "kemarin"),
    ],
)
def test_a_cell_that_cannot_be_cast_is_unreadable_not_a_crash(cell, raw):
    rows = _rows(_with_sheet('<c r="A1"><v>5</v></c>' + cell))
    assert [n for n, _ in rows] == [1, 2, 3]
    first = rows[0][1]
    assert first[0].value == 5 and first[1].value == Unreadable(raw)
    assert rows[2][1][0].value == "ok"  # the rows after it are read as usual


@pytest.mark.parametrize("style", ["4000", "abc", "-1"])
def test_a_style_id_that_is_no_style_reads_as_general(style):
    rows = _rows(_with_sheet(f'<c r="A1" s="{style}"><v>12.5</v></c>'))
    assert rows[0][1][0].value == 12.5 and rows[0][1][0].number_format == "General"


def test_formula_without_result_and_placeholder_results_are_uncalculated():
    cells = '<c r="A1"><f>1+1</f></c><c r="B1"><f>2+2</f><v>0</v></c>'
    trusted = _rows(_with_sheet(cells))[0][1]
    assert trusted[0].value is UNCALCULATED and trusted[1].value == 0  # a stored result is used
    placeholders = _rows(_with_sheet(cells, full_calc=True))[0][1]
    assert [c.value for c in placeholders] == [UNCALCULATED, UNCALCULATED]


def test_full_calc_on_load_is_found_in_the_workbook_part():
    assert inspect_xlsx(_with_sheet("", full_calc=True)).full_calc_on_load
    assert not inspect_xlsx(_with_sheet("")).full_calc_on_load


def test_columns_right_of_the_cap_are_not_read():
    cells = "".join(
        f'<c r="{openpyxl.utils.get_column_letter(i)}1"><v>{i}</v></c>' for i in (1, 2, 700)
    )
    row = _rows(_with_sheet(cells), max_col=3)[0][1]
    assert [c.value for c in row] == [1, 2]


def test_rows_out_of_order_or_with_junk_numbers_do_not_break_reading():
    data = _with_sheet(
        '<c r="A1"><v>1</v></c></row><row r="x"><c><v>2</v></c></row><row r="1"><c r="A1"><v>9</v></c>'
    )
    rows = _rows(data)
    assert rows[0][1][0].value == 1 and rows[1][1][0].value == 2
    assert rows[-1][1][0].value == "ok"
