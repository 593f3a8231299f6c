"""The one writer of workbook cells: nothing the system writes can become a live formula.

Every cell of every workbook the system produces (the pre-filled template, the error workbook,
every export) is written through `put` (normal worksheets) or `write_only_cell` (write-only
exports). Text is always stored as text: a leading = + - @ tab, CR or LF would make Excel or
LibreOffice evaluate it (CSV/formula injection: `=HYPERLINK(…)` typed into an RK line), so such
a cell is typed as a string and given Excel's quote prefix — shown exactly as typed, never run.
Characters XML cannot carry (control characters pasted from other programs) are dropped instead
of crashing the download. Numbers, Decimals and dates stay typed; time zones are dropped
(Excel has none): an aware time is shown in the project's time zone.

Exports are tables written by `write_table`: a title row ("… — TA 2024, TW II, per tanggal
29/11/2026"), a bold header row frozen under it with an autofilter, and typed columns
(`Column`): money as numbers shown `#,##0`, percentages as numbers with two decimals, dates as
real dates shown dd/mm/yyyy, each column as wide as its longest value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dakmonev.quarters import Quarter

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def is_dangerous(value) -> bool:
    """True for text a spreadsheet program would evaluate as a formula or DDE command."""
    return isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES)


def plain_value(value):
    """The value as a cell may hold it: clean text, typed numbers, naive dates."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        # Shown in the project's time zone, as on the pages (Excel has no time zones).
        return timezone.localtime(value).replace(tzinfo=None)
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


# ------------------------------------------------------------------------------ typed tables

MONEY_FORMAT = "#,##0"
PERCENT_FORMAT = "0.00"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
INTEGER_FORMAT = "0"
TEXT, MONEY, PERCENT, DATE, DATETIME, INTEGER, AUTO = (
    "text",
    "money",
    "percent",
    "date",
    "datetime",
    "integer",
    "auto",
)
_FORMATS = {
    MONEY: MONEY_FORMAT,
    PERCENT: PERCENT_FORMAT,
    DATE: DATE_FORMAT,
    DATETIME: DATETIME_FORMAT,
    INTEGER: INTEGER_FORMAT,
}
_CENT = Decimal("0.01")
MIN_WIDTH, MAX_WIDTH = 8, 60
TITLE_ROW, HEADER_ROW = 1, 2


@dataclass(frozen=True)
class Column:
    """One column of an export: its header and what its values are (how they are shown)."""

    header: str
    kind: str = AUTO


def money(header: str) -> Column:
    return Column(header, MONEY)


def percent(header: str) -> Column:
    return Column(header, PERCENT)


def date(header: str) -> Column:
    return Column(header, DATE)


def timestamp(header: str) -> Column:
    return Column(header, DATETIME)


def integer(header: str) -> Column:
    return Column(header, INTEGER)


def text(header: str) -> Column:
    return Column(header, TEXT)


def as_column(column: Column | str) -> Column:
    return column if isinstance(column, Column) else Column(str(column))


def export_title(
    name: str,
    *,
    year: int | None = None,
    quarter: int | None = None,
    as_of: dt.date | None = None,
) -> str:
    """The title row of an export: what it is, its TA and TW, and the day it was taken."""
    as_of = as_of or timezone.localdate()
    ta = f"TA {year}" if year else "semua TA"
    tw = f"TW {Quarter(quarter).roman}" if quarter else "semua TW"
    return f"{name} — {ta}, {tw}, per tanggal {as_of:%d/%m/%Y}"


def typed_value(kind: str, value):
    """`value` as the column's cells hold it: percentages rounded half-up to 2 decimals,
    money and percentages as numbers, dates as dates; text stays text (neutralised later)."""
    if value is None or value == "":
        return None
    if kind == PERCENT and isinstance(value, Decimal | int | float):
        return float(Decimal(str(value)).quantize(_CENT, rounding=ROUND_HALF_UP))
    if kind == MONEY and isinstance(value, Decimal):
        return float(value)
    if kind == DATE and isinstance(value, dt.datetime):
        return plain_value(value).date()
    return plain_value(value)


def number_format(kind: str, value) -> str | None:
    if kind == AUTO:
        if isinstance(value, dt.datetime):
            return DATETIME_FORMAT
        if isinstance(value, dt.date):
            return DATE_FORMAT
        return None
    if isinstance(value, str):
        return None
    return _FORMATS.get(kind)


def _shown_width(kind: str, value) -> int:
    """Roughly how many characters the cell shows (for the column's width)."""
    if value is None:
        return 0
    fmt = number_format(kind, value)
    if fmt == DATETIME_FORMAT:
        return 16
    if fmt == DATE_FORMAT:
        return 10
    if isinstance(value, float | int) and not isinstance(value, bool):
        if fmt == MONEY_FORMAT:
            return len(f"{value:,.0f}")
        if fmt == PERCENT_FORMAT:
            return len(f"{value:.2f}")
        return len(str(value))
    return max((len(part) for part in str(value).splitlines()), default=0)


def column_widths(columns: Sequence[Column], rows: Sequence[Sequence]) -> list[int]:
    """Each column as wide as its header or widest value (within MIN_WIDTH..MAX_WIDTH)."""
    widths = [len(c.header) for c in columns]
    for row in rows:
        for i, (column, value) in enumerate(zip(columns, row, strict=False)):
            widths[i] = max(widths[i], _shown_width(column.kind, value))
    return [min(MAX_WIDTH, max(MIN_WIDTH, w + 2)) for w in widths]


def write_table(
    ws,
    columns: Sequence[Column | str],
    rows: Iterable[Sequence],
    *,
    title: str,
) -> int:
    """Write a titled, typed table into a fresh write-only worksheet; returns the data rows.

    Row 1 holds the title, row 2 the headers (bold, frozen, with an autofilter over the data).
    """
    columns = [as_column(c) for c in columns]
    typed = [[typed_value(c.kind, v) for c, v in zip(columns, row, strict=False)] for row in rows]
    for idx, width in enumerate(column_widths(columns, typed), start=1):
        ws.column_dimensions[get_column_letter(idx)].width = width
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.append([write_only_cell(ws, title, bold=True)])
    ws.append([write_only_cell(ws, c.header, bold=True) for c in columns])
    for row in typed:
        cells = []
        for column, value in zip(columns, row, strict=False):
            cell = write_only_cell(ws, value)
            fmt = number_format(column.kind, value)
            if fmt:
                cell.number_format = fmt
            cells.append(cell)
        ws.append(cells)
    last_row = HEADER_ROW + max(len(typed), 1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(max(len(columns), 1))}{last_row}"
    return len(typed)
