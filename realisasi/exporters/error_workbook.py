"""The person's own workbook back, with every bad cell highlighted and commented (pure).

The original is opened again (after the same safety checks as the import), so formulas, formats
and other sheets stay as the person made them; a `Daftar Kesalahan` sheet lists every issue,
including those that belong to no single cell (a missing RK line, a missing column).
"""

from __future__ import annotations

import io
from collections import defaultdict

from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from dakmonev.spreadsheet.safety import open_xlsx
from realisasi.importers.columns import SHEET_NAME

ERROR_FILL = PatternFill("solid", start_color="FFF4B6B0", end_color="FFF4B6B0")
WARNING_FILL = PatternFill("solid", start_color="FFFFE699", end_color="FFFFE699")
LIST_SHEET = "Daftar Kesalahan"


def _sheet(wb):
    for ws in wb.worksheets:
        if ws.title.strip().lower() == SHEET_NAME.lower():
            return ws
    return wb.worksheets[0]


def _text(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def annotate_workbook(
    data: bytes, errors: list[dict], warnings: list[dict] = (), *, max_rows: int = 5000
) -> bytes:
    """`data` with the cells of `errors` (red) and `warnings` (yellow) filled and commented."""
    wb = open_xlsx(data, max_rows=max_rows + 100, read_only=False, data_only=False)
    ws = _sheet(wb)
    notes: dict[tuple[int, int], list[str]] = defaultdict(list)
    severity: dict[tuple[int, int], str] = {}
    for kind, issues in (("warning", warnings), ("error", errors)):
        for issue in issues:
            if not issue.get("row"):
                continue
            cell = (issue["row"], issue.get("col_index") or 1)
            prefix = "Kesalahan" if kind == "error" else "Peringatan"
            notes[cell].append(f"{prefix} ({issue.get('column') or '-'}): {issue['message']}")
            severity[cell] = "error" if kind == "error" or severity.get(cell) == "error" else kind
    for (row, col), messages in notes.items():
        cell = ws.cell(row=row, column=col)
        cell.fill = ERROR_FILL if severity[(row, col)] == "error" else WARNING_FILL
        comment = Comment("\n".join(messages), "Aplikasi Monev DAK IKM")
        comment.width, comment.height = 360, 40 + 40 * len(messages)
        cell.comment = comment
    if LIST_SHEET in wb.sheetnames:
        del wb[LIST_SHEET]
    summary = wb.create_sheet(LIST_SHEET, 0)
    summary.append(["Jenis", "Baris", "Kolom", "Nilai", "Pesan"])
    for c in summary[1]:
        c.font = Font(bold=True)
    for kind, issues in (("Kesalahan", errors), ("Peringatan", warnings)):
        for issue in issues:
            summary.append(
                [
                    kind,
                    issue.get("row") or "-",
                    _text(issue.get("column")),
                    _text(issue.get("value")),
                    _text(issue.get("message")),
                ]
            )
    for idx, width in enumerate((12, 8, 26, 24, 100), start=1):
        summary.column_dimensions[get_column_letter(idx)].width = width
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = sheet is ws
    wb.active = wb.worksheets.index(ws)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
