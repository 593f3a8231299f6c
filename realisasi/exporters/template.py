"""The pre-filled report template (pure): header block, every RK line, lists, formats, help.

Every cell is written through the neutralising writer (dakmonev.spreadsheet.writer): RK text
such as `=HYPERLINK(…)` arrives in the region's Excel as text, never as a live formula.

Parsed by `report.parse_report` it round-trips: the same region, TA, quarter and lines.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from allocations.choices import ProcurementStage
from dakmonev.quarters import Quarter
from dakmonev.spreadsheet.writer import append, put
from realisasi.importers.columns import COLUMNS, HEADER_BLOCK_ROWS, SHEET_NAME

MONEY_FORMAT = "#,##0"
PERCENT_FORMAT = "0.00"
HEADER_FILL = PatternFill("solid", start_color="FFDCE6F1", end_color="FFDCE6F1")
INPUT_FILL = PatternFill("solid", start_color="FFFFFBE6", end_color="FFFFFBE6")
WIDTHS = {
    "no": 5,
    "code": 14,
    "description": 42,
    "pagu": 18,
    "contract_value": 18,
    "stage": 24,
    "financial_realisation": 20,
    "physical_progress": 12,
    "workers": 10,
    "problem_codes": 12,
    "remarks": 30,
}
TABLE_HEADER_ROW = 8
PREVIOUS_HEADERS = ("Keuangan TW sebelumnya (Rp) — info", "Fisik TW sebelumnya (%) — info")


def target_headers(quarter: int) -> tuple[str, str]:
    """The read-only plan columns (issue 18): the line's cumulative targets for the quarter."""
    label = Quarter(quarter).label
    return (f"Target keuangan {label} (Rp) — info", f"Target fisik {label} (%) — info")


@dataclass
class TemplateLine:
    code: str
    description: str
    pagu: Decimal
    contract_value: Decimal | None = None
    stage: str = ProcurementStage.BELUM_MULAI
    financial_realisation: Decimal | None = None
    physical_progress: Decimal | None = None
    workers: int | None = None
    problem_codes: list[int] = field(default_factory=list)
    remarks: str = ""
    previous_financial_realisation: Decimal | None = None
    previous_physical_progress: Decimal | None = None
    target_financial: Decimal | None = None  # the RK line's plan for the quarter (info)
    target_physical: Decimal | None = None


@dataclass
class TemplateSpec:
    region_code: str
    region_name: str
    year: int
    quarter: int
    lines: list[TemplateLine]
    previous_quarter: int | None = None
    problem_codes: list[tuple[int, str]] = field(
        default_factory=lambda: [(n, "") for n in range(1, 12)]
    )


def _num(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def build_template(spec: TemplateSpec) -> bytes:
    """The bytes of the template workbook for one region, TA and quarter."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    lists = _lists_sheet(wb, spec)
    _header_block(ws, spec)
    _table(ws, spec, lists)
    _help_sheet(wb, spec)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _header_block(ws, spec: TemplateSpec) -> None:
    rows = [
        ("Kode Wilayah", spec.region_code),
        ("Nama Daerah", spec.region_name),
        ("Tahun Anggaran", spec.year),
        ("Triwulan", Quarter(spec.quarter).label),
        ("Tanggal Laporan", None),
        (
            None,
            "Isi kolom berwarna kuning. Angka kumulatif sampai akhir triwulan. Lihat lembar Petunjuk.",
        ),
    ]
    assert len(rows) < TABLE_HEADER_ROW <= HEADER_BLOCK_ROWS
    for row, (label, value) in enumerate(rows, start=1):
        put(ws, row, 1, label, bold=True)
        cell = put(ws, row, 2, value)
        if label == "Kode Wilayah":
            cell.number_format = "@"  # text: 32.04 must not become the number 32.04
    ws.cell(row=5, column=2).number_format = "DD/MM/YYYY"
    ws.cell(row=5, column=2).fill = INPUT_FILL


def _table(ws, spec: TemplateSpec, lists) -> None:
    headers = (
        [c.header for c in COLUMNS] + list(PREVIOUS_HEADERS) + list(target_headers(spec.quarter))
    )
    for col, header in enumerate(headers, start=1):
        cell = put(ws, TABLE_HEADER_ROW, col, header, bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        key = COLUMNS[col - 1].key if col <= len(COLUMNS) else None
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS.get(key, 18)
    index = {c.key: i for i, c in enumerate(COLUMNS, start=1)}
    stage_labels = {str(v): str(label) for v, label in ProcurementStage.choices}
    first = TABLE_HEADER_ROW + 1
    for offset, line in enumerate(spec.lines):
        row = first + offset
        values = {
            "no": offset + 1,
            "code": line.code,
            "description": line.description,
            "pagu": _num(line.pagu),
            "contract_value": _num(line.contract_value),
            "stage": stage_labels.get(str(line.stage)),
            "financial_realisation": _num(
                line.financial_realisation if line.financial_realisation is not None else Decimal(0)
            ),
            "physical_progress": _num(
                line.physical_progress if line.physical_progress is not None else Decimal(0)
            ),
            "workers": line.workers if line.workers is not None else 0,
            "problem_codes": ", ".join(str(c) for c in line.problem_codes) or None,
            "remarks": line.remarks or None,
        }
        for key, value in values.items():
            cell = put(ws, row, index[key], value)
            if key in ("pagu", "contract_value", "financial_realisation"):
                cell.number_format = MONEY_FORMAT
            elif key == "physical_progress":
                cell.number_format = PERCENT_FORMAT
            if key in (
                "contract_value",
                "stage",
                "financial_realisation",
                "physical_progress",
                "workers",
                "problem_codes",
                "remarks",
            ):
                cell.fill = INPUT_FILL
        put(
            ws, row, len(COLUMNS) + 1, _num(line.previous_financial_realisation)
        ).number_format = MONEY_FORMAT
        put(
            ws, row, len(COLUMNS) + 2, _num(line.previous_physical_progress)
        ).number_format = PERCENT_FORMAT
        put(ws, row, len(COLUMNS) + 3, _num(line.target_financial)).number_format = MONEY_FORMAT
        put(ws, row, len(COLUMNS) + 4, _num(line.target_physical)).number_format = PERCENT_FORMAT
    last = first + max(len(spec.lines), 1) - 1
    stage_dv, problem_dv, money_dv, pct_dv, int_dv = lists
    for dv, key in (
        (stage_dv, "stage"),
        (problem_dv, "problem_codes"),
        (money_dv, "financial_realisation"),
        (money_dv, "contract_value"),
        (pct_dv, "physical_progress"),
        (int_dv, "workers"),
    ):
        letter = get_column_letter(index[key])
        dv.add(f"{letter}{first}:{letter}{last}")
        if dv not in ws.data_validations.dataValidation:
            ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(row=first, column=index["stage"])


def _lists_sheet(wb, spec: TemplateSpec):
    lists = wb.create_sheet("Daftar")
    append(lists, ["Status Pengadaan", "Kode Masalah", "Uraian masalah"])
    stages = [str(label) for label in ProcurementStage.labels]
    for i in range(max(len(stages), len(spec.problem_codes))):
        code, name = spec.problem_codes[i] if i < len(spec.problem_codes) else (None, None)
        append(lists, [stages[i] if i < len(stages) else None, code, name])
    lists.sheet_state = "hidden"
    stage_dv = DataValidation(
        type="list",
        formula1=f"=Daftar!$A$2:$A${len(stages) + 1}",
        allow_blank=False,
        showErrorMessage=True,
        errorTitle="Status pengadaan",
        error="Pilih status pengadaan dari daftar.",
    )
    # Several codes are allowed ("6, 9"), so the list only suggests: no error on other text.
    problem_dv = DataValidation(
        type="list",
        formula1=f"=Daftar!$B$2:$B${len(spec.problem_codes) + 1}",
        allow_blank=True,
        showErrorMessage=False,
        promptTitle="Kode masalah",
        prompt="Kode 1–11; beberapa kode dipisah koma, misalnya 6, 9.",
        showInputMessage=True,
    )
    money_dv = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        error="Isi angka rupiah 0 atau lebih.",
    )
    pct_dv = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=False,
        showErrorMessage=True,
        error="Isi persen 0 sampai 100.",
    )
    int_dv = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        error="Isi jumlah orang (bilangan bulat).",
    )
    return stage_dv, problem_dv, money_dv, pct_dv, int_dv


HELP = [
    "Petunjuk pengisian laporan realisasi triwulan DAK Fisik Bidang IKM",
    "",
    "1. Isi lembar 'Laporan'. Jangan mengubah Kode Wilayah, Tahun Anggaran dan Triwulan.",
    "2. Satu baris untuk setiap kegiatan RK; jangan menghapus atau menambah kode kegiatan.",
    "3. Realisasi Keuangan (Rp): uang yang sudah dibelanjakan, KUMULATIF sampai akhir triwulan, "
    "tidak boleh melebihi pagu kegiatan.",
    "4. Realisasi Fisik (%): kemajuan fisik kumulatif, 0 sampai 100.",
    "5. Status Pengadaan: pilih dari daftar (Belum dimulai ... Selesai (BAST), Gagal/batal).",
    "6. Kode Masalah: 1–11, beberapa kode dipisah koma (misalnya 6, 9). Kosongkan bila tidak ada masalah.",
    "7. Tenaga Kerja: jumlah orang yang bekerja, bilangan bulat.",
    "8. Angka boleh ditulis seperti 1.250.000.000 atau 45,5. Rumus boleh dipakai; simpan berkas di "
    "Excel sebelum mengunggah.",
    "9. Kolom 'TW sebelumnya' hanya informasi dan tidak dibaca.",
    "10. Simpan sebagai .xlsx lalu unggah di menu 'Unggah laporan'. Bila ada kesalahan, unduh berkas "
    "bertanda untuk melihat sel yang harus diperbaiki.",
    "",
    "Kode masalah:",
]


def _help_sheet(wb, spec: TemplateSpec) -> None:
    ws = wb.create_sheet("Petunjuk", 1)
    for text in HELP:
        append(ws, [text])
    for code, name in spec.problem_codes:
        append(ws, [f"{code}. {name}".rstrip(". ")])
    ws["A1"].font = Font(bold=True, size=13)
    ws.column_dimensions["A"].width = 120
