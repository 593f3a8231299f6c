"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live_server.

The demo is seeded once per module and shared by the module's tests, which run in order (a
later test may build on an earlier one, e.g. the upload seen on the region page). pytest-django
makes every live_server test request `transactional_db`, which empties the database after each
test; here that fixture is overridden to keep the module's data, and the module's seed fixture
empties the database itself when the module ends, so other tests never see the demo.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the main thread; Django would otherwise refuse
# ORM calls made by the test itself.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
DOCS = ROOT / "docs" / "screenshots"  # the screenshots the README and issues point at
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
PASSWORD = "DemoDAK-2026!"  # noqa: S105 — the published demo login (demo.accounts.DEMO_PASSWORD)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """`seed_demo` once for the module; the database is emptied again when the module ends."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def transactional_db(seeded, django_db_blocker):
    """Database access for the test and the live server, keeping the module's seeded data."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Session:
    """One browser tab with helpers; collects console errors (a CSP violation shows up there)."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base = base_url
        self.console_errors: list[str] = []
        page.on("console", self._console)

    def _console(self, msg) -> None:
        if msg.type == "error" and "favicon" not in (msg.location or {}).get("url", ""):
            self.console_errors.append(msg.text)

    def url(self, path: str) -> str:
        return self.base + path

    def goto(self, path: str):
        response = self.page.goto(self.url(path))
        self.page.wait_for_load_state("networkidle")
        return response

    def login(self, username: str) -> None:
        from django.urls import reverse

        self.goto(reverse("login"))
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click(
            "main button[type=submit]"
        )  # the login form's, not the top bar's language buttons
        self.page.wait_for_load_state("networkidle")

    def menu(self) -> list[str]:
        # the entries' labels, without the unread-notifications badge
        return self.page.locator("nav.mainnav a").evaluate_all(
            "links => links.map(a => a.firstChild.textContent.trim())"
        )

    def shot(self, name: str, *, full_page: bool = False) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def text(self, selector: str) -> str:
        return re.sub(r"\s+", " ", self.page.locator(selector).first.inner_text()).strip()


@pytest.fixture
def tab(browser, live_server):
    context = browser.new_context(
        viewport=VIEWPORT, accept_downloads=True, locale="id-ID", timezone_id="Asia/Jakarta"
    )
    context.set_default_timeout(15_000)
    session = Session(context.new_page(), live_server.url)
    yield session
    context.close()


@pytest.fixture
def new_tab(browser, live_server):
    """Open more tabs (other users, other viewports) within one test."""
    contexts = []

    def make(**options) -> Session:
        context = browser.new_context(
            **{
                "viewport": VIEWPORT,
                "accept_downloads": True,
                "locale": "id-ID",
                "timezone_id": "Asia/Jakarta",
                **options,
            }
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return Session(context.new_page(), live_server.url)

    yield make
    for context in contexts:
        context.close()
