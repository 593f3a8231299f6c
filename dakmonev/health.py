"""GET /healthz/: the container's health check — the database and the cache answer."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def health(request):
    """200 {"status": "ok"} when PostgreSQL and the cache answer; 503 naming what does not."""
    failing = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means unhealthy, whatever its type
        failing.append("database")
    try:
        cache.get("healthz")
    except Exception:
        failing.append("cache")
    if failing:
        return JsonResponse({"status": "unhealthy", "failing": failing}, status=503)
    return JsonResponse({"status": "ok"})
