"""Excel exports that cannot carry formulas into the reader's Excel (CSV/formula injection)."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from dakmonev.web import download

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_SAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


def is_dangerous(value) -> bool:
    return isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES)


def safe_cell(ws, value, *, bold: bool = False) -> WriteOnlyCell:
    """A write-only cell: text stays text (a leading = + - @ tab CR gets a quote prefix and the
    string type, so Excel never evaluates it); numbers, Decimals and dates stay typed."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    if isinstance(value, Decimal):
        value = float(value) if value == value.quantize(Decimal("0.01")) else value
    cell = WriteOnlyCell(ws, value=value)
    if is_dangerous(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    if bold:
        cell.font = Font(bold=True)
    return cell


def build_workbook(
    headers: Sequence[str],
    rows: Iterable[Sequence],
    *,
    sheet_title: str = "Data",
    widths: Sequence[int] | None = None,
) -> bytes:
    """The bytes of a one-sheet workbook; built write-only so large exports stay small in memory."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=sheet_title[:31] or "Data")
    for idx, width in enumerate(widths or [max(12, min(50, len(h) + 4)) for h in headers], start=1):
        ws.column_dimensions[_col_letter(idx)].width = width
    ws.freeze_panes = "A2"
    ws.append([safe_cell(ws, h, bold=True) for h in headers])
    for row in rows:
        ws.append([safe_cell(ws, v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _col_letter(idx: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(idx)


def attachment_response(
    content: bytes, filename: str, content_type: str = XLSX_MIME
) -> HttpResponse:
    """A download that the browser saves (never renders), with a safe file name."""
    stem, _, ext = filename.rpartition(".")
    safe = f"{_SAFE_FILENAME.sub('_', stem or 'unduhan').strip('._') or 'unduhan'}.{_SAFE_FILENAME.sub('', ext) or 'bin'}"
    return download(content, safe, content_type)


def xlsx_response(
    filename: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    *,
    sheet_title: str = "Data",
    widths: Sequence[int] | None = None,
) -> HttpResponse:
    """An .xlsx attachment of `rows` under `headers`, formula-safe."""
    return attachment_response(
        build_workbook(headers, rows, sheet_title=sheet_title, widths=widths), filename
    )
