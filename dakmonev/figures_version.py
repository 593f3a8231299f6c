"""The version of the data that the published figures are computed from.

Absorption figures may be cached (settings.ABSORPTION_CACHE_SECONDS) under this version; every
write that can change a figure — an allocation, an RK line, a report or its lines, in any app,
by save(), delete() or a bulk path — bumps it. The bump runs after the transaction commits, so
a reader can never cache pre-commit data under the new version: a reader that started before
the commit stores its result under the old version, which nobody reads any more.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction

KEY = "figures:version"


def current() -> str:
    """The current version token (created on first use)."""
    token = cache.get(KEY)
    if token is None:
        cache.add(KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(KEY) or "initial"
    return token


def bump_now() -> None:
    cache.set(KEY, uuid.uuid4().hex, timeout=None)


def bump() -> None:
    """Invalidate cached figures once the current transaction commits (at once outside one)."""
    transaction.on_commit(bump_now)
