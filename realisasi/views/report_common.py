"""Small helpers shared by the report and upload pages."""

from __future__ import annotations

from django.http import HttpResponse

from dakmonev.spreadsheet.export import XLSX_MIME
from dakmonev.web import download


def attachment(data_or_file, filename: str) -> HttpResponse:
    """An .xlsx download that the browser never renders or sniffs."""
    return download(data_or_file, filename, XLSX_MIME)
