"""Translate domain errors for pages, in one place."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404

from dakmonev.errors import DomainError, NotFound, NotPermitted


def call_service(request, fn, *, form=None, **kwargs):
    """Run a service as the request's user. 404/403 for NotFound/NotPermitted; other rule
    violations become form errors (or a message) and the result is None."""
    try:
        return fn(actor=request.user, **kwargs)
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


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
