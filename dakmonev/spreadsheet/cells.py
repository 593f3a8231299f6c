"""Single cell values as people type them, shared by every importer (report, pagu, RK)."""

from __future__ import annotations

import re

_REGION_DOTTED = re.compile(r"^\d{2}(\.\d{2})?$")
_REGION_PLAIN = re.compile(r"^\d{2}(\d{2})?$")
# Indonesian Excel writes the number 32.04 as `32,04` in a CSV (and 32.10 as `32,1`).
_REGION_COMMA = re.compile(r"^(\d{2}),(\d{1,2})$")


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value) -> str:
    """Text of a cell; a whole number typed in a number cell loses its `.0`."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def region_code(value) -> str:
    """Kemendagri code as text (`32.04`, `32`); accepts `3204`, a number cell 32.04 or 32.1
    (Excel turns a typed 32.10 into 32.1: it is read back with two decimals), and the same
    number written with a decimal comma, `32,04` or `32,1`."""
    if isinstance(value, float):
        raw = f"{value:.2f}" if not value.is_integer() else str(int(value))
    else:
        raw = re.sub(r"\s+", "", cell_text(value))
        comma = _REGION_COMMA.match(raw)
        if comma:
            raw = f"{comma.group(1)}.{comma.group(2).ljust(2, '0')}"
    if _REGION_DOTTED.match(raw):
        return raw
    if _REGION_PLAIN.match(raw):
        return raw if len(raw) == 2 else f"{raw[:2]}.{raw[2:]}"
    raise ValueError(
        f"'{value}' bukan kode wilayah Kemendagri. Tulis seperti 32.04 (kabupaten/kota) "
        "atau 32 (provinsi)."
    )
