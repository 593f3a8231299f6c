"""One-header-row tables (.xlsx or .csv): pagu, RK lines, users.

CSV files are taken as Indonesian offices save them: `;` or `,` or tab (decided from the header
row), UTF-8 with or without BOM, Windows-1252, Excel's "Unicode Text" (UTF-16 with BOM, tabs),
CRLF. Workbooks are read through the same tolerant reader as the quarterly report. Either way
only the first DAK_IMPORT_MAX_COLUMNS columns are read.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field

from django.conf import settings

from .issues import SpreadsheetRejected
from .numbers import PercentCell, normalize_header
from .reader import read_rows
from .safety import check_upload, open_checked

DELIMITERS = (";", ",", "\t")
UNDECODABLE = (
    "Berkas tidak dapat dibaca sebagai teks CSV (bukan UTF-8, Windows-1252 maupun UTF-16). "
    "Buka berkas di Excel atau LibreOffice, lalu simpan sebagai 'CSV UTF-8' atau "
    "'Excel Workbook (.xlsx)' dan unggah lagi."
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Table:
    """Headers (normalized) and rows as (Excel/CSV row number, {header: raw value})."""

    headers: list[str]
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    header_row: int = 1
    sheet_name: str = ""


def _is_blank(values) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _utf16_without_bom(head: bytes) -> str | None:
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.1:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.1:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> str:
    """The text of a CSV file in any encoding offices save; SpreadsheetRejected when it is none."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        candidates = ["utf-32"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data[:4096])
        candidates = [utf16] if utf16 else []
    else:
        candidates = ["utf-8-sig", "cp1252"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Binary content that happens to decode (cp1252 maps almost every byte) is not text.
        if len(_CONTROL.findall(text[:65536])) > 8:
            break
        return text
    raise SpreadsheetRejected.because(UNDECODABLE)


def _delimiter(text: str) -> str:
    """The separator that splits the header row (the first non-blank line) into most fields."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: len(next(csv.reader([header], delimiter=d), [])) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties keep the order of DELIMITERS
    return best if counts[best] > 1 else ","


def _csv_rows(text: str, max_columns: int):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        for number, values in enumerate(reader, start=1):
            yield number, values[:max_columns]
    except csv.Error as exc:
        raise SpreadsheetRejected.because(
            f"Baris {reader.line_num} berkas CSV tidak dapat dibaca ({exc}). Periksa tanda kutip "
            "dan isi sel yang sangat panjang, atau simpan sebagai 'Excel Workbook (.xlsx)'."
        ) from exc


def _rows_to_table(raw_rows, *, max_rows: int, sheet_name: str = "") -> Table:
    table: Table | None = None
    for number, values in raw_rows:
        values = list(values)
        if table is None:
            if _is_blank(values):
                continue
            table = Table(
                headers=[normalize_header(v) for v in values],
                header_row=number,
                sheet_name=sheet_name,
            )
            continue
        if _is_blank(values):
            continue
        if len(table.rows) >= max_rows:
            raise SpreadsheetRejected.because(
                f"Berkas berisi lebih dari {max_rows:,} baris data; pisahkan menjadi beberapa berkas.".replace(
                    ",", "."
                )
            )
        row = {
            h: (values[i] if i < len(values) else None) for i, h in enumerate(table.headers) if h
        }
        table.rows.append((number, row))
    if table is None:
        raise SpreadsheetRejected.because("Berkas tidak berisi baris judul maupun data.")
    return table


def _cell_value(cell):
    """A cell's value; a number shown as a percentage is marked so it reads as one (0.455 → 45,5)."""
    value = cell.value
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if is_number and "%" in (getattr(cell, "number_format", None) or ""):
        return PercentCell(value)
    return value


def read_table(
    name: str,
    data: bytes,
    *,
    max_rows: int | None = None,
    max_bytes: int | None = None,
    max_columns: int | None = None,
) -> Table:
    """Read the first sheet (or the CSV) as a header row followed by data rows; blank rows skipped."""
    max_rows = max_rows or settings.DAK_IMPORT_MAX_ROWS
    max_columns = max_columns or settings.DAK_IMPORT_MAX_COLUMNS
    kind = check_upload(name, data, max_bytes=max_bytes, allow_csv=True)
    if kind == "csv":
        rows = _csv_rows(decode_text(data), max_columns)
        return _rows_to_table(rows, max_rows=max_rows)
    wb, facts = open_checked(data, max_rows=max_rows, max_cells=settings.DAK_IMPORT_MAX_CELLS)
    try:
        ws = wb.worksheets[0]
        rows = (
            (number, [_cell_value(c) for c in cells])
            for number, cells in read_rows(
                ws,
                max_col=max_columns,
                trust_cached=not facts.full_calc_on_load,
                fill_gaps=False,
            )
        )
        return _rows_to_table(rows, max_rows=max_rows, sheet_name=ws.title)
    finally:
        wb.close()
