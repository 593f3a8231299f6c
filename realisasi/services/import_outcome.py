"""What an import call returns (`ImportOutcome`) and how stored cell issues are shown to people."""

from __future__ import annotations

from dataclasses import dataclass

from dakmonev.messages import render
from dakmonev.spreadsheet.issues import CellIssue

from ..choices import UploadStatus
from ..models import QuarterlyReport, ReportUpload

__all__ = ["ImportOutcome", "public_issue"]


@dataclass
class ImportOutcome:
    upload: ReportUpload

    @property
    def ok(self) -> bool:
        return self.upload.status in (
            UploadStatus.ACCEPTED,
            UploadStatus.DUPLICATE,
            UploadStatus.PREVIEWED,
        )

    @property
    def duplicate(self) -> bool:
        return self.upload.status == UploadStatus.DUPLICATE

    @property
    def report(self) -> QuarterlyReport | None:
        return self.upload.report

    def as_json(self) -> dict:
        report = (
            self.upload.report
            if self.upload.status == UploadStatus.ACCEPTED or self.duplicate
            else None
        )
        return {
            "ok": self.ok,
            "report_id": report.pk if report else None,
            "version": report.version if report else None,
            "duplicate": self.duplicate,
            "errors": [public_issue(e) for e in self.upload.errors],
            "warnings": [public_issue(w) for w in self.upload.warnings],
        }


def public_issue(stored: dict) -> dict:
    """What a person is shown of a stored issue: its message in their language."""
    return {**{k: stored.get(k) for k in ("row", "column", "value")}, "message": render(stored)}


def _stored(issue: CellIssue) -> dict:
    return {**issue.as_dict(), "col_index": issue.col_index}
