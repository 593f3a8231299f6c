"""RK file (EXCEL-FORMATS.md §3): `tahun, kode_wilayah, kode_kegiatan, menu, uraian, sentra, volume,
satuan, pagu`, optionally `target_fisik_tw1…tw4`, `target_keuangan_tw1…tw4`. Menu codes, regions,
sums and the targets' rules are checked by the service."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from dakmonev.spreadsheet.cells import cell_text
from dakmonev.spreadsheet.issues import CellIssue
from dakmonev.spreadsheet.numbers import normalize_header, parse_decimal, parse_money, parse_percent
from dakmonev.spreadsheet.tabular import Table

from ..geo import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN
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
OPTIONAL = ("sentra_lat", "sentra_lon")
REQUIRED = ("tahun", "kode_wilayah", "kode_kegiatan", "menu", "uraian", "pagu")
TARGET_PHYSICAL = tuple(f"target_fisik_tw{q}" for q in (1, 2, 3, 4))
TARGET_FINANCIAL = tuple(f"target_keuangan_tw{q}" for q in (1, 2, 3, 4))


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
    sentra_location: tuple[Decimal, Decimal] | None = None  # (lat, lon) from sentra_lat/lon
    # (physical % ×4, Rp ×4), None per empty cell; None altogether when the file has no target column
    targets: tuple[tuple, tuple] | None = None


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


def _degrees(value) -> Decimal:
    """Decimal degrees: `-6.9175`, `-6,9175` or a number cell (one separator is always decimal)."""
    text = cell_text(value).replace(" ", "").replace(",", ".")
    try:
        if text.count(".") > 1:
            raise InvalidOperation
        return Decimal(text).quantize(Decimal("0.000001"))
    except InvalidOperation as exc:
        raise ValueError(
            f"'{text}' bukan koordinat. Tulis derajat desimal, misalnya -6,9175 atau 107,6191."
        ) from exc


def _within(low: Decimal, high: Decimal, what: str):
    def parse(value) -> Decimal:
        degrees = _degrees(value)
        if not low <= degrees <= high:
            raise ValueError(
                f"{what} {degrees} di luar wilayah Indonesia (antara {low} dan {high})."
            )
        return degrees

    return parse


_latitude = _within(LAT_MIN, LAT_MAX, "Lintang")
_longitude = _within(LON_MIN, LON_MAX, "Bujur")


def _sentra_location(r: RowReader, sentra: str) -> tuple[Decimal, Decimal] | None:
    """The optional `sentra_lat`/`sentra_lon` pair: both or neither, and only with a sentra."""
    before = len(r.issues)
    lat = r.get("sentra_lat", _latitude, required=False)
    lon = r.get("sentra_lon", _longitude, required=False)
    if len(r.issues) > before or (lat is None and lon is None):
        return None
    if lat is None or lon is None:
        missing = "sentra_lat" if lat is None else "sentra_lon"
        r.error(missing, "", "Isi sentra_lat dan sentra_lon keduanya, atau kosongkan keduanya.")
        return None
    if not sentra:
        r.error("sentra", "", "Koordinat sentra diisi tetapi nama sentra kosong.")
        return None
    return (lat, lon)


def _target_percent(value) -> Decimal:
    return parse_percent(value)


def _target_money(value) -> Decimal:
    return parse_money(value)


def _targets(r: RowReader) -> tuple[tuple, tuple]:
    """The row's optional target cells (an empty cell: no target for that quarter)."""
    physical = tuple(r.get(c, _target_percent, required=False) for c in TARGET_PHYSICAL)
    financial = tuple(r.get(c, _target_money, required=False) for c in TARGET_FINANCIAL)
    return physical, financial


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
    with_targets = bool(set(table.headers) & {*TARGET_PHYSICAL, *TARGET_FINANCIAL})
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
        location = _sentra_location(r, sentra)
        targets = _targets(r) if with_targets else None
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
                sentra_location=location,
                targets=targets,
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
