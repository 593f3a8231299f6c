"""The container's health check: GET /healthz/ on the local gunicorn, as the first allowed host.

Exit 0 when the app, its database and its cache answer; 1 otherwise (Docker's HEALTHCHECK).
Standard library only, so it runs in the slim image as it is.
"""

from __future__ import annotations

import os
import sys
import urllib.request


def main() -> int:
    host = (os.environ.get("DJANGO_ALLOWED_HOSTS") or "localhost").split(",")[0].strip()
    port = os.environ.get("HEALTHCHECK_PORT", "8000")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz/", headers={"Host": host.lstrip(".")}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (local URL)
            return 0 if response.status == 200 else 1
    except OSError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
