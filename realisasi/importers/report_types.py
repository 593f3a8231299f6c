"""What the report parser returns: the report's header, its lines, totals and the issues."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from dakmonev.spreadsheet.issues import CellIssue

from .columns import COLUMN_BY_KEY


@dataclass
class ParsedLine:
    excel_row: int
    code: str
    description: str = ""
    pagu: Decimal | None = None
    contract_value: Decimal | None = None
    stage: str | None = None
    financial_realisation: Decimal | None = None
    physical_progress: Decimal | None = None
    workers: int | None = None
    problem_codes: list[int] = field(default_factory=list)
    remarks: str = ""


@dataclass
class ParsedReport:
    sheet_name: str = ""
    region_code: str | None = None
    region_name: str = ""
    year: int | None = None
    quarter: int | None = None
    report_date: dt.date | None = None
    header_rows: dict[str, int] = field(default_factory=dict)  # field → Excel row of its label
    header_row: int | None = None  # the table's header row
    columns: dict[str, int] = field(default_factory=dict)  # key → 1-based column index
    lines: list[ParsedLine] = field(default_factory=list)
    totals_row: int | None = None
    totals: dict[str, Decimal | int | None] = field(default_factory=dict)

    def column_header(self, key: str) -> str:
        return COLUMN_BY_KEY[key].header


@dataclass
class ParseResult:
    report: ParsedReport | None
    issues: list[CellIssue]
    # The rows of the report sheet as read (header block and table): the highlighted copy of
    # a large workbook is made from them instead of reading the file again.
    rows: list = field(default_factory=list, repr=False, compare=False)

    @property
    def errors(self) -> list[CellIssue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[CellIssue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        return self.report is not None and not self.errors
