"""The version of the data published figures are computed from, and the cache kept under it.

Absorption figures (settings.FIGURES_CACHE_SECONDS, only with a shared cache) are cached under
one token in the shared cache. Every service that writes a row they are computed from — an
allocation, an RK line, a counted report version, a region, by save(), delete() or a bulk
path — calls `bump()`; docs/architecture.md lists them.

The bump runs after the transaction commits, so a reader can never cache pre-commit data under
the new version: a reader that started before the commit stores its result under the old
version, which nobody reads any more. CI runs the page and API tests a second time with this
cache on (.ci/run), so a write path that forgets to bump fails there.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

__all__ = ["bump", "bump_now", "cached", "current"]

KEY = "figures:version"
T = TypeVar("T")


def current() -> str:
    """The current figures token (created on first use)."""
    token = cache.get(KEY)
    if token is None:
        cache.add(KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(KEY) or "initial"
    return token


def bump_now() -> None:
    cache.set(KEY, uuid.uuid4().hex, timeout=None)


def bump() -> None:
    """Invalidate every cached figure once the current transaction commits."""
    transaction.on_commit(bump_now)


def cached(name: str, parts: tuple[Hashable, ...], compute: Callable[[], T], *, seconds: int) -> T:
    """`compute()`, or its result cached under `name`, `parts` and the current figures version;
    with `seconds` = 0 nothing is cached."""
    if not seconds:
        return compute()
    key = f"{name}:{hashlib.sha256(repr((parts, current())).encode()).hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
