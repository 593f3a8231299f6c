"""Idle timeout without a session write on every request.

`SESSION_SAVE_EVERY_REQUEST` re-saves the session (three SQL statements) on every request only
to push its expiry forward. This middleware does the same at most once a minute per session:
when the last refresh is older than `SESSION_REFRESH_SECONDS`, it marks the session modified,
so `SessionMiddleware` saves it with a new expiry of `SESSION_COOKIE_AGE` seconds (and sends a
fresh cookie). A session idle longer than `SESSION_COOKIE_AGE` has expired and is logged out;
an active one is kept. The idle timeout is therefore between SESSION_COOKIE_AGE minus
SESSION_REFRESH_SECONDS and SESSION_COOKIE_AGE.
"""

from __future__ import annotations

import time

from django.conf import settings

REFRESHED_KEY = "_refreshed_at"


class SessionIdleRefreshMiddleware:
    """Push a signed-in session's expiry forward when its last refresh is older than a minute."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.session_key:
            return response  # no session cookie: nothing to keep alive (never create one)
        last = session.get(REFRESHED_KEY, 0)
        # Loading an expired or unknown key empties the session: leave it to SessionMiddleware.
        if session.session_key and not session.is_empty() and session.keys():
            now = int(time.time())
            if now - last >= settings.SESSION_REFRESH_SECONDS:
                session[REFRESHED_KEY] = now
        return response
