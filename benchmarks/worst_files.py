"""The worst report workbooks that still pass the upload limits, and what reading them costs.

Each file is crafted with xlsxwriter to sit at a limit (cells, uncompressed size, columns read,
rows, the full-copy threshold of the highlighted workbook) with an error on every line, so both
the parse and the highlighted-error workbook do their most. Each is measured in a fresh process
(`measure_child`), so its peak RSS is its own: targets ≤ 5 s and ≤ 300 MB for parse + workbook.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

TARGET_SECONDS = 5.0
TARGET_MB = 300.0
HEADERS = [
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


@dataclass(frozen=True)
class Shape:
    name: str
    rows: int
    columns: int  # all written; those beyond DAK_UPLOAD_MAX_COLUMNS are not read
    text: int  # characters of every extra cell (distinct texts: shared strings)
    what: str


def shapes() -> list[Shape]:
    cells = settings.DAK_UPLOAD_MAX_CELLS
    rows = settings.DAK_UPLOAD_MAX_ROWS
    read = settings.DAK_UPLOAD_MAX_COLUMNS
    budget = settings.DAK_UPLOAD_MAX_UNCOMPRESSED_BYTES
    from realisasi.exporters.error_workbook import FULL_COPY_MAX_CELLS

    # Texts as long as the uncompressed limit allows (~80 bytes of XML around each string).
    long_text = max(10, int(budget * 0.9 / cells) - 80)
    return [
        Shape(
            "baris maks", rows, cells // rows - 1, 8, f"{rows} baris, sel maks, tiap baris salah"
        ),
        Shape("kolom baca", cells // read - 1, read, 8, f"{read} kolom terbaca, sel maks"),
        Shape("teks panjang", cells // read - 1, read, long_text, "sel maks, ukuran isi maks"),
        Shape(
            "salinan penuh",
            FULL_COPY_MAX_CELLS // 24,
            24,
            long_text,
            "tepat di ambang salinan lengkap (openpyxl penuh)",
        ),
    ]


def write(shape: Shape, path: Path) -> None:
    """A report for 32.04 TA 2024 TW 2 whose every line has errors (text where money goes, a
    code no RK has), padded with distinct texts up to the shape's size."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Laporan")
    for r, pair in enumerate(
        [("Kode Wilayah", "32.04"), ("Tahun Anggaran", 2024), ("Triwulan", 2)]
    ):
        ws.write_row(r, 0, pair)
    extra = max(0, shape.columns - len(HEADERS))
    ws.write_row(4, 0, HEADERS[: shape.columns] + [f"Catatan {i}" for i in range(extra)])
    pad = "x" * shape.text
    for i in range(shape.rows):
        row = [i + 1, f"RK-{i:05d}", f"Uraian {i} {pad}", "lima ratus juta", None, "Entah"]
        row += ["tiga ratus", "120", "-1", "99", f"Ket {i}"]
        row += [f"{i}-{c} {pad}" for c in range(extra)]
        ws.write_row(5 + i, 0, row[: max(shape.columns, len(HEADERS))])
    wb.close()


def measure_child(path: Path) -> dict:
    """Parse + highlighted workbook of one file in this (fresh) process."""
    from realisasi.exporters.error_workbook import annotate_workbook
    from realisasi.services.import_files import capped
    from realisasi.services.imports import _stored

    data = path.read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    from realisasi.importers.report import parse_report

    result = parse_report(
        data,
        max_rows=settings.DAK_UPLOAD_MAX_ROWS,
        max_bytes=settings.DAK_UPLOAD_MAX_BYTES,
        max_uncompressed=settings.DAK_UPLOAD_MAX_UNCOMPRESSED_BYTES,
        max_cells=settings.DAK_UPLOAD_MAX_CELLS,
        max_columns=settings.DAK_UPLOAD_MAX_COLUMNS,
    )
    parsed = time.perf_counter()
    errors = [_stored(i) for i in capped(result.errors)]
    workbook = (
        annotate_workbook(data, errors, [], rows=result.rows, sheet_title=result.report.sheet_name)
        if result.report is not None
        else b""
    )
    done = time.perf_counter()
    return {
        "bytes": len(data),
        "errors": len(result.errors),
        "rejected_whole": result.report is None,
        "parse_s": parsed - start,
        "workbook_s": done - parsed,
        "workbook_bytes": len(workbook),
        "baseline_mb": before,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure(path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "manage.py", "bench_worst_files", "--child", str(path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(settings.BASE_DIR),
    )
    return json.loads(out.stdout.strip().splitlines()[-1])
