"""Password attempts: django-axes locks one username+address pair; this limits one address.

Axes' pair lockout keeps one office behind NAT usable while one clerk mistypes, but lets one
address try every predictable `dinas.*` name once each (password spraying). So failures are
also counted per client address — on the login page, the admin's login and the token endpoint
alike — and past `LOGIN_FAILURES_PER_ADDRESS` in `LOGIN_FAILURE_WINDOW_SECONDS` that address
may not try any password until the window ends. Counts live in the shared cache (Redis).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.utils.translation import gettext

from dakmonev.client_address import client_ip


class AddressLimited(Exception):
    """Too many failed logins from this address; `minutes` until it may try again."""

    def __init__(self, minutes: int):
        super().__init__(minutes)
        self.minutes = minutes
        self.message = gettext(
            "Terlalu banyak percobaan masuk yang gagal dari alamat jaringan ini. "
            "Coba lagi dalam %(minutes)s menit."
        ) % {"minutes": minutes}


def _key(request) -> tuple[str, int]:
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    start = int(time.time() // window) * window
    return f"login-failures:{client_ip(request)}:{start}", start + window


def authenticate_limited(request, *, username: str, password: str):
    """authenticate() (through django-axes) unless this address failed too often; counts failures."""
    key, ends = _key(request)
    if cache.get(key, 0) >= settings.LOGIN_FAILURES_PER_ADDRESS:
        raise AddressLimited(max(1, round((ends - time.time()) / 60)))
    user = authenticate(request=request, username=username, password=password)
    if user is None:
        _count_failure(key)
    return user


def _count_failure(key: str) -> None:
    ttl = settings.LOGIN_FAILURE_WINDOW_SECONDS + 60
    if cache.add(key, 1, ttl):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, ttl)
