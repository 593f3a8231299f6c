"""Opening files from strangers: type, size, zip bombs, XML entity tricks, lying dimensions.

Every check runs before openpyxl parses anything, reads at most the declared (and capped)
uncompressed bytes, and ends in a SpreadsheetRejected with an Indonesian message, never a crash.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

import openpyxl
from django.conf import settings

from .issues import SpreadsheetRejected

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MAX_ZIP_ENTRIES = 2000
MAX_RATIO = 200  # an .xlsx part rarely compresses better than ~50:1
CHUNK = 1 << 20
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")
_FULL_CALC = re.compile(rb"fullCalcOnLoad\s*=\s*[\"'](?:1|true)[\"']")
_OFFICE_DOCUMENT = re.compile(
    r"<Relationship\b[^>]*?Type=\"[^\"]*/officeDocument\"[^>]*?Target=\"/?([^\"]+)\"|"
    r"<Relationship\b[^>]*?Target=\"/?([^\"]+)\"[^>]*?Type=\"[^\"]*/officeDocument\""
)
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")

SAVE_AS_XLSX = (
    "Buka berkas di Excel atau LibreOffice, lalu Simpan Sebagai (Save As) 'Excel Workbook (.xlsx)'."
)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def check_upload(
    name: str, data: bytes, *, max_bytes: int | None = None, allow_csv: bool = False
) -> str:
    """Decide what kind of file this is before parsing; returns "xlsx" or "csv" or raises."""
    max_bytes = max_bytes or settings.DAK_UPLOAD_MAX_BYTES
    lower = (name or "").lower()
    if len(data) > max_bytes:
        raise SpreadsheetRejected.because(
            f"Berkas terlalu besar ({_mb(len(data))}); batasnya {_mb(max_bytes)}. "
            "Hapus lembar atau gambar yang tidak perlu, lalu unggah lagi."
        )
    if not data:
        raise SpreadsheetRejected.because("Berkas kosong. Pilih berkas laporan yang sudah diisi.")
    if data.startswith(OLE_MAGIC):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o" in data:
            raise SpreadsheetRejected.because(
                "Berkas dilindungi kata sandi (terenkripsi) sehingga tidak dapat dibaca. "
                "Hapus kata sandinya di Excel (File > Info > Protect Workbook), simpan, lalu unggah lagi."
            )
        raise SpreadsheetRejected.because(
            f"Format .xls (Excel 97–2003) tidak diterima. {SAVE_AS_XLSX}"
        )
    if data.startswith(ZIP_MAGIC):
        if lower.endswith(".xlsm") or lower.endswith(".xltm"):
            raise SpreadsheetRejected.because(
                f"Berkas berisi makro (.xlsm) tidak diterima demi keamanan. {SAVE_AS_XLSX}"
            )
        if lower.endswith(".ods"):
            raise SpreadsheetRejected.because(f"Format .ods tidak diterima. {SAVE_AS_XLSX}")
        return "xlsx"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<table", b"<head")):
        raise SpreadsheetRejected.because(
            "Berkas ini adalah halaman web (HTML/XML) yang diberi nama Excel, bukan berkas .xlsx. "
            + SAVE_AS_XLSX
        )
    if allow_csv and (lower.endswith(".csv") or lower.endswith(".txt")):
        return "csv"
    if lower.endswith(".csv"):
        raise SpreadsheetRejected.because(
            f"Berkas CSV tidak diterima untuk laporan ini. {SAVE_AS_XLSX}"
        )
    raise SpreadsheetRejected.because(f"Berkas bukan Excel .xlsx yang sah. {SAVE_AS_XLSX}")


def _zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise SpreadsheetRejected.because(f"Berkas rusak atau bukan .xlsx. {SAVE_AS_XLSX}") from exc


@dataclass(frozen=True)
class XlsxFacts:
    """What the safety scan learnt about a workbook on the way."""

    cells: int = 0  # cells stored in all worksheets (with a value, a formula or only a format)
    # The workbook asks to be recalculated when opened (xlsxwriter, pandas): its stored formula
    # results are placeholders, not results.
    full_calc_on_load: bool = False


def _too_many_cells(count: int, limit: int) -> SpreadsheetRejected:
    return SpreadsheetRejected.because(
        f"Berkas berisi terlalu banyak sel ({count:,} sel atau lebih; batasnya {limit:,}). ".replace(
            ",", "."
        )
        + "Hapus lembar, kolom atau baris di luar tabel (termasuk sel kosong yang diberi format), "
        "lalu simpan dan unggah lagi."
    )


def _workbook_part(zf: zipfile.ZipFile, names: set[str]) -> str:
    if "_rels/.rels" in names:
        match = _OFFICE_DOCUMENT.search(zf.read("_rels/.rels").decode("utf-8", "replace"))
        if match:
            return match.group(1) or match.group(2)
    return "xl/workbook.xml"


def inspect_xlsx(
    data: bytes,
    *,
    max_rows: int | None = None,
    max_uncompressed: int | None = None,
    max_cells: int | None = None,
) -> XlsxFacts:
    """Refuse zip bombs, DTD/entity payloads, macro workbooks, sheets with too many rows and
    workbooks with too many cells; tell whether the workbook asks to be recalculated."""
    max_uncompressed = max_uncompressed or settings.DAK_XLSX_MAX_UNCOMPRESSED_BYTES
    zf = _zip(data)
    infos = zf.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise SpreadsheetRejected.because(
            "Berkas berisi terlalu banyak bagian; ini bukan laporan Excel biasa."
        )
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(_SHEET_PART.match(n) for n in names):
        raise SpreadsheetRejected.because(f"Berkas rusak atau bukan .xlsx. {SAVE_AS_XLSX}")
    for info in infos:
        if (
            info.compress_size
            and info.file_size > 1_000_000
            and info.file_size / info.compress_size > MAX_RATIO
        ):
            raise SpreadsheetRejected.because(
                "Berkas dipadatkan secara tidak wajar (zip bomb) dan ditolak demi keamanan."
            )
    total = sum(i.file_size for i in infos)
    if total > max_uncompressed:
        raise SpreadsheetRejected.because(
            f"Isi berkas terlalu besar setelah dibuka ({_mb(total)}; batasnya {_mb(max_uncompressed)}). "
            "Hapus lembar, kolom atau baris yang tidak perlu (juga sel kosong yang diberi format), "
            "lalu simpan dan unggah lagi."
        )
    content_types = zf.read("[Content_Types].xml")
    if b"macroEnabled" in content_types or "xl/vbaProject.bin" in names:
        raise SpreadsheetRejected.because(
            f"Berkas berisi makro tidak diterima demi keamanan. {SAVE_AS_XLSX}"
        )
    workbook_part = _workbook_part(zf, names)
    cells, full_calc = 0, False
    for info in infos:
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        is_sheet = bool(_SHEET_PART.match(info.filename))
        is_strings = info.filename == "xl/sharedStrings.xml"
        rows, strings, tail = 0, 0, b""
        try:
            with zf.open(info) as part:
                while chunk := part.read(CHUNK):
                    window = tail + chunk
                    if _DTD.search(window):
                        raise SpreadsheetRejected.because(
                            "Berkas berisi deklarasi XML (DTD/entity) yang tidak diizinkan; "
                            "berkas ini tidak dibuat oleh Excel biasa dan ditolak demi keamanan."
                        )
                    if is_sheet and max_rows is not None:
                        # A row tag split across two chunks is counted through the overlap.
                        rows += len(_ROW.findall(window)) - len(_ROW.findall(tail))
                        if rows > max_rows:
                            raise SpreadsheetRejected.because(
                                f"Lembar kerja berisi lebih dari {max_rows:,} baris".replace(
                                    ",", "."
                                )
                                + "; batas baris tabel terlampaui. Pisahkan data atau hapus baris kosong yang terisi format."
                            )
                    if is_sheet and max_cells is not None:
                        cells += len(_CELL.findall(window)) - len(_CELL.findall(tail))
                        if cells > max_cells:
                            raise _too_many_cells(cells, max_cells)
                    if is_strings and max_cells is not None:
                        # More distinct texts than cells could ever show: padding, not a report.
                        strings += len(_SHARED_STRING.findall(window))
                        strings -= len(_SHARED_STRING.findall(tail))
                        if strings > max_cells:
                            raise _too_many_cells(strings, max_cells)
                    if info.filename == workbook_part and _FULL_CALC.search(window):
                        full_calc = True
                    tail = chunk[-16:]
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
            raise SpreadsheetRejected.because(
                f"Berkas rusak atau bukan .xlsx. {SAVE_AS_XLSX}"
            ) from exc
    return XlsxFacts(cells=cells, full_calc_on_load=full_calc)


def open_checked(
    data: bytes,
    *,
    max_rows: int | None = None,
    max_uncompressed: int | None = None,
    max_cells: int | None = None,
    read_only: bool = True,
    data_only: bool = True,
) -> tuple[openpyxl.Workbook, XlsxFacts]:
    """An openpyxl workbook, opened only after `inspect_xlsx` has passed, and what it found.

    `max_rows` caps the rows of every worksheet (plus a margin for the header block), counted
    in the XML itself, so a declared dimension that lies does not matter; `max_cells` caps the
    cells of all worksheets together, which bounds the time and memory of any reading.
    """
    cap = None if max_rows is None else max_rows + 50
    facts = inspect_xlsx(data, max_rows=cap, max_uncompressed=max_uncompressed, max_cells=max_cells)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=read_only, data_only=data_only)
    except SpreadsheetRejected:
        raise
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise SpreadsheetRejected.because(
            f"Berkas rusak dan tidak dapat dibaca. {SAVE_AS_XLSX}"
        ) from exc
    return wb, facts


def open_xlsx(data: bytes, **kwargs) -> openpyxl.Workbook:
    """`open_checked` without the facts."""
    return open_checked(data, **kwargs)[0]
