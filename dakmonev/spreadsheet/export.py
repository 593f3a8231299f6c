"""Excel exports; every cell goes through the one writer (dakmonev.spreadsheet.writer)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.http import HttpResponse
from openpyxl import Workbook

from dakmonev.web import download

from .writer import Column, export_title, write_table

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Sheet:
    """One worksheet of an export: its tab name, title row, typed columns and rows."""

    name: str
    columns: Sequence[Column | str]
    rows: Iterable[Sequence]
    title: str | None = None


def build_book(sheets: Iterable[Sheet]) -> bytes:
    """The bytes of a workbook of titled tables; built write-only so large exports stay small."""
    wb = Workbook(write_only=True)
    for sheet in sheets:
        ws = wb.create_sheet(title=_sheet_name(sheet.name))
        write_table(ws, sheet.columns, sheet.rows, title=sheet.title or export_title(sheet.name))
    if not wb.worksheets:
        wb.create_sheet(title="Data")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def build_workbook(
    headers: Sequence[Column | str],
    rows: Iterable[Sequence],
    *,
    sheet_title: str = "Data",
    title: str | None = None,
) -> bytes:
    """The bytes of a one-sheet workbook: title row, frozen header with autofilter, typed cells."""
    return build_book([Sheet(sheet_title, headers, rows, title)])


def _sheet_name(name: str) -> str:
    # Excel forbids []:*?/\ in sheet names and allows 31 characters.
    return re.sub(r"[\[\]:*?/\\]", "-", name)[:31] or "Data"


def safe_filename(filename: str) -> str:
    stem, _, ext = filename.rpartition(".")
    return f"{_SAFE_FILENAME.sub('_', stem or 'unduhan').strip('._') or 'unduhan'}.{_SAFE_FILENAME.sub('', ext) or 'bin'}"


def attachment_response(
    content: bytes, filename: str, content_type: str = XLSX_MIME
) -> HttpResponse:
    """A download that the browser saves (never renders), with a safe file name."""
    return download(content, safe_filename(filename), content_type)


def xlsx_response(
    filename: str,
    headers: Sequence[Column | str],
    rows: Iterable[Sequence],
    *,
    sheet_title: str = "Data",
    title: str | None = None,
) -> HttpResponse:
    """An .xlsx attachment of `rows` under `headers` (plain names or typed `Column`s), formula-safe."""
    return attachment_response(
        build_workbook(headers, rows, sheet_title=sheet_title, title=title), filename
    )


def book_response(filename: str, sheets: Iterable[Sheet]) -> HttpResponse:
    """An .xlsx attachment of several titled tables."""
    return attachment_response(build_book(sheets), filename)
