"""Throttles: per user (hence per token) for the API, per client address for the API and the token login.

DRF's own throttles keep a list of every request time within the window and read, unpickle,
extend and write the whole list back on each request: for "2000/hour" that is up to 2000 floats
moved twice per API call, and two concurrent requests can both read the list before either
writes it, so a burst slips past the limit. These count instead: one integer per fixed window,
raised with an atomic cache increment, plus the previous window's count weighted by how much of
it still overlaps the sliding window (the estimate Cloudflare and nginx-style limiters use).
Constant work per request whatever the rate, and no request can be lost between read and write.
"""

from __future__ import annotations

import math

from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle


class WindowCounterThrottle(SimpleRateThrottle):
    """A sliding-window estimate over fixed-window counters; refused requests count too."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        current, previous = f"{self.key}:{window}", f"{self.key}:{window - 1}"
        self.elapsed = now - window * self.duration
        self.previous = self.cache.get(previous, 0)
        self.count = self._increment(current)
        return self._estimate() <= self.num_requests

    def _increment(self, key: str) -> int:
        if self.cache.add(key, 1, 2 * self.duration):  # the window's first request
            return 1
        try:
            return self.cache.incr(key)
        except ValueError:  # expired in between (only at the end of its second window)
            self.cache.set(key, 1, 2 * self.duration)
            return 1

    def _estimate(self) -> float:
        return self.previous * (1 - self.elapsed / self.duration) + self.count

    def wait(self):
        """Seconds until a next request would be allowed (at least 1)."""
        d, limit, remaining = self.duration, self.num_requests, self.duration - self.elapsed
        if self.previous and self.count + 1 <= limit:
            # Later in this window: previous × (1 − t/d) + count + 1 ≤ limit
            t = d * (1 - (limit - self.count - 1) / self.previous)
            return max(1, math.ceil(t - self.elapsed))
        # In the next window this one's count is the weighted one: count × (1 − τ/d) + 1 ≤ limit
        tau = d * (1 - (limit - 1) / self.count) if self.count else 0
        return max(1, math.ceil(remaining + max(tau, 0)))


class PerUserThrottle(WindowCounterThrottle, UserRateThrottle):
    """Rate "user": keyed by the authenticated user, so every token has its own budget."""

    scope = "user"


class PerAddressThrottle(WindowCounterThrottle, AnonRateThrottle):
    """Rate "anon": requests without credentials, per client address."""

    scope = "anon"


class TokenObtainThrottle(WindowCounterThrottle):
    """Rate "token": password attempts per client address (django-axes locks username+IP too)."""

    scope = "token"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
