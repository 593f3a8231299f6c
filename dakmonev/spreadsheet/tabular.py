"""One-header-row tables (.xlsx or .csv): pagu, RK lines, users."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings

from .issues import SpreadsheetRejected
from .numbers import normalize_header
from .safety import check_upload, open_xlsx


@dataclass
class Table:
    """Headers (normalized) and rows as (Excel/CSV row number, {header: raw value})."""

    headers: list[str]
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    header_row: int = 1
    sheet_name: str = ""


def _is_blank(values) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


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


def read_table(
    name: str, data: bytes, *, max_rows: int | None = None, max_bytes: int | None = None
) -> Table:
    """Read the first sheet (or the CSV) as a header row followed by data rows; blank rows skipped."""
    max_rows = max_rows or settings.DAK_IMPORT_MAX_ROWS
    kind = check_upload(name, data, max_bytes=max_bytes, allow_csv=True)
    if kind == "csv":
        text = _decode(data)
        sample = text[:4096]
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        return _rows_to_table(((i, r) for i, r in enumerate(reader, start=1)), max_rows=max_rows)
    wb = open_xlsx(data, max_rows=max_rows)
    try:
        ws = wb.worksheets[0]
        rows = ((i, r) for i, r in enumerate(ws.iter_rows(values_only=True), start=1))
        return _rows_to_table(rows, max_rows=max_rows, sheet_name=ws.title)
    finally:
        wb.close()
