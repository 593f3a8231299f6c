"""The one domain error type. Services raise it; pages and the API translate it in one place."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule said no. `message` is Indonesian and meant for the person."""

    status_code = 400
    code = "invalid"

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if code:
            self.code = code


class NotPermitted(DomainError):
    """The actor's role may not do this (403)."""

    status_code = 403
    code = "permission_denied"


class NotFound(DomainError):
    """The object does not exist *for this actor* (404) — also used for other regions' data."""

    status_code = 404
    code = "not_found"


class Conflict(DomainError):
    """The object's state does not allow the action (409)."""

    status_code = 409
    code = "conflict"
