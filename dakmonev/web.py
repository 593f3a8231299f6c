"""The pages' side of the one domain error type (the API's is dakmonev/api/errors.py).

NotFound → 404, NotPermitted → 403 (rendered by the project's error pages); any other
DomainError is a rule the person can fix: it becomes a form error or a message on the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import content_disposition_header

from dakmonev.errors import DomainError, NotFound, NotPermitted


def require(allowed) -> None:
    """Stop a request whose user may not act (checked before reading any input).

    `allowed` is a bool (False: 403) or a `can_<action>` Decision: NotFound is a 404,
    NotPermitted a 403 naming the reason; a state that does not allow the action (Conflict) lets
    the request through, for the service to say so next to the form or in the page's messages.
    """
    if allowed:
        return
    error = getattr(allowed, "error", None)
    if isinstance(error, NotFound):
        raise Http404(error.message)
    if error is None or isinstance(error, NotPermitted):
        raise PermissionDenied(getattr(error, "message", ""))


def call_service(
    request, fn: Callable[..., Any], *, form=None, success: str | None = None, **kwargs
) -> Any:
    """Run a service as the request's user; its result (True when it returns nothing), or None
    when a business rule said no — then the reason is on the form or in the page's messages."""
    try:
        result = fn(actor=request.user, **kwargs)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        if form is not None:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.error(request, exc.message)
        return None
    if success:
        messages.success(request, success)
    return True if result is None else result


def download(content, filename: str, content_type: str) -> HttpResponse:
    """A file the browser saves and never renders or sniffs (bytes, or an open file)."""
    if isinstance(content, bytes | bytearray):
        response = HttpResponse(bytes(content), content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        response = FileResponse(
            content, as_attachment=True, filename=filename, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# -- error pages (handler404/403/500 and CSRF_FAILURE_VIEW) ---------------------------------------
# A photo's derived images, by the name in its URL (progress photos and field-visit photos alike).
PHOTO_IMAGES = {"tampilan": "display", "kecil": "thumbnail"}


def stored_file_or_404(field):
    """The stored file opened for reading; a row whose file is gone (storage moved or cleaned)
    is a 404, not a 500."""
    try:
        return field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc


def photo_image(photo, kind: str) -> FileResponse:
    """A photo's display copy or thumbnail (EXIF-free JPEGs, shown inline); `photo` is already
    scoped to the user by the caller."""
    if kind not in PHOTO_IMAGES:
        raise Http404
    response = FileResponse(
        stored_file_or_404(getattr(photo, PHOTO_IMAGES[kind])), content_type="image/jpeg"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def uploaded_name(name: str) -> str:
    """An uploaded file's own name as it may be shown back in a message (no path, printable,
    bounded)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in base if ch.isprintable())[:80] or "foto"


def not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def forbidden(request, exception=None):
    # The service's reason (Indonesian) when there is one: the person learns why, not just "no".
    reason = str(exception) if exception is not None and str(exception) else ""
    return render(request, "errors/403.html", {"reason": reason}, status=403)


def server_error(request):
    """A friendly Indonesian 500 page that needs neither the database nor the session."""
    return HttpResponseServerError(loader.get_template("errors/500.html").render())


def csrf_failure(request, reason=""):
    """A form sent with a stale or missing CSRF token: say what happened and what to do."""
    return render(request, "errors/csrf.html", status=403)
