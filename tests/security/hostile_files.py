"""Files from strangers, built in memory for the hostile-import tests, plus a 5,000-line RK.

Large payloads are streamed into the zip (never held whole in memory), so the files stay small
on disk and the test process stays small while building them.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
from collections.abc import Callable, Iterable
from decimal import Decimal

import openpyxl
from openpyxl import Workbook

from allocations.models import Allocation, FiscalYear, PlannedActivity, Region
from tests.factories import menu

SHEET = "xl/worksheets/sheet1.xml"
REPORT_HEADERS = [
    "No",
    "Kode Kegiatan",
    "Uraian Kegiatan",
    "Pagu (Rp)",
    "Nilai Kontrak (Rp)",
    "Status Pengadaan",
    "Realisasi Keuangan (Rp)",
    "Realisasi Fisik (%)",
    "Tenaga Kerja",
    "Kode Masalah",
    "Keterangan",
]
LINE_PAGU = Decimal("100000000")
BIG = 5000


# -- a region with a 5,000-line RK, and its report -------------------------------------------------
def big_rk(region: Region, year: int, n_lines: int = BIG) -> Allocation:
    """An allocation of `region` in TA `year` with n RK lines BR-0001… of Rp100.000.000 each."""
    fiscal_year, _ = FiscalYear.objects.get_or_create(year=year)
    allocation = Allocation.objects.create(
        region=region, fiscal_year=fiscal_year, pagu=LINE_PAGU * n_lines
    )
    m = menu()
    PlannedActivity.objects.bulk_create(
        [
            PlannedActivity(
                allocation=allocation,
                code=f"BR-{i:04d}",
                menu=m,
                description=f"Kegiatan {i}",
                pagu=LINE_PAGU,
            )
            for i in range(1, n_lines + 1)
        ],
        batch_size=2000,
    )
    return allocation


def big_report(
    region: Region,
    year: int,
    quarter: int,
    n_lines: int = BIG,
    *,
    bad_last: bool = False,
    financial_base: int = 10_000_000,
    remarks: bool = False,
) -> bytes:
    """A filled report of every BR line; with `bad_last` the last line's money cell is not a number;
    `remarks` fills Keterangan with a different note on every line (a larger file, as real ones are)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Laporan")
    for row in (["Kode Wilayah", region.code], ["Tahun Anggaran", year], ["Triwulan", quarter], []):
        ws.append(row)
    ws.append(REPORT_HEADERS)
    for i in range(1, n_lines + 1):
        financial = financial_base + (i * 7919) % 50_000_000
        if bad_last and i == n_lines:
            financial = "sepuluh juta"
        ws.append(
            [
                i,
                f"BR-{i:04d}",
                f"Kegiatan {i}",
                100_000_000,
                95_000_000,
                "Pelaksanaan",
                financial,
                40 + i % 30,
                5 + i % 20,
                None,
                f"Catatan lapangan {i}: progres sesuai jadwal, kode {i * 7919 % 100003}"
                if remarks
                else None,
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def table_xlsx(headers: list[str], rows: Iterable[list]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# -- rebuilding an .xlsx with hostile parts -----------------------------------------------------------
def small_xlsx() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.title = "Laporan"
    wb.active["A1"] = "Kode Wilayah"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


Part = bytes | Callable[[io.BufferedIOBase], None]


def rezip(data: bytes, replace: dict[str, Part]) -> bytes:
    """The workbook with some parts replaced; a callable part writes itself in chunks (streamed)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for name in names + [n for n in replace if n not in names]:
            part = replace.get(name, src.read(name) if name in names else b"")
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if callable(part):
                with dst.open(info, "w") as fh:
                    part(fh)
            else:
                dst.writestr(info, part)
    return out.getvalue()


_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def lying_dimension(rows: int = 1_000_000) -> bytes:
    """A sheet declaring A1:C3 but holding `rows` rows (~25 MB of XML, ~0.3 MB on disk).

    The first row carries incompressible text so the whole part compresses like a normal sheet
    (about 100:1, under the zip-bomb ratio): the row counter, not the bomb check, must stop it.
    """

    def write(fh):
        fh.write(
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}><dimension ref="A1:C3"/><sheetData>'.encode()
        )
        fh.write(
            f'<row r="1"><c r="A1" t="inlineStr"><is><t>{os.urandom(150_000).hex()}</t></is></c></row>'.encode()
        )
        chunk = b"<row><c><v>1</v></c><c><v>2</v></c></row>" * 10_000
        for _ in range(rows // 10_000):
            fh.write(chunk)
        fh.write(b"</sheetData></worksheet>")

    return rezip(small_xlsx(), {SHEET: write})


def zip_bomb(megabytes: int = 300) -> bytes:
    """An honest zip bomb: one sheet part that expands to `megabytes` MB of spaces (~0.3 MB on disk)."""

    def write(fh):
        fh.write(f'<?xml version="1.0"?><worksheet {_NS}><sheetData>'.encode())
        block = b" " * (1 << 20)
        for _ in range(megabytes):
            fh.write(block)
        fh.write(b"</sheetData></worksheet>")

    return rezip(small_xlsx(), {SHEET: write})


def lying_zip_bomb(megabytes: int = 300) -> bytes:
    """The same bomb whose zip headers claim the part is only 1,000 bytes long."""
    data = bytearray(zip_bomb(megabytes))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(SHEET)
    struct.pack_into("<I", data, info.header_offset + 22, 1000)  # local header: uncompressed size
    pos = data.find(b"PK\x01\x02")
    while pos != -1:  # central directory entries: uncompressed size at +24, name at +46
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46 : pos + 46 + name_len]) == SHEET.encode():
            struct.pack_into("<I", data, pos + 24, 1000)
            return bytes(data)
        pos = data.find(b"PK\x01\x02", pos + 4)
    raise AssertionError("sheet part not found")


def entity_payload(kind: str) -> bytes:
    """A workbook whose sheet XML carries a billion-laughs or an external-entity DTD."""
    if kind == "billion_laughs":
        entities = '<!ENTITY lol "lol">' + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, 10)
        )
        dtd, ref = f"<!DOCTYPE lolz [{entities}]>", "&lol9;"
    else:
        dtd, ref = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;"
    sheet = (
        f'<?xml version="1.0"?>{dtd}<worksheet {_NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
        f"<t>{ref}</t></is></c></row></sheetData></worksheet>"
    ).encode()
    return rezip(small_xlsx(), {SHEET: sheet})


def macro_workbook() -> bytes:
    """A workbook declaring macros (as Excel saves .xlsm) with a vbaProject part."""
    data = small_xlsx()
    ct = (
        zipfile.ZipFile(io.BytesIO(data))
        .read("[Content_Types].xml")
        .replace(b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml")
    )
    return rezip(data, {"[Content_Types].xml": ct, "xl/vbaProject.bin": b"\x00" * 64})


# -- an encrypted workbook: an OLE compound file with EncryptionInfo and EncryptedPackage streams ----
_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _dir_entry(name: str, kind: int, *, left=_NOSTREAM, right=_NOSTREAM, child=_NOSTREAM) -> bytes:
    if not name:
        return struct.pack(
            "<64sHBBIII16sIQQIQ", b"", 0, 0, 0, _NOSTREAM, _NOSTREAM, _NOSTREAM, b"", 0, 0, 0, 0, 0
        )
    encoded = (name + "\0").encode("utf-16-le")
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded,
        len(encoded),
        kind,
        1,
        left,
        right,
        child,
        b"",
        0,
        0,
        0,
        _END,
        0,
    )


def encrypted_workbook() -> bytes:
    """What Excel writes for a password-protected workbook (CFB v3, empty streams), by hand."""
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIIII",
        bytes.fromhex("d0cf11e0a1b11ae1"),
        b"",
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"",
        0,
        1,
        1,
        0,
        0x1000,
        _END,
        0,
        _END,
        0,
        0,
    )[:-4]  # the first DIFAT entry is written below
    header += struct.pack("<I", 0) + struct.pack("<I", _FREE) * 108
    fat = struct.pack("<II", _FATSECT, _END) + struct.pack("<I", _FREE) * 126
    directory = (
        _dir_entry("Root Entry", 5, child=1)
        + _dir_entry("EncryptionInfo", 2, right=2)
        + _dir_entry("EncryptedPackage", 2)
        + _dir_entry("", 0)
    )
    assert len(header) == 512 and len(fat) == 512 and len(directory) == 512
    return header + fat + directory


# -- the wrong kinds of file a person may pick ------------------------------------------------------
HTML_AS_XLSX = (
    b"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><table><tr><td>Kode Wilayah</td>"
    b"<td>32.04</td></tr></table></body></html>"
)
CSV_REPORT = b"Kode Wilayah;32.04\nTahun Anggaran;2024\nTriwulan;2\n"
XLS_97 = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 1024
