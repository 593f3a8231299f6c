"""Errors and warnings about cells, in the shape every import reports them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from dakmonev.spreadsheet import cells


@dataclass(frozen=True)
class CellIssue:
    """One problem found in a file: Excel row, column header, the value found, and what to do."""

    row: int | None
    column: str
    value: str
    message: str
    severity: Literal["error", "warning"] = "error"
    col_index: int | None = None  # 1-based sheet column, for highlighting the cell
    # The message's code and parameters (dakmonev.messages), so it can be shown later in the
    # reader's language; empty for messages without a code (they are shown as stored).
    code: str = ""
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @classmethod
    def said(cls, composed: Mapping[str, Any], **fields) -> CellIssue:
        """An issue whose message comes from `dakmonev.messages.compose`."""
        return cls(
            message=composed["message"],
            code=composed["code"],
            params=dict(composed["params"]),
            **fields,
        )

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def as_dict(self) -> dict:
        out = {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }
        if self.code:
            out.update(code=self.code, params=dict(self.params))
        return out


def shown(value) -> str:
    """The value as the person would recognise it in a message: a date as dd/mm/yyyy, a whole
    number without `.0`, never None, at most 200 characters (every importer's one rule)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    text = cells.cell_text(value)
    return text if len(text) <= 200 else text[:197] + "…"


@dataclass
class SpreadsheetRejected(Exception):
    """The file as a whole cannot be read (wrong type, too big, damaged, hostile)."""

    issues: list[CellIssue] = field(default_factory=list)

    @classmethod
    def because(cls, message: str) -> SpreadsheetRejected:
        return cls([CellIssue(row=None, column="", value="", message=message)])

    def __str__(self) -> str:
        return "; ".join(i.message for i in self.issues)
