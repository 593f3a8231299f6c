"""Find formula cells that carry no cached value.

openpyxl in data_only mode shows such a cell as empty, indistinguishable from a cell nobody
filled. A file written by a program (not saved by Excel/LibreOffice) has formulas without
results; we must say "save it in Excel first" instead of "required value missing".

Bounded memory: the worksheet XML is streamed twice at most — a cheap byte scan for any `<f`
element, and only if there is one, an iterparse that clears every element after use.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import iterparse  # noqa: S405 — the part passed open_xlsx's DTD/XXE checks

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

_HAS_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CHUNK = 1 << 16


def _source(ws):
    # Read-only worksheets stream their part from the still-open archive.
    return ws._get_source()  # noqa: SLF001 — openpyxl has no public streaming accessor


def has_formulas(ws) -> bool:
    tail = b""
    with _source(ws) as src:
        while chunk := src.read(_CHUNK):
            if _HAS_FORMULA.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def uncached_formula_cells(ws) -> set[tuple[int, int]]:
    """(row, column) of every formula cell whose cached value is missing or empty."""
    if not hasattr(ws, "_get_source") or not has_formulas(ws):
        return set()
    found: set[tuple[int, int]] = set()
    row_no, col_no = 0, 0
    with _source(ws) as src:
        for event, elem in iterparse(src, events=("start", "end")):  # noqa: S314
            tag = elem.tag.rsplit("}", 1)[-1]
            if event == "start":
                if tag == "row":
                    row_no = int(elem.get("r") or row_no + 1)
                    col_no = 0
                continue
            if tag == "c":
                ref = elem.get("r")
                if ref:
                    letters, row_no = coordinate_from_string(ref)
                    col_no = column_index_from_string(letters)
                else:
                    col_no += 1
                formula, cached = None, None
                for child in elem:
                    child_tag = child.tag.rsplit("}", 1)[-1]
                    if child_tag == "f":
                        formula = child
                    elif child_tag in ("v", "is"):
                        cached = child
                if formula is not None and (cached is None or not _has_text(cached)):
                    found.add((row_no, col_no))
                elem.clear()
            elif tag in ("row", "sheetData"):
                elem.clear()
    return found


def _has_text(elem) -> bool:
    return bool((elem.text or "").strip()) or any(_has_text(child) for child in elem)
