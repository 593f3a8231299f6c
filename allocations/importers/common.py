"""Shared pieces of the tabular importers: required headers, cell parsing into CellIssues."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from dakmonev.spreadsheet.cells import is_blank, region_code  # noqa: F401 — re-exported
from dakmonev.spreadsheet.issues import CellIssue, SpreadsheetRejected, shown
from dakmonev.spreadsheet.numbers import parse_int, parse_money
from dakmonev.spreadsheet.reader import SAVE_IN_EXCEL, UNCALCULATED, UNREADABLE, Unreadable
from dakmonev.spreadsheet.tabular import Table, read_table

T = TypeVar("T")


@dataclass
class Parsed(Generic[T]):
    """Rows that parsed cleanly plus every issue found (an error anywhere rejects the file)."""

    rows: list[T] = field(default_factory=list)
    issues: list[CellIssue] = field(default_factory=list)

    @property
    def errors(self) -> list[CellIssue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[CellIssue]:
        return [i for i in self.issues if not i.is_error]


def open_table(
    name: str, data: bytes, *, max_rows: int | None = None
) -> tuple[Table | None, list[CellIssue]]:
    try:
        return read_table(name, data, max_rows=max_rows), []
    except SpreadsheetRejected as exc:
        return None, list(exc.issues)


def canonical_headers(table: Table) -> Table:
    """Accept `Kode Wilayah` for `kode_wilayah`: spaces and dashes in headers become underscores."""
    mapping = {h: h.replace(" ", "_").replace("-", "_") for h in table.headers}
    if all(k == v for k, v in mapping.items()):
        return table
    rows = [(n, {mapping.get(k, k): v for k, v in values.items()}) for n, values in table.rows]
    return Table(
        headers=list(mapping.values()),
        rows=rows,
        header_row=table.header_row,
        sheet_name=table.sheet_name,
    )


def missing_headers(table: Table, required: tuple[str, ...]) -> list[CellIssue]:
    present = set(table.headers)
    return [
        CellIssue(
            row=table.header_row,
            column=h,
            value="",
            message=f"Kolom '{h}' tidak ditemukan di baris judul. Judul kolom yang diperlukan: "
            + ", ".join(required)
            + ".",
        )
        for h in required
        if h not in present
    ]


def year(value) -> int:
    try:
        number = parse_int(value)
    except ValueError as exc:
        raise ValueError(
            f"'{shown(value)}' bukan tahun anggaran. Tulis tahun empat angka, misalnya 2026."
        ) from exc
    if not 2000 <= number <= 2100:
        raise ValueError(
            f"Tahun anggaran {number} tidak wajar. Tulis tahun empat angka, misalnya 2026."
        )
    return number


def cached(parse: Callable[[object], T]) -> Callable[[object], T]:
    """Memoise a pure cell parser per raw value: years, region codes and menus repeat on every row."""
    memo: dict = {}

    def run(value):
        key = (type(value), value)
        hit = memo.get(key)
        if hit is None:
            try:
                hit = (True, parse(value))
            except ValueError as exc:
                hit = (False, exc)
            memo[key] = hit
        if hit[0]:
            return hit[1]
        raise ValueError(str(hit[1]))

    return run


class RowReader:
    """Read one row's cells, turning ValueError into a CellIssue on that row and column."""

    __slots__ = ("number", "values", "issues", "ok")

    def __init__(self, number: int, values: dict[str, object], issues: list[CellIssue]):
        self.number, self.values, self.issues = number, values, issues
        self.ok = True

    def get(
        self,
        column: str,
        parse: Callable[[object], T],
        *,
        required: bool = True,
        empty_message: str | None = None,
    ) -> T | None:
        value = self.values.get(column)
        if value is UNCALCULATED:
            self.error(column, "", SAVE_IN_EXCEL)
            return None
        if isinstance(value, Unreadable):
            self.error(column, value.raw, UNREADABLE)
            return None
        if is_blank(value):
            if required:
                self.error(column, value, empty_message or f"Kolom '{column}' wajib diisi.")
            return None
        try:
            return parse(value)
        except ValueError as exc:
            self.error(column, value, str(exc))
            return None

    def error(self, column: str, value, message: str) -> None:
        self.ok = False
        self.issues.append(
            CellIssue(row=self.number, column=column, value=shown(value), message=message)
        )


def pagu_amount(value):
    """A pagu in rupiah (2 decimals), never negative."""
    amount = parse_money(value)
    if amount < 0:
        raise ValueError("Pagu tidak boleh negatif.")
    return amount
