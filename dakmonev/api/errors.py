"""One error body for every API failure: `{"error": {"code", "message", "field"?, "details"?}}`.

DRF's exceptions, the project's DomainError family, Django's Http404/PermissionDenied and any
unexpected exception (500, logged) are all translated here — views never build error bodies.
"""

from __future__ import annotations

import logging
import math

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from dakmonev.errors import DomainError

logger = logging.getLogger("dakmonev.api")

# The message shown for each status when DRF's own text is too technical.
STATUS_MESSAGES = {
    400: "Permintaan tidak valid.",
    401: "Autentikasi diperlukan.",
    403: "Anda tidak berhak melakukan tindakan ini.",
    404: "Data tidak ditemukan.",
    405: "Metode tidak diizinkan.",
    406: "Format respons yang diminta tidak tersedia.",
    409: "Keadaan data tidak mengizinkan tindakan ini.",
    415: "Jenis konten tidak didukung.",
    422: "Data ditolak.",
    429: "Terlalu banyak permintaan; coba lagi nanti.",
    500: "Terjadi kesalahan pada server. Silakan coba lagi nanti.",
}


def error_body(code: str, message: str, *, field: str | None = None, details=None) -> dict:
    body: dict = {"code": code, "message": str(message)}
    if field:
        body["field"] = field
    if details is not None:
        body["details"] = details
    return {"error": body}


def _validation_body(detail) -> dict:
    """A serializer's errors: the first message as `message`, all of them in `details`."""
    if isinstance(detail, dict):
        fields = [key for key in detail if key != "non_field_errors"]
        first_key = next(iter(detail), None)
        first = detail[first_key] if first_key is not None else ""
        while isinstance(first, (list, dict)) and first:
            first = first[0] if isinstance(first, list) else next(iter(first.values()))
        return error_body(
            "invalid",
            first or STATUS_MESSAGES[400],
            field=fields[0] if len(fields) == 1 else None,
            details=detail,
        )
    if isinstance(detail, list):
        return error_body("invalid", detail[0] if detail else STATUS_MESSAGES[400], details=detail)
    return error_body("invalid", detail)


def _drf_body(exc: exceptions.APIException) -> dict:
    if isinstance(exc, exceptions.ValidationError):
        return _validation_body(exc.detail)
    code = exc.get_codes() if isinstance(exc.get_codes(), str) else exc.default_code
    message = (
        exc.detail
        if isinstance(exc.detail, str)
        else STATUS_MESSAGES.get(exc.status_code, str(exc))
    )
    if isinstance(exc, exceptions.Throttled):
        wait = math.ceil(exc.wait) if exc.wait is not None else None
        return error_body("throttled", STATUS_MESSAGES[429], details={"wait_seconds": wait})
    return error_body(code, message)


def api_exception_handler(exc, context):
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: every failure as one consistent error body."""
    if isinstance(exc, DomainError):
        set_rollback()
        return Response(error_body(exc.code, exc.message, field=exc.field), status=exc.status_code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(STATUS_MESSAGES[404])
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(STATUS_MESSAGES[403])
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )
    elif isinstance(exc, SuspiciousOperation):  # e.g. a request body above the size limits
        exc = exceptions.ParseError(STATUS_MESSAGES[400])
    if isinstance(exc, exceptions.APIException):
        headers = {}
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(math.ceil(exc.wait))
        set_rollback()
        return Response(_drf_body(exc), status=exc.status_code, headers=headers)
    view = context.get("view")
    logger.exception(
        "Unhandled API error in %s", type(view).__name__ if view else "?", exc_info=exc
    )
    set_rollback()
    return Response(
        error_body("server_error", STATUS_MESSAGES[500]),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


@csrf_exempt  # answers every method with the same 404; it changes nothing, so CSRF has nothing to protect
def not_found_view(request, *args, **kwargs):
    """Any path under /api/v1/ that matches no route: the same JSON 404 as everywhere else."""
    details = None
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not_found":
            details = {"hint": f"Alamat API diakhiri garis miring: {request.path}/"}
    return JsonResponse(
        error_body("not_found", _(STATUS_MESSAGES[404]), details=details), status=404
    )
