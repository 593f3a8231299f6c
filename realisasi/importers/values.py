"""How the report parser reads single cell values: text, region codes, quarters, dates.

Pure helpers, forgiving about how people type (`3204` for `32.04`, `TW II`, `22 Juli 2026`).
"""

from __future__ import annotations

import datetime as dt
import re

from dakmonev.quarters import Quarter
from dakmonev.spreadsheet import cells


class Bad:
    """Marker for a cell already reported (formula with no cached value)."""


BAD = Bad()


def region_code_or_none(value) -> str | None:
    """The Kemendagri code (the shared rule of every importer), or None when it is not one."""
    try:
        return cells.region_code(value)
    except ValueError:
        return None


def quarter_of(value) -> int | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() and 1 <= value <= 4 else None
    text = re.sub(r"[\s.]+", " ", cells.cell_text(value)).strip().upper()
    text = re.sub(r"^(TRIWULAN|TRW|TW|Q)\s*", "", text).strip()
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 4 else None
    quarter = Quarter.from_roman(text)
    return int(quarter) if quarter else None


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter of a TA (TA = calendar year)."""
    return dt.date(year, 3 * (quarter - 1) + 1, 1), Quarter(quarter).last_day(year)


_MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "pebruari": 2,
    "maret": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "nopember": 11,
    "desember": 12,
    "des": 12,
}


def date_of(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cells.cell_text(value)
    try:
        match = re.fullmatch(r"(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})", text)
        if match:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", text)
        if match and match.group(2).lower() in _MONTHS:
            return dt.date(
                int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1))
            )
    except ValueError:
        return None
    return None
