"""The API throttles: the limit holds exactly, the window slides, Retry-After is honest, and
concurrent requests cannot slip past the count (on the real Redis in CI)."""

from __future__ import annotations

import os
import threading
import uuid

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from dakmonev.api.throttles import PerUserThrottle, TokenObtainThrottle, WindowCounterThrottle


class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


def _throttle(
    rate: str, clock: Clock, *, ident: str = "tester", backend=None
) -> WindowCounterThrottle:
    class Limited(WindowCounterThrottle):
        scope = "uji"
        THROTTLE_RATES = {"uji": rate}

        def get_cache_key(self, request, view):
            return f"throttle-test:{ident}"

    throttle = Limited()
    throttle.timer = clock
    if backend is not None:
        throttle.cache = backend
    return throttle


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def _allowed(throttle, n: int) -> list[bool]:
    request = RequestFactory().get("/api/v1/regions/")
    return [throttle.allow_request(request, None) for _ in range(n)]


def test_exactly_the_limit_is_allowed_in_a_window():
    clock = Clock(60_000.0)  # the start of a minute
    assert _allowed(_throttle("5/minute", clock), 7) == [True] * 5 + [False] * 2


def test_the_window_slides_instead_of_resetting_at_the_minute():
    clock = Clock(60_000.0 + 50)
    assert _allowed(_throttle("10/minute", clock), 10) == [True] * 10
    clock.now = 60_000.0 + 61  # a new minute, but 59/60 of the last one still overlaps
    assert _allowed(_throttle("10/minute", clock), 1) == [False]
    clock.now = 60_000.0 + 60 + 30  # half of the last minute's 10 (5) + the refused one + new ones
    assert _allowed(_throttle("10/minute", clock), 5) == [True, True, True, True, False]


def test_retry_after_is_when_a_request_would_pass_again():
    clock = Clock(60_000.0 + 45)
    throttle = _throttle("3/minute", clock)
    assert _allowed(throttle, 4) == [True, True, True, False]
    wait = throttle.wait()
    assert 15 <= wait <= 75
    clock.now += wait
    assert _allowed(_throttle("3/minute", clock), 1) == [True]


def test_each_user_and_each_address_has_its_own_budget(monkeypatch):
    monkeypatch.setattr(PerUserThrottle, "THROTTLE_RATES", {"user": "2/minute"})
    monkeypatch.setattr(TokenObtainThrottle, "THROTTLE_RATES", {"token": "1/minute"})
    factory = RequestFactory()
    results = []
    for pk in (101, 102):
        request = factory.get("/api/v1/regions/")
        request.user = type("User", (), {"is_authenticated": True, "pk": pk})()
        results.append([PerUserThrottle().allow_request(request, None) for _ in range(3)])
    assert results == [[True, True, False], [True, True, False]]
    login_a = factory.post("/api/v1/auth/token/", REMOTE_ADDR="10.0.0.1")
    login_b = factory.post("/api/v1/auth/token/", REMOTE_ADDR="10.0.0.2")
    assert [TokenObtainThrottle().allow_request(login_a, None) for _ in range(2)] == [True, False]
    assert TokenObtainThrottle().allow_request(login_b, None)


@pytest.mark.redis
def test_concurrent_requests_cannot_slip_past_the_limit_on_redis():
    """Twelve threads, 60 requests, a limit of 25: exactly 25 pass, on the real Redis server."""
    from django.core.cache.backends.redis import RedisCache

    options = {"serializer": "dakmonev.cache.PlainDataSerializer"}  # as settings.CACHES has it
    backend = RedisCache(
        os.environ["REDIS_URL"],
        {"KEY_PREFIX": f"throttle-{uuid.uuid4().hex}", "OPTIONS": options},
    )
    clock = Clock(60_000.0)  # all inside one window: only the count decides
    ident = uuid.uuid4().hex
    results: list[bool] = []
    lock = threading.Lock()

    def client():
        throttle = _throttle("25/minute", clock, ident=ident, backend=backend)
        outcome = _allowed(throttle, 5)
        with lock:
            results.extend(outcome)

    threads = [threading.Thread(target=client) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 60 and results.count(True) == 25
