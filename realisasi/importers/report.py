"""Parser of the quarterly report workbook (EXCEL-FORMATS.md §1). Pure: bytes in, a `ParsedReport`
and every `CellIssue` out, no database. Forgiving about presentation (labels, header positions,
Indonesian numbers, percent cells), strict about meaning; all problems are collected."""

from __future__ import annotations

import re

from dakmonev.spreadsheet.cells import cell_text, is_blank
from dakmonev.spreadsheet.issues import CellIssue, SpreadsheetRejected, shown
from dakmonev.spreadsheet.numbers import (
    normalize_header,
)
from dakmonev.spreadsheet.reader import UNCALCULATED, Unreadable, read_rows
from dakmonev.spreadsheet.safety import check_upload, open_checked

from .columns import (
    COLUMN_BY_KEY,
    COLUMNS,
    HEADER_BLOCK_ROWS,
    HEADER_ROW_SEARCH,
    MAX_COLUMNS,
    MAX_REMARKS,
    SAVE_IN_EXCEL,
    SHEET_NAME,
    UNREADABLE,
    squash,
)
from .report_cells import LineCellReader
from .report_header import REPORT_DATE_GRACE_DAYS, HeaderBlockReader  # noqa: F401 — re-exported
from .report_types import ParsedLine, ParsedReport, ParseResult
from .values import BAD


def parse_report(
    data: bytes,
    *,
    name: str = "laporan.xlsx",
    max_rows: int = 5000,
    max_bytes: int = 10 * 1024 * 1024,
    max_uncompressed: int | None = None,
    max_cells: int | None = None,
    max_columns: int = MAX_COLUMNS,
) -> ParseResult:
    """Parse a report workbook; never raises for a bad file (the problems come back as issues)."""
    try:
        check_upload(name, data, max_bytes=max_bytes)
        # The sheet may hold the header block and a few notes above and below the table.
        wb, facts = open_checked(
            data,
            max_rows=max_rows + HEADER_ROW_SEARCH + 20,
            max_uncompressed=max_uncompressed,
            max_cells=max_cells,
        )
    except SpreadsheetRejected as exc:
        return ParseResult(None, list(exc.issues))
    try:
        parser = _Parser(wb, max_rows=max_rows, max_columns=max_columns)
        return parser.run(trust_cached=not facts.full_calc_on_load)
    finally:
        wb.close()


class _Parser(HeaderBlockReader, LineCellReader):
    def __init__(self, wb, *, max_rows: int, max_columns: int):
        self.wb = wb
        self.max_rows = max_rows
        self.max_columns = max_columns
        self.issues: list[CellIssue] = []
        self.report = ParsedReport()
        self.rows: list = []

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
    def run(self, *, trust_cached: bool = True) -> ParseResult:
        ws = self._sheet()
        self.report.sheet_name = ws.title
        rows = self._kept(read_rows(ws, max_col=self.max_columns, trust_cached=trust_cached))
        head: list[tuple] = []
        header_row = None
        for index, row in rows:
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
                    f"sel bertuliskan 'Kode Kegiatan' (dalam {self.max_columns} kolom pertama). "
                    "Gunakan templat laporan dari aplikasi. Baris kegiatan belum dapat diperiksa."
                ),
            )
            return self._result()
        self.report.header_row = header_row
        self._columns(head[-1], header_row)
        if "code" in self.report.columns:
            self._table(rows, header_row)
        return self._result()

    def _kept(self, rows):
        for number, cells in rows:
            self.rows.append((number, cells))
            yield number, cells

    def _result(self) -> ParseResult:
        return ParseResult(self.report, self.issues, self.rows)

    def _sheet(self):
        for ws in self.wb.worksheets:
            if ws.title.strip().lower() == SHEET_NAME.lower():
                break
        else:
            ws = self.wb.worksheets[0]
        return ws

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
            consequence = (
                " Tanpa kolom ini baris kegiatan belum dapat diperiksa."
                if column.key == "code"
                else ""
            )
            self.error(
                header_row,
                column.header,
                "",
                (
                    f"Kolom '{column.header}' wajib ada di baris judul tabel (baris {header_row}, "
                    f"dalam {self.max_columns} kolom pertama). Tambahkan kolom itu atau gunakan "
                    "templat laporan dari aplikasi." + consequence
                ),
            )
        return not missing

    def _table(self, rows, header_row: int) -> None:
        cols = self.report.columns
        seen: dict[str, int] = {}
        for excel_row, row in rows:
            values = [c.value for c in row]
            first = next((v for v in values if not is_blank(v)), None)
            if first is None:
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
        value = cell.value if cell is not None else None
        if value is UNCALCULATED:
            self.error(excel_row, COLUMN_BY_KEY[key].header, "", SAVE_IN_EXCEL, col_index=index)
            return BAD, cell, index
        if isinstance(value, Unreadable):
            header = COLUMN_BY_KEY[key].header
            self.error(excel_row, header, value.raw, UNREADABLE, col_index=index)
            return BAD, cell, index
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
