"""Swagger UI and Redoc really render in Chromium under our CSP, loading nothing from another origin."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.slow]
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = (
    "true"  # Playwright's sync API runs an event loop in this thread
)
REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.mark.parametrize(
    ("path", "rendered"),
    [
        ("/api/v1/docs/", ".swagger-ui .opblock"),
        ("/api/v1/redoc/", "redoc [role=navigation], .menu-content"),
    ],
)
def test_docs_render_offline(live_server, transactional_db, path, rendered):
    from playwright.sync_api import sync_playwright

    make_user(Role.DITJEN, username="dokumen")
    origin = live_server.url
    requests, errors = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.set_default_timeout(20_000)
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(origin + reverse("login"))
        page.fill("#id_username", "dokumen")
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_load_state("networkidle")
        page.goto(origin + path)
        page.wait_for_selector(rendered)
        page.wait_for_load_state("networkidle")
        browser.close()
    foreign = [
        u for u in requests if not u.startswith(origin) and not u.startswith(("data:", "blob:"))
    ]
    # Redoc's bundle hard-codes one image, its "API docs by Redocly" logo; our CSP (img-src 'self')
    # refuses it, so the browser never fetches it, and Redoc hides the broken image itself.
    assert set(foreign) <= {REDOCLY_LOGO}, foreign
    refused = [e for e in errors if "Content Security Policy" in e or "Refused" in e]
    assert all(REDOCLY_LOGO in e for e in refused), refused
    if foreign:
        assert refused, "the Redocly logo must be refused by the CSP"
