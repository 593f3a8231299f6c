"""What a pagu or RK import reports back, and the helpers both build it with."""

from __future__ import annotations

from dataclasses import dataclass, field

from dakmonev.spreadsheet.issues import CellIssue, shown


@dataclass
class ImportOutcome:
    """What an import did: stored or not, counts, and every error and warning."""

    ok: bool
    created: int = 0
    updated: int = 0
    errors: list[CellIssue] = field(default_factory=list)
    warnings: list[CellIssue] = field(default_factory=list)
    # (excel row, "new" | "update" | "skip", label) — for the admin preview
    row_actions: list[tuple[int, str, str]] = field(default_factory=list)

    @classmethod
    def file_rejected(cls, message: str) -> ImportOutcome:
        return cls(ok=False, errors=[CellIssue(row=None, column="", value="", message=message)])

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "created": self.created,
            "updated": self.updated,
            "errors": [i.as_dict() for i in self.errors],
            "warnings": [i.as_dict() for i in self.warnings],
        }


def _rejected(issues: list[CellIssue]) -> ImportOutcome:
    return ImportOutcome(
        ok=False,
        errors=[i for i in issues if i.is_error],
        warnings=[i for i in issues if not i.is_error],
    )


def _err(row: int, column: str, value, message: str) -> CellIssue:
    return CellIssue(row=row, column=column, value=shown(value), message=message)


def _unknown_region(row) -> CellIssue:
    """A row whose kode_wilayah is not a Kemendagri region code (pagu and RK files alike)."""
    return _err(
        row.row,
        "kode_wilayah",
        row.region_code,
        f"Kode wilayah {row.region_code} tidak dikenal (kode Kemendagri).",
    )
