"""The one writer of workbook cells: nothing the system writes can become a live formula.

Every cell of every workbook the system produces (the pre-filled template, the error workbook,
every export) is written through `put` (normal worksheets) or `write_only_cell` (write-only
exports). Text is always stored as text: a leading = + - @ tab, CR or LF would make Excel or
LibreOffice evaluate it (CSV/formula injection: `=HYPERLINK(…)` typed into an RK line), so such
a cell is typed as a string and given Excel's quote prefix — shown exactly as typed, never run.
Characters XML cannot carry (control characters pasted from other programs) are dropped instead
of crashing the download. Numbers, Decimals and dates stay typed; time zones are dropped
(Excel has none).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def is_dangerous(value) -> bool:
    """True for text a spreadsheet program would evaluate as a formula or DDE command."""
    return isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES)


def plain_value(value):
    """The value as a cell may hold it: clean text, typed numbers, naive dates."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if isinstance(value, Decimal):
        # Whole cents fit a float exactly enough for display; other Decimals keep their digits.
        return float(value) if value == value.quantize(Decimal("0.01")) else value
    if value is None or isinstance(value, bool | int | float | dt.date | dt.time):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))  # lazy strings, enums, anything else


def _neutralise(cell, value) -> None:
    if is_dangerous(value):
        cell.data_type = "s"
        cell.quotePrefix = True


def put(ws, row: int, column: int, value, *, bold: bool = False):
    """Write `value` into ws[row, column] of a normal worksheet, as data; returns the cell."""
    value = plain_value(value)
    cell = ws.cell(row=row, column=column)
    cell.value = value
    _neutralise(cell, value)
    if bold:
        cell.font = Font(bold=True)
    return cell


def append(ws, values, *, bold: bool = False) -> int:
    """Write `values` as the next row of a normal worksheet; returns the row number."""
    row = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        put(ws, row, column, value, bold=bold)
    return row


def write_only_cell(ws, value, *, bold: bool = False) -> WriteOnlyCell:
    """A cell for a write-only worksheet's `append`, as data."""
    value = plain_value(value)
    cell = WriteOnlyCell(ws, value=value)
    _neutralise(cell, value)
    if bold:
        cell.font = Font(bold=True)
    return cell
