"""Versions of the data that published figures and dashboard pages are computed from.

Two tokens live in the shared cache:

- **figures**: absorption figures may be cached (settings.ABSORPTION_CACHE_SECONDS) under it;
  every write that can change a figure — an allocation, an RK line, a report or its lines, in
  any app, by save(), delete() or a bulk path — bumps it (`bump`).
- **pages**: rendered dashboard bodies (dakmonev.page_cache) are cached under both tokens; any
  other write to a row a page shows (an alert, a finding, a sentra name, a user's name…) bumps
  this one (`bump_pages`), so it does not throw away the costly absorption cache.

A bump runs after the transaction commits, so a reader can never cache pre-commit data under
the new version: a reader that started before the commit stores its result under the old
version, which nobody reads any more.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

KEY = "figures:version"
PAGES_KEY = "pages:version"
T = TypeVar("T")


def current() -> str:
    """The current figures token (created on first use)."""
    return _token(KEY)


def current_pair() -> tuple[str, str]:
    """The figures and pages tokens, read in one cache round trip."""
    found = cache.get_many([KEY, PAGES_KEY])
    return found.get(KEY) or _token(KEY), found.get(PAGES_KEY) or _token(PAGES_KEY)


def _token(key: str) -> str:
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        token = cache.get(key) or "initial"
    return token


def bump_now() -> None:
    cache.set(KEY, uuid.uuid4().hex, timeout=None)


def bump_pages_now() -> None:
    cache.set(PAGES_KEY, uuid.uuid4().hex, timeout=None)


def bump() -> None:
    """Invalidate cached figures (and the pages showing them) once the current transaction commits."""
    transaction.on_commit(bump_now)


def bump_pages() -> None:
    """Invalidate cached dashboard pages once the current transaction commits (figures stay)."""
    transaction.on_commit(bump_pages_now)


def cached(
    name: str,
    parts: tuple[Hashable, ...],
    compute: Callable[[], T],
    *,
    seconds: int,
    pages: bool = False,
) -> T:
    """`compute()`, or its result cached under `name`, `parts` and the current figures version
    (and the pages version too when `pages`); with `seconds` = 0 nothing is cached."""
    if not seconds:
        return compute()
    versions = current_pair() if pages else (current(),)
    key = f"{name}:{hashlib.sha256(repr((parts, versions)).encode()).hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
