"""Parser of the quarterly report workbook (EXCEL-FORMATS.md §1). Pure: bytes in, a `ParsedReport`
and every `CellIssue` out, no database. Forgiving about presentation (labels, header positions,
Indonesian numbers, percent cells), strict about meaning; all problems are collected."""

from __future__ import annotations

import re
from decimal import Decimal

from dakmonev.spreadsheet.cells import cell_text, is_blank
from dakmonev.spreadsheet.issues import CellIssue, SpreadsheetRejected
from dakmonev.spreadsheet.numbers import (
    format_rupiah,
    normalize_header,
    parse_int,
    parse_money,
    parse_percent,
)
from dakmonev.spreadsheet.safety import check_upload, open_xlsx

from .columns import (
    COLUMN_BY_KEY,
    COLUMNS,
    HEADER_BLOCK_ROWS,
    HEADER_FIELDS,
    HEADER_LABEL,
    HEADER_ROW_SEARCH,
    MAX_REMARKS,
    PROBLEM_CODE_RANGE,
    SAVE_IN_EXCEL,
    SHEET_NAME,
    STAGE_CHOICES_TEXT,
    squash,
    stage_from_text,
)
from .formulas import uncached_formula_cells
from .report_types import ParsedLine, ParsedReport, ParseResult
from .values import BAD, date_of, quarter_of, region_code, shown


def parse_report(
    data: bytes,
    *,
    name: str = "laporan.xlsx",
    max_rows: int = 5000,
    max_bytes: int = 10 * 1024 * 1024,
    max_uncompressed: int | None = None,
) -> ParseResult:
    """Parse a report workbook; never raises for a bad file (the problems come back as issues)."""
    try:
        check_upload(name, data, max_bytes=max_bytes)
        # The sheet may hold the header block and a few notes above and below the table.
        wb = open_xlsx(
            data, max_rows=max_rows + HEADER_ROW_SEARCH + 20, max_uncompressed=max_uncompressed
        )
    except SpreadsheetRejected as exc:
        return ParseResult(None, list(exc.issues))
    try:
        return _Parser(wb, data, max_rows=max_rows).run()
    finally:
        wb.close()


class _Parser:
    def __init__(self, wb, data: bytes, *, max_rows: int):
        self.wb = wb
        self.data = data
        self.max_rows = max_rows
        self.issues: list[CellIssue] = []
        self.report = ParsedReport()
        self.uncached: set[tuple[int, int]] = set()

    # -- issue helpers -------------------------------------------------------------------------
    def error(self, row, column, value, message, col_index=None):
        self.issues.append(
            CellIssue(
                row=row,
                column=column,
                value=shown(value),
                message=message,
                severity="error",
                col_index=col_index,
            )
        )

    def warning(self, row, column, value, message, col_index=None):
        self.issues.append(
            CellIssue(
                row=row,
                column=column,
                value=shown(value),
                message=message,
                severity="warning",
                col_index=col_index,
            )
        )

    # -- main ----------------------------------------------------------------------------------
    def run(self) -> ParseResult:
        ws = self._sheet()
        self.report.sheet_name = ws.title
        self.uncached = uncached_formula_cells(ws)
        rows = ws.iter_rows()
        head: list[tuple] = []
        header_row = None
        for index, row in enumerate(rows, start=1):
            head.append(row)
            if any(
                isinstance(c.value, str) and squash(normalize_header(c.value)) == "kodekegiatan"
                for c in row
            ):
                header_row = index
                break
            if index >= HEADER_ROW_SEARCH:
                break
        self._header_block(head[: (header_row - 1) if header_row else HEADER_BLOCK_ROWS])
        if header_row is None:
            self.error(
                None,
                "Kode Kegiatan",
                "",
                (
                    f"Baris judul tabel tidak ditemukan: dalam {HEADER_ROW_SEARCH} baris pertama harus ada "
                    "sel bertuliskan 'Kode Kegiatan'. Gunakan templat laporan dari aplikasi."
                ),
            )
            return ParseResult(self.report, self.issues)
        self.report.header_row = header_row
        if self._columns(head[-1], header_row):
            self._table(rows, header_row)
        return ParseResult(self.report, self.issues)

    def _sheet(self):
        for ws in self.wb.worksheets:
            if ws.title.strip().lower() == SHEET_NAME.lower():
                break
        else:
            ws = self.wb.worksheets[0]
        # Never trust the declared dimension: read what is really there.
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()
        return ws

    def _uncached(self, row: int, col: int) -> bool:
        return (row, col) in self.uncached

    # -- header block --------------------------------------------------------------------------
    def _header_block(self, rows: list[tuple]) -> None:
        wanted = {squash(label): key for key, label, _ in HEADER_FIELDS}
        found: dict[str, tuple[int, object]] = {}
        for index, row in enumerate(rows[:HEADER_BLOCK_ROWS], start=1):
            if not row or not isinstance(row[0].value, str):
                continue
            label = squash(row[0].value).rstrip(":")
            key = wanted.get(label)
            if key and key not in found:
                value = row[1].value if len(row) > 1 else None
                found[key] = (index, value)
                if self._uncached(index, 2):
                    self.error(index, HEADER_LABEL[key], "", SAVE_IN_EXCEL, col_index=2)
                    found[key] = (index, None)
                    self.report.header_rows[key] = index
                    continue
        for key, label, required in HEADER_FIELDS:
            if key not in found:
                if required:
                    self.error(
                        None,
                        label,
                        "",
                        (
                            f"Isian '{label}' tidak ditemukan. Tulis '{label}' di kolom A (baris 1–"
                            f"{HEADER_BLOCK_ROWS}) dan nilainya di kolom B."
                        ),
                    )
                continue
            row, value = found[key]
            self.report.header_rows[key] = row
            if is_blank(value):
                if required and not self._uncached(row, 2):
                    self.error(
                        row,
                        label,
                        "",
                        f"'{label}' belum diisi. Isi nilainya di kolom B.",
                        col_index=2,
                    )
                continue
            getattr(self, f"_h_{key}")(row, label, value)

    def _h_region_code(self, row, label, value):
        code = region_code(value)
        if code is None:
            self.error(
                row,
                label,
                value,
                ("Kode wilayah tidak dikenali. Tulis kode Kemendagri seperti 32.04 (atau 3204)."),
                col_index=2,
            )
        self.report.region_code = code

    def _h_region_name(self, row, label, value):
        self.report.region_name = cell_text(value)

    def _h_year(self, row, label, value):
        text = cell_text(value)
        match = re.fullmatch(r"(?:TA\.?\s*)?(\d{4})", text, flags=re.IGNORECASE)
        year = int(match.group(1)) if match else None
        if year is None or not 2000 <= year <= 2100:
            self.error(
                row, label, value, "Tahun anggaran harus berupa tahun, misalnya 2024.", col_index=2
            )
            return
        self.report.year = year

    def _h_quarter(self, row, label, value):
        quarter = quarter_of(value)
        if quarter is None:
            self.error(
                row,
                label,
                value,
                (
                    "Triwulan tidak dikenali. Tulis 1, 2, 3 atau 4 (boleh juga I–IV, 'TW II', "
                    "'Triwulan III')."
                ),
                col_index=2,
            )
            return
        self.report.quarter = quarter

    def _h_report_date(self, row, label, value):
        date = date_of(value)
        if date is None:
            self.error(
                row,
                label,
                value,
                (
                    "Tanggal laporan tidak dikenali. Tulis tanggal seperti 15/04/2024 atau "
                    "15 April 2024, atau kosongkan."
                ),
                col_index=2,
            )
            return
        self.report.report_date = date

    # -- table ---------------------------------------------------------------------------------
    def _columns(self, header_cells: tuple, header_row: int) -> bool:
        known = {squash(normalize_header(c.header)): c.key for c in COLUMNS}
        for index, cell in enumerate(header_cells, start=1):
            if not isinstance(cell.value, str):
                continue
            key = known.get(squash(normalize_header(cell.value)))
            if key and key not in self.report.columns:
                self.report.columns[key] = index
        missing = [c for c in COLUMNS if c.required and c.key not in self.report.columns]
        for column in missing:
            self.error(
                header_row,
                column.header,
                "",
                (
                    f"Kolom '{column.header}' wajib ada di baris judul tabel (baris {header_row}). "
                    "Tambahkan kolom itu atau gunakan templat laporan dari aplikasi."
                ),
            )
        return not missing

    def _table(self, rows, header_row: int) -> None:
        cols = self.report.columns
        seen: dict[str, int] = {}
        excel_row = header_row
        for row in rows:
            excel_row += 1
            values = [c.value for c in row]
            first = next((v for v in values if not is_blank(v)), None)
            if first is None and not any(
                self._uncached(excel_row, i) for i in range(1, len(values) + 1)
            ):
                break
            if isinstance(first, str) and re.match(
                r"\s*(jumlah|total)", first, flags=re.IGNORECASE
            ):
                self._totals(row, excel_row)
                break
            if len(self.report.lines) >= self.max_rows:
                self.error(
                    excel_row,
                    "Kode Kegiatan",
                    "",
                    (
                        f"Laporan berisi lebih dari {self.max_rows:,} baris kegiatan. Periksa baris di "
                        "bawah tabel (harus diakhiri baris kosong atau baris Jumlah)."
                    ).replace(",", "."),
                )
                break
            line = self._line(row, excel_row, cols)
            if line is None:
                continue
            if line.code in seen:
                self.error(
                    excel_row,
                    "Kode Kegiatan",
                    line.code,
                    (
                        f"Kode kegiatan {line.code} sudah ada di baris {seen[line.code]}. Setiap kegiatan "
                        "hanya boleh satu baris: hapus atau gabungkan baris ganda."
                    ),
                    col_index=cols["code"],
                )
            else:
                seen[line.code] = excel_row
            self.report.lines.append(line)
        if not self.report.lines:
            self.error(
                header_row + 1,
                "Kode Kegiatan",
                "",
                (
                    "Tabel laporan kosong. Isi satu baris untuk setiap kegiatan RK di bawah baris judul."
                ),
                col_index=cols.get("code"),
            )

    def _cell(self, row: tuple, key: str, excel_row: int):
        """(value, cell, col_index) of a column in a row; value None when empty or a bad formula."""
        index = self.report.columns.get(key)
        if index is None:
            return None, None, None
        cell = row[index - 1] if index <= len(row) else None
        if self._uncached(excel_row, index):
            self.error(excel_row, COLUMN_BY_KEY[key].header, "", SAVE_IN_EXCEL, col_index=index)
            return BAD, cell, index
        value = cell.value if cell is not None else None
        return (None if is_blank(value) else value), cell, index

    def _line(self, row: tuple, excel_row: int, cols: dict[str, int]) -> ParsedLine | None:
        code_value, _, code_col = self._cell(row, "code", excel_row)
        line = ParsedLine(excel_row=excel_row, code="")
        if code_value is BAD:
            line.code = f"?baris{excel_row}"
        elif code_value is None:
            self.error(
                excel_row,
                "Kode Kegiatan",
                "",
                (
                    "Kode Kegiatan kosong. Isi kode kegiatan RK (misalnya RK-01) atau hapus baris ini."
                ),
                col_index=code_col,
            )
            line.code = f"?baris{excel_row}"
        else:
            line.code = cell_text(code_value).upper()
        desc, _, _ = self._cell(row, "description", excel_row)
        line.description = "" if desc in (None, BAD) else cell_text(desc)
        rem, _, rem_col = self._cell(row, "remarks", excel_row)
        line.remarks = "" if rem in (None, BAD) else cell_text(rem)
        if len(line.remarks) > MAX_REMARKS:
            self.error(
                excel_row,
                "Keterangan",
                line.remarks,
                (
                    f"Keterangan terlalu panjang ({len(line.remarks):,} karakter); ".replace(
                        ",", "."
                    )
                    + f"ringkas menjadi paling banyak {MAX_REMARKS:,} karakter.".replace(",", ".")
                ),
                col_index=rem_col,
            )
        line.pagu = self._money(row, "pagu", excel_row, required=False)
        line.contract_value = self._money(row, "contract_value", excel_row, required=False)
        line.financial_realisation = self._money(
            row, "financial_realisation", excel_row, required=True
        )
        line.physical_progress = self._percent(row, excel_row)
        line.stage = self._stage(row, excel_row)
        line.workers = self._workers(row, excel_row)
        line.problem_codes = self._problems(row, excel_row)
        return line

    def _missing(self, key: str, excel_row: int, col: int | None) -> None:
        header = COLUMN_BY_KEY[key].header
        self.error(
            excel_row, header, "", f"'{header}' wajib diisi. Isi nilainya (boleh 0).", col_index=col
        )

    def _money(self, row, key, excel_row, *, required: bool) -> Decimal | None:
        value, _, col = self._cell(row, key, excel_row)
        if value is BAD:
            return None
        if value is None:
            if required:
                self._missing(key, excel_row, col)
            return None
        header = COLUMN_BY_KEY[key].header
        try:
            amount = parse_money(value)
        except ValueError as exc:
            self.error(excel_row, header, value, str(exc), col_index=col)
            return None
        if amount < 0:
            self.error(
                excel_row,
                header,
                value,
                f"'{header}' tidak boleh negatif. Tulis 0 atau lebih.",
                col_index=col,
            )
            return None
        return amount

    def _percent(self, row, excel_row) -> Decimal | None:
        value, cell, col = self._cell(row, "physical_progress", excel_row)
        if value is BAD:
            return None
        if value is None:
            self._missing("physical_progress", excel_row, col)
            return None
        header = COLUMN_BY_KEY["physical_progress"].header
        fmt = getattr(cell, "number_format", None) or ""
        try:
            pct = parse_percent(
                value, is_percent_format=isinstance(value, int | float) and "%" in fmt
            )
        except ValueError as exc:
            self.error(excel_row, header, value, str(exc), col_index=col)
            return None
        if not Decimal("0") <= pct <= Decimal("100"):
            self.error(
                excel_row,
                header,
                value,
                ("Realisasi fisik harus antara 0 dan 100 persen. Perbaiki nilainya."),
                col_index=col,
            )
            return None
        return pct.quantize(Decimal("0.01"))

    def _stage(self, row, excel_row) -> str | None:
        value, _, col = self._cell(row, "stage", excel_row)
        if value is BAD:
            return None
        if value is None:
            self._missing("stage", excel_row, col)
            return None
        stage = stage_from_text(value)
        if stage is None:
            self.error(
                excel_row,
                "Status Pengadaan",
                value,
                (f"Status pengadaan tidak dikenali. Pilih salah satu: {STAGE_CHOICES_TEXT}."),
                col_index=col,
            )
        return stage

    def _workers(self, row, excel_row) -> int | None:
        value, _, col = self._cell(row, "workers", excel_row)
        if value in (None, BAD):
            return None
        try:
            if isinstance(value, float) and not value.is_integer():
                raise ValueError("Bukan bilangan bulat.")
            workers = parse_int(value)
        except ValueError:
            workers = None
        if workers is None or workers < 0:
            self.error(
                excel_row,
                "Tenaga Kerja",
                value,
                ("Tenaga kerja harus bilangan bulat 0 atau lebih (jumlah orang), misalnya 12."),
                col_index=col,
            )
            return None
        return workers

    def _problems(self, row, excel_row) -> list[int]:
        value, _, col = self._cell(row, "problem_codes", excel_row)
        if value in (None, BAD):
            return []
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        parts = [p for p in re.split(r"[,;/\s]+|\bdan\b", str(value).strip()) if p]
        codes: list[int] = []
        bad = []
        for part in parts:
            if part.isdigit() and int(part) in PROBLEM_CODE_RANGE:
                if int(part) not in codes:
                    codes.append(int(part))
            else:
                bad.append(part)
        if bad:
            self.error(
                excel_row,
                "Kode Masalah",
                value,
                (
                    "Kode masalah harus angka 1 sampai 11, dipisah koma (misalnya 6, 9). "
                    f"Tidak dikenali: {', '.join(bad)}."
                ),
                col_index=col,
            )
        return codes

    # -- totals ----------------------------------------------------------------------------------
    def _totals(self, row: tuple, excel_row: int) -> None:
        self.report.totals_row = excel_row
        lines = self.report.lines
        for key in ("pagu", "contract_value", "financial_realisation", "workers"):
            col = self.report.columns.get(key)
            if col is None or col > len(row):
                continue
            header = COLUMN_BY_KEY[key].header
            if self._uncached(excel_row, col):
                self.warning(
                    excel_row,
                    header,
                    "",
                    (
                        "Baris Jumlah berisi rumus yang belum dihitung sehingga tidak dapat diperiksa. "
                        "Simpan berkas di Excel terlebih dulu agar jumlahnya ikut tersimpan."
                    ),
                    col_index=col,
                )
                continue
            value = row[col - 1].value
            if is_blank(value):
                continue
            try:
                found = parse_int(value) if key == "workers" else parse_money(value)
            except ValueError:
                self.warning(
                    excel_row,
                    header,
                    value,
                    "Nilai di baris Jumlah bukan angka; tidak diperiksa.",
                    col_index=col,
                )
                continue
            self.report.totals[key] = found
            expected = sum(
                (getattr(ln, "contract_value" if key == "contract_value" else key) or 0)
                for ln in lines
            )
            if Decimal(found) != Decimal(expected):
                shown = (
                    f"{expected:,}".replace(",", ".")
                    if key == "workers"
                    else format_rupiah(expected)
                )
                self.warning(
                    excel_row,
                    header,
                    value,
                    (
                        f"Baris Jumlah tidak sama dengan jumlah baris kegiatan ({shown}). Periksa rumus "
                        "atau angka di baris Jumlah."
                    ),
                    col_index=col,
                )
