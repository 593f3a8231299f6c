"""Small helpers shared by the report and upload pages."""

from __future__ import annotations

from django.http import FileResponse, HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(data_or_file, filename: str) -> HttpResponse:
    """An .xlsx download that the browser never renders or sniffs."""
    if isinstance(data_or_file, bytes | bytearray):
        response = HttpResponse(bytes(data_or_file), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response = FileResponse(data_or_file, content_type=XLSX, as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
