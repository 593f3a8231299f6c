"""Numbers as people type them in Indonesian spreadsheets.

Numeric cells are taken as they are. Text follows Indonesian conventions: `.` groups thousands
and `,` is the decimal mark (`Rp 1.250.000.000`, `1.250.000.000,50`, `45,5 %`). A plain
`45.5` (one dot, not a thousands group) is read as a decimal point, since that is unambiguous.
Every parser raises ValueError whose text is an Indonesian message for the person.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")

_ID_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_DECIMAL_COMMA = re.compile(r"^\d+(,\d+)?$")
_DECIMAL_POINT = re.compile(r"^\d*\.\d+$|^\d+$")
_EN_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3}){2,}(\.\d+)?$")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def _clean_text(value: str) -> tuple[str, bool]:
    text = _SPACES.sub("", value).strip()
    negative = False
    if text.lower().startswith("rp"):
        text = text[2:].lstrip(".")
    if text.startswith("-"):
        negative, text = True, text[1:]
    if text.lower().startswith("rp"):
        text = text[2:].lstrip(".")
    return text, negative


def parse_decimal(value) -> Decimal:
    """A Decimal from a number cell or Indonesian-formatted text."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError("Sel kosong; isi dengan angka.")
    if isinstance(value, bool):
        raise ValueError(f"'{value}' bukan angka.")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("Nilai sel bukan angka yang sah.")
        return Decimal(repr(value))
    text, negative = _clean_text(str(value))
    if _ID_THOUSANDS.match(text):
        normal = text.replace(".", "").replace(",", ".")
    elif _DECIMAL_COMMA.match(text):
        normal = text.replace(",", ".")
    elif _EN_THOUSANDS.match(text):
        normal = text.replace(",", "")
    elif _DECIMAL_POINT.match(text):
        normal = text
    else:
        raise ValueError(
            f"'{value}' bukan angka. Tulis angka saja, misalnya 1.250.000.000 atau 1250000000,50."
        )
    try:
        result = Decimal(normal)
    except InvalidOperation as exc:  # pragma: no cover - regexes above admit only digits
        raise ValueError(f"'{value}' bukan angka.") from exc
    return -result if negative else result


def parse_money(value) -> Decimal:
    """Rupiah with 2 decimals (half-up)."""
    try:
        amount = parse_decimal(value)
    except ValueError as exc:
        raise ValueError(str(exc).replace("angka", "angka rupiah", 1)) from exc
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


class PercentCell(float):
    """A number cell the workbook shows as a percentage: Excel stores 45,5 % as 0.455
    (`dakmonev.spreadsheet.tabular.read_table` marks such cells; `parse_percent` scales them)."""

    __slots__ = ()


def parse_percent(value, *, is_percent_format: bool = False) -> Decimal:
    """A percentage 0–100 as Decimal (2 dp). Excel percent cells hold 0.455 for 45,5 %."""
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("%"):
            text = text[:-1].strip()
        try:
            number = parse_decimal(text)
        except ValueError as exc:
            raise ValueError(
                f"'{value}' bukan persentase. Tulis angka 0 sampai 100, misalnya 45,5 atau 45,5 %."
            ) from exc
    else:
        number = parse_decimal(value)
        if is_percent_format or isinstance(value, PercentCell):
            number = number * 100
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_int(value) -> int:
    """A whole number (`12`, `12.0` in a number cell, `1.200` as Indonesian text)."""
    number = parse_decimal(value)
    if number != number.to_integral_value():
        raise ValueError(f"'{value}' bukan bilangan bulat. Tulis tanpa desimal, misalnya 12.")
    return int(number)


_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def normalize_header(text) -> str:
    """Header/label text compared loosely: case, spaces, line breaks, unit in brackets, colon."""
    if text is None:
        return ""
    s = _BRACKETS.sub(" ", str(text))
    s = _SPACES.sub(" ", s).strip().rstrip(":").strip().lower()
    return s


def format_rupiah(amount: Decimal | int | None, *, decimals: bool | None = None) -> str:
    """`Rp1.250.000.000`, with sen only when there are some (`Rp1.250.000.000,50`) — never
    rounded to a whole rupiah that was not there; `decimals=True`/`False` forces sen/none.
    `-` for None."""
    if amount is None:
        return "-"
    cents = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    if decimals is None:
        decimals = cents != cents.to_integral_value()
    q = cents if decimals else cents.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    sign = "-" if q < 0 else ""
    whole, _, frac = f"{abs(q):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}Rp{grouped}" + (f",{frac}" if decimals and frac else "")


def format_percent(value: Decimal | None) -> str:
    """`88,46 %` rounded half-up to 2 decimals; `-` where there is no figure."""
    if value is None:
        return "-"
    q = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    whole, _, frac = f"{q:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    return f"{sign}{int(whole):,}".replace(",", ".") + f",{frac or '00'} %"


BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def format_date(d) -> str:
    """`22 Juli 2026` (Indonesian month names); `-` for None."""
    if d is None:
        return "-"
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"
