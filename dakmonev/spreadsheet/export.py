"""Excel exports; every cell goes through the neutralising writer (dakmonev.spreadsheet.writer)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook

from dakmonev.web import download

from .writer import write_only_cell

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


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
    ws.append([write_only_cell(ws, h, bold=True) for h in headers])
    for row in rows:
        ws.append([write_only_cell(ws, v) for v in row])
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
