"""Hostile or wrong files are refused before openpyxl reads them, quickly and with a clear message."""

import contextlib
import io
import tracemalloc
import zipfile

import openpyxl
import pytest

from dakmonev.spreadsheet.export import build_workbook
from dakmonev.spreadsheet.issues import SpreadsheetRejected
from dakmonev.spreadsheet.safety import check_upload, open_xlsx
from dakmonev.spreadsheet.tabular import read_table


def _xlsx(rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, content in replace.items():
            if name not in src.namelist():
                dst.writestr(name, content)
    return out.getvalue()


def _message(exc_info) -> str:
    return str(exc_info.value)


def test_good_file_opens():
    wb = open_xlsx(_xlsx([["a", 1]]), max_rows=10)
    assert next(wb.active.iter_rows(values_only=True)) == ("a", 1)


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("laporan.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Format .xls"),
        (
            "laporan.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"),
            "kata sandi",
        ),
        ("laporan.csv", b"a,b\n1,2\n", "CSV tidak diterima"),
        ("laporan.xlsx", b"<html><body><table></table></body></html>", "halaman web"),
        ("laporan.xlsx", b"just text", "bukan Excel .xlsx"),
        ("laporan.xlsx", b"", "kosong"),
    ],
)
def test_wrong_kinds_get_clear_messages(name, data, expected):
    with pytest.raises(SpreadsheetRejected) as exc:
        check_upload(name, data, max_bytes=1024 * 1024)
    assert expected in _message(exc)


def test_xlsm_is_refused_by_name_and_by_content():
    data = _xlsx([["a"]])
    with pytest.raises(SpreadsheetRejected, match="makro"):
        check_upload("x.xlsm", data, max_bytes=10**7)
    src = zipfile.ZipFile(io.BytesIO(data))
    ct = src.read("[Content_Types].xml").replace(
        b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml"
    )
    with pytest.raises(SpreadsheetRejected, match="makro"):
        open_xlsx(_rezip(data, {"[Content_Types].xml": ct}), max_rows=10)


def test_over_size_is_refused_before_parsing():
    with pytest.raises(SpreadsheetRejected, match="terlalu besar"):
        check_upload("x.xlsx", b"PK\x03\x04" + b"0" * 2000, max_bytes=1000)


@contextlib.contextmanager
def _allocates_at_most(mb: int):
    """Refused without reading the file whole: bounded Python allocations (time is `make bench`'s
    to measure, not a test's)."""
    tracemalloc.start()
    try:
        yield
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < mb * 1024 * 1024, f"peak {peak / 1024 / 1024:.1f} MB"


def test_zip_bomb_is_refused_fast():
    data = _xlsx([["a"]])
    bomb = _rezip(
        data,
        {"xl/worksheets/sheet1.xml": b"<worksheet>" + b" " * (300 * 1024 * 1024) + b"</worksheet>"},
    )
    assert len(bomb) < 2 * 1024 * 1024
    with _allocates_at_most(20), pytest.raises(SpreadsheetRejected, match="zip bomb"):
        open_xlsx(bomb, max_rows=10)


@pytest.mark.parametrize(
    "payload",
    [
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><sst>&lol2;</sst>',
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><sst>&xxe;</sst>',
    ],
)
def test_entity_tricks_are_refused(payload):
    sheet = payload.replace(
        b"<sst>", b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
    ).replace(b"</sst>", b"</t></is></c></row></sheetData></worksheet>")
    data = _rezip(_xlsx([["a"]]), {"xl/worksheets/sheet1.xml": sheet})
    with pytest.raises(SpreadsheetRejected, match="DTD"):
        open_xlsx(data, max_rows=10)


def test_lying_dimension_is_caught_by_counting_rows():
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 200_001))
    sheet = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:A3"/><sheetData>{rows}</sheetData></worksheet>'
    ).encode()
    data = _rezip(_xlsx([["a"]]), {"xl/worksheets/sheet1.xml": sheet})
    with _allocates_at_most(20), pytest.raises(SpreadsheetRejected, match="batas baris"):
        open_xlsx(data, max_rows=5000)


def test_damaged_zip():
    with pytest.raises(SpreadsheetRejected, match="rusak"):
        open_xlsx(b"PK\x03\x04garbage", max_rows=10)


def test_read_table_xlsx_and_semicolon_csv():
    t = read_table(
        "p.xlsx",
        _xlsx(
            [
                ["Tahun", "Kode_Wilayah", "Pagu"],
                [2024, "32.04", 100],
                [None, None, None],
                [2024, "32.05", "1.000"],
            ]
        ),
        max_rows=10,
    )
    assert t.headers == ["tahun", "kode_wilayah", "pagu"]
    assert [n for n, _ in t.rows] == [2, 4]
    t = read_table("p.csv", b"tahun;kode_wilayah;pagu\n2024;32.04;1.000.000,00\n", max_rows=10)
    assert t.rows == [(2, {"tahun": "2024", "kode_wilayah": "32.04", "pagu": "1.000.000,00"})]


def test_export_neutralises_formulas_and_keeps_numbers():
    data = build_workbook(
        ["a", "b"],
        [
            ['=HYPERLINK("http://x")', 12.5],
            ["+1", 3],
            ["@SUM(A1)", None],
            ["-2", 0],
            ["\tx", 1],
            ["\rx", 1],
            ["biasa", 7],
        ],
    )
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    values = [(c.value, c.data_type) for c in ws["A"][2:]]  # below the title and header rows
    assert all(t == "s" for _v, t in values), values
    assert values[0][0] == '=HYPERLINK("http://x")'
    assert ws["B3"].value == 12.5 and ws["B3"].data_type == "n"
