"""Reading worksheet rows from strangers' files without ever crashing, at a bounded cost.

openpyxl's own row iterator casts every cell as it streams and raises in the middle of the
iteration on a value it cannot cast (a number cell holding the text `None`, which xlsxwriter
writes for `write_formula(..., value=None)`; a shared-string index out of range; a junk date).
Here the same parser runs cell by cell: a cell that cannot be read becomes an `Unreadable` value
(the importer turns it into an error on that row and column), and a formula whose result no
spreadsheet program calculated becomes `UNCALCULATED` — one pass over the XML for both.

Only the first `max_col` columns are parsed: cells to the right are skipped before any casting,
so a sheet 600 columns wide costs little more than one with the template's 11.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.utils.cell import column_index_from_string
from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

_LETTERS = re.compile(r"[A-Za-z]{1,3}")

# What every importer says about the two kinds of cell below (row and column come with it).
SAVE_IN_EXCEL = (
    "Sel ini berisi rumus yang belum dihitung (berkas dibuat oleh program, bukan disimpan dari "
    "Excel). Buka berkas, simpan dulu di Excel/LibreOffice, lalu unggah lagi."
)
UNREADABLE = (
    "Isi sel ini tidak dapat dibaca: jenis selnya angka tetapi isinya bukan angka (berkas dibuat "
    "oleh program). Ketik ulang nilainya, simpan dulu di Excel/LibreOffice, lalu unggah lagi."
)


class _Uncalculated:
    """A formula cell whose stored result was never calculated by a spreadsheet program."""

    def __repr__(self) -> str:
        return "UNCALCULATED"

    def __str__(self) -> str:
        return ""


UNCALCULATED = _Uncalculated()


@dataclass(frozen=True)
class Unreadable:
    """A cell whose stored content does not fit its declared type; `raw` is what was stored."""

    raw: str

    def __str__(self) -> str:
        return self.raw


@dataclass(frozen=True, slots=True)
class SheetCell:
    value: object
    number_format: str = "General"


EMPTY = SheetCell(None)


class _TolerantParser(WorkSheetParser):
    """openpyxl's worksheet parser, per cell instead of per row, capped at `max_col` columns."""

    def __init__(self, *args, max_col: int, trust_cached: bool, styles: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_col = max_col
        self.trust_cached = trust_cached
        self.styles = styles

    def parse_row(self, row):
        try:
            self.row_counter = int(float(row.get("r")))
        except (TypeError, ValueError):
            self.row_counter += 1
        self.col_counter = 0
        cells = []
        for element in row:
            column = self._column(element)
            if column > self.max_col:
                break  # cells are stored left to right: the rest lie beyond the cap too
            cells.append(self.parse_cell(element))
        return self.row_counter, cells

    def _column(self, element) -> int:
        ref = element.get("r")
        match = _LETTERS.match(ref) if ref else None
        return column_index_from_string(match.group(0).upper()) if match else self.col_counter + 1

    def parse_cell(self, element):
        if self.data_only and element.find(FORMULA_TAG) is not None:
            cached = (element.findtext(VALUE_TAG) or "").strip()
            if not cached or not self.trust_cached:
                return self._cell(element, UNCALCULATED)
        style = element.get("s")
        if style is not None and not style.isdigit():  # a junk style does not hide the value
            del element.attrib["s"]
        try:
            cell = super().parse_cell(element)
        except (ValueError, TypeError, IndexError, KeyError, OverflowError, AttributeError):
            return self._cell(element, Unreadable((element.findtext(VALUE_TAG) or "")[:200]))
        if not isinstance(cell["style_id"], int) or not 0 <= cell["style_id"] < self.styles:
            cell["style_id"] = 0
        return cell

    def _cell(self, element, value):
        column = self._column(element)
        self.col_counter = column
        return {
            "row": self.row_counter,
            "column": column,
            "value": value,
            "data_type": "e",
            "style_id": 0,
        }


def _formats(wb) -> list[str]:
    """The number format of every cell style of the workbook, by style index."""
    out = []
    for style in wb._cell_styles:  # noqa: SLF001 — openpyxl keeps styles on private attributes
        fmt_id = style.numFmtId
        if fmt_id < BUILTIN_FORMATS_MAX_SIZE:
            out.append(BUILTIN_FORMATS.get(fmt_id, "General"))
        else:
            custom = wb._number_formats  # noqa: SLF001
            index = fmt_id - BUILTIN_FORMATS_MAX_SIZE
            out.append(custom[index] if index < len(custom) else "General")
    return out or ["General"]


def read_rows(ws, *, max_col: int, trust_cached: bool = True, fill_gaps: bool = True):
    """Every row of a read-only worksheet from row 1 on, as (row number, tuple of SheetCell)
    with no gaps in columns (nor in rows unless `fill_gaps` is off); never raises for a cell's
    content.

    `trust_cached=False` (a workbook that asks to be recalculated on opening) makes every
    formula cell UNCALCULATED, because its stored result is a placeholder.
    """
    wb = ws.parent
    formats = _formats(wb)
    expected = 1
    with ws._get_source() as src:  # noqa: SLF001 — openpyxl has no public streaming accessor
        parser = _TolerantParser(
            src,
            ws._shared_strings,  # noqa: SLF001
            data_only=True,
            epoch=wb.epoch,
            date_formats=wb._date_formats,  # noqa: SLF001
            timedelta_formats=wb._timedelta_formats,  # noqa: SLF001
            max_col=max_col,
            trust_cached=trust_cached,
            styles=len(formats),
        )
        for number, parsed in parser.parse():
            if number < expected:  # rows out of order or repeated: keep the first
                continue
            while fill_gaps and expected < number:
                yield expected, ()
                expected += 1
            width = max((c["column"] for c in parsed), default=0)
            cells = [EMPTY] * width
            for c in parsed:
                cells[c["column"] - 1] = SheetCell(c["value"], formats[c["style_id"]])
            yield number, tuple(cells)
            expected = number + 1


def values_of(cells) -> list:
    return [c.value for c in cells]
