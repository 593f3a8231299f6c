"""Throttles: per user (hence per token) for the API, per client address for the token login."""

from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle


class PerUserThrottle(UserRateThrottle):
    """Rate "user": keyed by the authenticated user, so every token has its own budget."""

    scope = "user"


class TokenObtainThrottle(SimpleRateThrottle):
    """Rate "token": password attempts per client address (django-axes locks username+IP too)."""

    scope = "token"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
