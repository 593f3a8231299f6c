"""The header block of the report sheet (Kode Wilayah, Tahun Anggaran, Triwulan, Tanggal
Laporan): a part of the report parser (`report._Parser`), which provides `error`/`warning`."""

from __future__ import annotations

import datetime as dt
import re

from dakmonev.quarters import Quarter
from dakmonev.spreadsheet.cells import cell_text, is_blank
from dakmonev.spreadsheet.numbers import (
    format_date,
)
from dakmonev.spreadsheet.reader import UNCALCULATED, Unreadable

from .columns import (
    HEADER_BLOCK_ROWS,
    HEADER_FIELDS,
    HEADER_LABEL,
    SAVE_IN_EXCEL,
    UNREADABLE,
    squash,
)
from .values import date_of, quarter_bounds, quarter_of, region_code_or_none

# Reports are written during the quarter or in the weeks after it; further away is a typo.
REPORT_DATE_GRACE_DAYS = 90


class HeaderBlockReader:
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
            if value is UNCALCULATED:
                self.error(row, label, "", SAVE_IN_EXCEL, col_index=2)
                continue
            if isinstance(value, Unreadable):
                self.error(row, label, value.raw, UNREADABLE, col_index=2)
                continue
            if is_blank(value):
                if required:
                    self.error(
                        row,
                        label,
                        "",
                        f"'{label}' belum diisi. Isi nilainya di kolom B.",
                        col_index=2,
                    )
                continue
            getattr(self, f"_h_{key}")(row, label, value)
        self._check_report_date()

    def _check_report_date(self) -> None:
        """A date outside the quarter (up to 90 days after it) is most often a day/month swap."""
        report, date = self.report, self.report.report_date
        if date is None or report.year is None or report.quarter is None:
            return
        start, end = quarter_bounds(report.year, report.quarter)
        if start <= date <= end + dt.timedelta(days=REPORT_DATE_GRACE_DAYS):
            return
        hint = ""
        if date.day <= 12 and date.day != date.month:
            swapped = dt.date(date.year, date.day, date.month)
            if start <= swapped <= end + dt.timedelta(days=REPORT_DATE_GRACE_DAYS):
                hint = f" Mungkin maksudnya {format_date(swapped)} (tanggal dan bulan tertukar)?"
        label = HEADER_LABEL["report_date"]
        self.warning(
            report.header_rows.get("report_date"),
            label,
            format_date(date),
            (
                f"Tanggal laporan {format_date(date)} berada di luar {Quarter(report.quarter).label} "
                f"TA {report.year} ({format_date(start)} sampai {REPORT_DATE_GRACE_DAYS} hari "
                f"sesudah {format_date(end)}).{hint} Periksa tanggalnya."
            ),
            col_index=2,
        )

    def _h_region_code(self, row, label, value):
        code = region_code_or_none(value)
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
