"""Browser (issue 18): a region's S-curve drawn by Chart.js from the demo's synthetic targets,
its deviation shown, no console error, and no sideways scrolling at 390 px. Writes
docs/screenshots/18-region-s-curve.png (regenerate with `pytest tests/browser/test_scurve.py`)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.conftest import DOCS

pytestmark = pytest.mark.browser
PAGE = reverse("portal:my_region") + "?year=2026&quarter=3"


def test_region_s_curve_with_deviation_and_screenshot(tab, new_tab):
    tab.login("dinas.makassar")  # Kota Makassar: an ambitious plan, behind it in TA 2026
    tab.goto(PAGE)
    tab.page.wait_for_selector("canvas#scurve-chart[data-ready='1']")
    panel = tab.page.locator('[data-panel="s-curve"]')
    row = panel.locator("tbody tr").nth(2)  # TW III
    assert row.locator("td").first.inner_text() == "TW III"
    assert "-" in row.locator("td").nth(3).inner_text()  # behind plan: a negative deviation
    assert tab.page.locator("[data-deviation='behind']").count() >= 1
    DOCS.mkdir(parents=True, exist_ok=True)
    panel.screenshot(path=str(DOCS / "18-region-s-curve.png"))
    assert tab.console_errors == []

    phone = new_tab(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone.login("dinas.makassar")
    phone.goto(PAGE)
    phone.page.wait_for_selector("canvas#scurve-chart[data-ready='1']")
    overflow = phone.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, overflow
