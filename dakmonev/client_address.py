"""The client's address, trusting X-Forwarded-For only as far as our own proxies append to it.

`TRUSTED_PROXY_COUNT` (environment, default 0) is the number of reverse proxies in front of
gunicorn. With 0 the header is ignored — any client can write it — and REMOTE_ADDR counts; with
n, the n-th address from the right is the one our outermost proxy saw. DRF's throttles read the
same number (REST_FRAMEWORK["NUM_PROXIES"]); django-axes and the per-address login limit call
this function (AXES_CLIENT_IP_CALLABLE), so all three agree on who the client is.
"""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str:
    """The address the login limits and lockouts count by (DRF's rule for NUM_PROXIES)."""
    remote = request.META.get("REMOTE_ADDR") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-min(proxies, len(hops))] if hops else remote
