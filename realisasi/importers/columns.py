"""The vocabulary of the quarterly report workbook (EXCEL-FORMATS.md §1), shared by the parser,
the template writer and the error-workbook annotator."""

from __future__ import annotations

import re
from dataclasses import dataclass

from allocations.choices import ProcurementStage
from dakmonev.spreadsheet.reader import SAVE_IN_EXCEL, UNREADABLE  # noqa: F401 — the parser's names

SHEET_NAME = "Laporan"
HEADER_BLOCK_ROWS = 15
HEADER_ROW_SEARCH = 30
# Columns read from the report sheet (A–AN): the template has 11, people add a few of their own;
# anything to the right is ignored without being parsed.
MAX_COLUMNS = 40


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as written in the template
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("no", "No"),
    Column("code", "Kode Kegiatan", required=True),
    Column("description", "Uraian Kegiatan"),
    Column("pagu", "Pagu (Rp)"),
    Column("contract_value", "Nilai Kontrak (Rp)"),
    Column("stage", "Status Pengadaan", required=True),
    Column("financial_realisation", "Realisasi Keuangan (Rp)", required=True),
    Column("physical_progress", "Realisasi Fisik (%)", required=True),
    Column("workers", "Tenaga Kerja"),
    Column("problem_codes", "Kode Masalah"),
    Column("remarks", "Keterangan"),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}

# Header block: label in column A → field; the bool says whether it is required.
HEADER_FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("region_code", "Kode Wilayah", True),
    ("region_name", "Nama Daerah", False),
    ("year", "Tahun Anggaran", True),
    ("quarter", "Triwulan", True),
    ("report_date", "Tanggal Laporan", False),
)
HEADER_LABEL = {key: label for key, label, _ in HEADER_FIELDS}

# Accepted spellings of the procurement stages: the code, the Indonesian label and the usual
# short forms clerks type.
_STAGE_WORDS: dict[str, tuple[str, ...]] = {
    ProcurementStage.BELUM_MULAI: ("belum dimulai", "belum mulai", "belum"),
    ProcurementStage.PERSIAPAN: ("persiapan/ded", "persiapan", "ded", "persiapan ded"),
    ProcurementStage.PENGADAAN: (
        "proses pengadaan/tender",
        "proses pengadaan",
        "pengadaan",
        "tender",
        "proses tender",
        "pengadaan/tender",
    ),
    ProcurementStage.KONTRAK: ("kontrak ditandatangani", "kontrak", "tanda tangan kontrak"),
    ProcurementStage.PELAKSANAAN: ("pelaksanaan", "dalam pelaksanaan"),
    ProcurementStage.SELESAI: ("selesai (bast)", "selesai", "bast", "selesai bast"),
    ProcurementStage.BATAL: ("gagal/batal", "batal", "gagal"),
}


def squash(text: str) -> str:
    """Lowercase, without any whitespace: how labels and stage names are compared."""
    return re.sub(r"\s+", "", str(text)).lower()


STAGE_LOOKUP: dict[str, str] = {}
for _stage, _words in _STAGE_WORDS.items():
    _code = str(_stage.value)
    STAGE_LOOKUP[squash(_code)] = _code
    STAGE_LOOKUP[squash(_code.replace("_", " "))] = _code
    STAGE_LOOKUP[squash(_stage.label)] = _code
    for _w in _words:
        STAGE_LOOKUP[squash(_w)] = _code


def stage_from_text(value) -> str | None:
    """The stage code for a code or Indonesian name, or None."""
    if value is None:
        return None
    return STAGE_LOOKUP.get(squash(value))


STAGE_CHOICES_TEXT = ", ".join(str(label) for label in ProcurementStage.labels)
PROBLEM_CODE_RANGE = range(1, 12)


# Remarks are a note for the verifier, not a document: a bound keeps a small file from
# carrying hundreds of megabytes of text into memory and the database.
MAX_REMARKS = 2000
