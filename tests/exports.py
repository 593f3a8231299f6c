"""Reading the system's exports back in tests: title row, header row, typed data rows."""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import load_workbook

from dakmonev.spreadsheet.writer import HEADER_ROW, TITLE_ROW


@dataclass
class Export:
    ws: object
    title: str
    headers: list[str]

    @property
    def rows(self) -> list[tuple]:
        """The data rows' values."""
        return [tuple(c.value for c in row) for row in self.ws.iter_rows(min_row=HEADER_ROW + 1)]

    def cells(self, header: str) -> list:
        """The data cells of the column under `header`."""
        col = self.headers.index(header) + 1
        return [self.ws.cell(r, col) for r in range(HEADER_ROW + 1, self.ws.max_row + 1)]

    def column(self, header: str) -> list:
        return [c.value for c in self.cells(header)]


def read_export(content: bytes, sheet: str | None = None) -> Export:
    """An export's sheet (the first when `sheet` is None), asserting the shared layout."""
    wb = load_workbook(io.BytesIO(content))
    ws = wb[sheet] if sheet else wb.worksheets[0]
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"  # header stays in view
    headers = [c.value for c in ws[HEADER_ROW]]
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith(f"A{HEADER_ROW}:")
    return Export(ws=ws, title=ws.cell(TITLE_ROW, 1).value, headers=headers)


def response_export(response, sheet: str | None = None) -> Export:
    assert response.status_code == 200, response.status_code
    assert response["Content-Disposition"].startswith("attachment;")
    return read_export(response.content, sheet)
