"""RK file (EXCEL-FORMATS.md §3): `tahun, kode_wilayah, kode_kegiatan, menu, uraian, sentra, volume,
satuan, pagu`. Menu codes, regions and sums are checked against the database by the service."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from dakmonev.spreadsheet.cells import cell_text
from dakmonev.spreadsheet.issues import CellIssue
from dakmonev.spreadsheet.numbers import normalize_header, parse_decimal
from dakmonev.spreadsheet.tabular import Table

from .common import (
    Parsed,
    RowReader,
    cached,
    canonical_headers,
    missing_headers,
    open_table,
    pagu_amount,
    region_code,
    year,
)

HEADERS = (
    "tahun",
    "kode_wilayah",
    "kode_kegiatan",
    "menu",
    "uraian",
    "sentra",
    "volume",
    "satuan",
    "pagu",
)
REQUIRED = ("tahun", "kode_wilayah", "kode_kegiatan", "menu", "uraian", "pagu")


@dataclass(frozen=True)
class RkRow:
    row: int
    year: int
    region_code: str
    code: str
    menu: str  # as written (code or name), matched by the service
    description: str
    sentra: str
    volume: Decimal
    unit: str
    pagu: Decimal


def _code(value) -> str:
    code = cell_text(value)
    if len(code) > 30:
        raise ValueError("Kode kegiatan paling panjang 30 karakter.")
    return code


def _volume(value) -> Decimal:
    volume = parse_decimal(value).quantize(Decimal("0.01"))
    if volume <= 0:
        raise ValueError("Volume harus lebih dari nol.")
    return volume


def _limited(limit: int, label: str):
    def parse(value) -> str:
        s = cell_text(value)
        if len(s) > limit:
            raise ValueError(f"{label} paling panjang {limit} karakter.")
        return s

    return parse


def parse_rk_table(table: Table) -> Parsed[RkRow]:
    """Check headers and cells; the same kode_kegiatan twice for one region and TA is an error."""
    table = canonical_headers(table)
    result: Parsed[RkRow] = Parsed(issues=missing_headers(table, REQUIRED))
    if result.issues:
        return result
    seen: dict[tuple[int, str, str], int] = {}
    parse_year, parse_region, parse_menu = cached(year), cached(region_code), cached(cell_text)
    parse_sentra, parse_unit = cached(_limited(200, "Nama sentra")), cached(_limited(40, "Satuan"))
    parse_volume, parse_pagu = cached(_volume), cached(pagu_amount)
    for number, values in table.rows:
        r = RowReader(number, values, result.issues)
        y = r.get("tahun", parse_year)
        region = r.get("kode_wilayah", parse_region)
        code = r.get("kode_kegiatan", _code)
        menu = r.get("menu", parse_menu)
        description = r.get("uraian", cell_text)
        sentra = r.get("sentra", parse_sentra, required=False) or ""
        volume = r.get("volume", parse_volume, required=False) or Decimal("1.00")
        unit = r.get("satuan", parse_unit, required=False) or ""
        pagu = r.get("pagu", parse_pagu)
        if not r.ok:
            continue
        key = (y, region, code.upper())
        if key in seen:
            r.error(
                "kode_kegiatan",
                values.get("kode_kegiatan"),
                f"Kode kegiatan {code} untuk wilayah {region} TA {y} sudah ada di baris {seen[key]}.",
            )
            continue
        seen[key] = number
        result.rows.append(
            RkRow(
                row=number,
                year=y,
                region_code=region,
                code=code,
                menu=menu,
                description=description,
                sentra=sentra,
                volume=volume,
                unit=unit,
                pagu=pagu,
            )
        )
    if not table.rows:
        result.issues.append(
            CellIssue(row=None, column="", value="", message="Berkas tidak berisi baris data.")
        )
    return result


def read_rk(name: str, data: bytes, *, max_rows: int | None = None) -> Parsed[RkRow]:
    """Parse an RK .xlsx/.csv file into rows and issues (no database)."""
    table, issues = open_table(name, data, max_rows=max_rows)
    return parse_rk_table(table) if table is not None else Parsed(issues=issues)


def menu_key(value: str) -> str:
    """Menu as written, compared loosely (code or name, any case/spacing)."""
    return normalize_header(value).replace(" ", "_").upper()
