"""The person's own workbook back, with every bad cell highlighted and commented (pure).

Built once, when the upload is processed, and kept with it (downloads serve the stored copy).
A `Daftar Kesalahan` sheet lists every issue, including those that belong to no single cell (a
missing RK line, a missing column).

Two ways, one result for the person:
- a workbook of ordinary size is opened again in full (after the same safety checks as the
  import), so formulas, formats and other sheets stay as the person made them;
- a large one, or one openpyxl cannot load in full, is copied row by row through the same
  tolerant reader as the import into a streamed workbook: the values of the report sheet (the
  columns the import reads) with the same highlights and comments. Time and memory stay bounded
  by the upload limits whatever the file holds.
"""

from __future__ import annotations

import io
import logging
from collections import defaultdict

from django.conf import settings
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from dakmonev.spreadsheet.issues import SpreadsheetRejected
from dakmonev.spreadsheet.reader import UNCALCULATED, Unreadable, read_rows
from dakmonev.spreadsheet.safety import inspect_xlsx, open_xlsx
from dakmonev.spreadsheet.writer import append, write_only_cell
from realisasi.importers.columns import SHEET_NAME

logger = logging.getLogger(__name__)

ERROR_FILL = PatternFill("solid", start_color="FFF4B6B0", end_color="FFF4B6B0")
WARNING_FILL = PatternFill("solid", start_color="FFFFE699", end_color="FFFFE699")
LIST_SHEET = "Daftar Kesalahan"
LIST_HEADERS = ("Jenis", "Baris", "Kolom", "Nilai", "Pesan")
LIST_WIDTHS = (12, 8, 26, 24, 100)
AUTHOR = "Aplikasi Monev DAK IKM"
# Up to this many stored cells the person's workbook is reopened in full (formats, formulas,
# other sheets kept): about a second at most. Beyond it, the streamed copy.
FULL_COPY_MAX_CELLS = 20_000


def _sheet(wb):
    for ws in wb.worksheets:
        if ws.title.strip().lower() == SHEET_NAME.lower():
            return ws
    return wb.worksheets[0]


def _notes(errors, warnings) -> tuple[dict, dict]:
    """Comment lines and severity of every (row, column) that an issue points at."""
    notes: dict[tuple[int, int], list[str]] = defaultdict(list)
    severity: dict[tuple[int, int], str] = {}
    for kind, issues in (("warning", warnings), ("error", errors)):
        for issue in issues:
            if not issue.get("row"):
                continue
            cell = (issue["row"], issue.get("col_index") or 1)
            prefix = "Kesalahan" if kind == "error" else "Peringatan"
            notes[cell].append(f"{prefix} ({issue.get('column') or '-'}): {issue['message']}")
            severity[cell] = "error" if kind == "error" or severity.get(cell) == "error" else kind
    return notes, severity


def _comment(messages: list[str]) -> Comment:
    comment = Comment("\n".join(messages), AUTHOR)
    comment.width, comment.height = 360, 40 + 40 * len(messages)
    return comment


def _list_rows(errors, warnings):
    for kind, issues in (("Kesalahan", errors), ("Peringatan", warnings)):
        for issue in issues:
            # What the person typed, as text: the writer keeps it from becoming a formula.
            yield [
                kind,
                issue.get("row") or "-",
                issue.get("column") or "",
                "" if issue.get("value") is None else str(issue.get("value")),
                issue.get("message") or "",
            ]


def annotate_workbook(
    data: bytes,
    errors: list[dict],
    warnings: list[dict] = (),
    *,
    max_rows: int = 5000,
    rows: list | None = None,
    sheet_title: str | None = None,
) -> bytes:
    """`data` with the cells of `errors` (red) and `warnings` (yellow) filled and commented.

    `rows` and `sheet_title` are what the import already read of the report sheet (its rows
    as `read_rows` gives them): a large workbook is then copied from them without reading the
    file a second time."""
    limits = {
        "max_rows": max_rows + 100,
        "max_uncompressed": settings.DAK_UPLOAD_MAX_UNCOMPRESSED_BYTES,
        "max_cells": settings.DAK_UPLOAD_MAX_CELLS,
    }
    facts = inspect_xlsx(
        data,
        max_rows=limits["max_rows"] + 50,
        max_uncompressed=limits["max_uncompressed"],
        max_cells=limits["max_cells"],
    )
    if facts.cells <= FULL_COPY_MAX_CELLS:
        try:
            return _full_copy(data, errors, warnings, limits)
        except SpreadsheetRejected:
            raise
        except Exception:  # openpyxl cannot load every odd file in full: the streamed copy can
            logger.warning("Full copy of an uploaded workbook failed; streaming it", exc_info=True)
    if rows is not None and sheet_title:
        return _streamed_copy(rows, sheet_title, errors, warnings)
    source = open_xlsx(data, **limits)
    try:
        ws = _sheet(source)
        rows = read_rows(
            ws,
            max_col=settings.DAK_UPLOAD_MAX_COLUMNS,
            trust_cached=not facts.full_calc_on_load,
        )
        return _streamed_copy(rows, ws.title, errors, warnings)
    finally:
        source.close()


def _full_copy(data: bytes, errors, warnings, limits: dict) -> bytes:
    wb = open_xlsx(data, read_only=False, data_only=False, **limits)
    ws = _sheet(wb)
    notes, severity = _notes(errors, warnings)
    for (row, col), messages in notes.items():
        cell = ws.cell(row=row, column=col)
        cell.fill = ERROR_FILL if severity[(row, col)] == "error" else WARNING_FILL
        cell.comment = _comment(messages)
    if LIST_SHEET in wb.sheetnames:
        del wb[LIST_SHEET]
    summary = wb.create_sheet(LIST_SHEET, 0)
    append(summary, LIST_HEADERS, bold=True)
    for values in _list_rows(errors, warnings):
        append(summary, values)
    for idx, width in enumerate(LIST_WIDTHS, start=1):
        summary.column_dimensions[get_column_letter(idx)].width = width
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = sheet is ws
    wb.active = wb.worksheets.index(ws)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _shown(value):
    if value is UNCALCULATED:
        return "(rumus belum dihitung)"
    if isinstance(value, Unreadable):
        return "" if value.raw is None else str(value.raw)
    return value


def _streamed_copy(rows, title: str, errors, warnings) -> bytes:
    out = Workbook(write_only=True)
    summary = out.create_sheet(LIST_SHEET)
    for idx, width in enumerate(LIST_WIDTHS, start=1):
        summary.column_dimensions[get_column_letter(idx)].width = width
    summary.append([write_only_cell(summary, h, bold=True) for h in LIST_HEADERS])
    for values in _list_rows(errors, warnings):
        summary.append([write_only_cell(summary, v) for v in values])
    copy = out.create_sheet(title)
    notes, severity = _notes(errors, warnings)
    marks: dict[int, set[int]] = defaultdict(set)
    for row, col in notes:
        marks[row].add(col)
    written = 0
    for number, cells in rows:
        while written + 1 < number:  # rows the reader skipped: keep the numbering
            copy.append([])
            written += 1
        marked = marks.get(number, ())
        width = max([len(cells), *marked])
        values = []
        for col in range(1, width + 1):
            value = _shown(cells[col - 1].value) if col <= len(cells) else None
            if col in marked:
                value = _cell(copy, value, fill=severity[(number, col)])
                value.comment = _comment(notes[(number, col)])
            else:
                value = write_only_cell(copy, value)
            values.append(value)
        copy.append(values)
        written = number
    for number in range(written + 1, max(marks, default=0) + 1):  # issues below the rows read
        marked = marks.get(number, ())
        copy.append(
            [
                _with_comment(_cell(copy, None, fill=severity[(number, c)]), notes[(number, c)])
                if c in marked
                else None
                for c in range(1, max(marked, default=0) + 1)
            ]
        )
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def _cell(ws, value, *, fill: str | None = None) -> WriteOnlyCell:
    cell = write_only_cell(ws, value)
    if fill:
        cell.fill = ERROR_FILL if fill == "error" else WARNING_FILL
    return cell


def _with_comment(cell: WriteOnlyCell, messages: list[str]) -> WriteOnlyCell:
    cell.comment = _comment(messages)
    return cell
