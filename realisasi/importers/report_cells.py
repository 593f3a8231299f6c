"""The cells of one table line and the totals row: a part of the report parser
(`report._Parser`), which provides `error`/`warning`, `_cell` and the parsed report."""

from __future__ import annotations

import re
from decimal import Decimal

from dakmonev.spreadsheet.cells import is_blank
from dakmonev.spreadsheet.numbers import (
    format_rupiah,
    parse_int,
    parse_money,
    parse_percent,
)
from dakmonev.spreadsheet.reader import UNCALCULATED, Unreadable

from .columns import (
    COLUMN_BY_KEY,
    PROBLEM_CODE_RANGE,
    STAGE_CHOICES_TEXT,
    stage_from_text,
)
from .values import BAD


class LineCellReader:
    def _missing(self, key: str, excel_row: int, col: int | None) -> None:
        if col is None:  # the whole column is missing: said once, at the header row
            return
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
            value = row[col - 1].value
            if value is UNCALCULATED or isinstance(value, Unreadable):
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
