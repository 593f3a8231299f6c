"""Pagu file (EXCEL-FORMATS.md §2): `tahun, kode_wilayah, pagu`, one row per region and TA."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from dakmonev.spreadsheet.issues import CellIssue
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

HEADERS = ("tahun", "kode_wilayah", "pagu")


@dataclass(frozen=True)
class PaguRow:
    row: int
    year: int
    region_code: str
    pagu: Decimal


def parse_pagu_table(table: Table) -> Parsed[PaguRow]:
    """Check headers and every cell; a (tahun, kode_wilayah) twice in the file is an error."""
    table = canonical_headers(table)
    result: Parsed[PaguRow] = Parsed(issues=missing_headers(table, HEADERS))
    if result.issues:
        return result
    seen: dict[tuple[int, str], int] = {}
    parse_year, parse_region, parse_pagu = cached(year), cached(region_code), cached(pagu_amount)
    for number, values in table.rows:
        r = RowReader(number, values, result.issues)
        y = r.get("tahun", parse_year)
        code = r.get("kode_wilayah", parse_region)
        pagu = r.get("pagu", parse_pagu)
        if not r.ok:
            continue
        if (y, code) in seen:
            r.error(
                "kode_wilayah",
                values.get("kode_wilayah"),
                f"Wilayah {code} TA {y} sudah ada di baris {seen[(y, code)]}; satu baris per wilayah per TA.",
            )
            continue
        seen[(y, code)] = number
        result.rows.append(PaguRow(row=number, year=y, region_code=code, pagu=pagu))
    if not table.rows:
        result.issues.append(
            CellIssue(row=None, column="", value="", message="Berkas tidak berisi baris data.")
        )
    return result


def read_pagu(name: str, data: bytes, *, max_rows: int | None = None) -> Parsed[PaguRow]:
    """Parse a pagu .xlsx/.csv file into rows and issues (no database)."""
    table, issues = open_table(name, data, max_rows=max_rows)
    return parse_pagu_table(table) if table is not None else Parsed(issues=issues)
