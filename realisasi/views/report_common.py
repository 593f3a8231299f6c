"""Small helpers shared by the report and upload pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse

from dakmonev.errors import DomainError, NotFound, NotPermitted

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def run_service(request, fn, **kwargs):
    """Call a service as the request's user; 404/403 for NotFound/NotPermitted, other domain
    errors become a message and None."""
    try:
        return fn(actor=request.user, **kwargs)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
        return None


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
