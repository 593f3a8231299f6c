"""Issue 21 in a real browser on the seeded demo: the tile map and ranking at 1366 and 390 px
(no sideways scrolling, tiles link to their provinces, the ranking sorts), and "Unduh ringkasan"
whose PDF holds the dashboard's figures. Writes test-artifacts/screenshots/21-map.png and
21-brief.png (the PDF's first page, via pdftoppm when it is installed)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from tests.browser.conftest import ARTIFACTS, DOCS
from tests.pdfs import pdf_pages, pdf_text

pytestmark = pytest.mark.browser


def _overflow(tab) -> int:
    return tab.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_tile_map_and_ranking_at_1366_and_on_a_phone(new_tab):
    desk = new_tab(viewport={"width": 1366, "height": 900})
    desk.login("pimpinan")
    desk.goto(reverse("portal:dashboard"))
    tiles = desk.page.locator(".tile-map a.tile")
    assert tiles.count() == 38
    assert _overflow(desk) <= 0
    top = desk.page.locator("table.ranking tbody tr td:nth-child(3)").first.get_attribute(
        "data-value"
    )
    ranking = desk.page.locator("table.ranking tbody tr")
    assert ranking.count() > 10
    # Sort by name (ascending), then back to the ranking by absorption.
    desk.page.click("table.ranking th:nth-child(2) button")
    names = [
        t.strip() for t in desk.page.locator("table.ranking tbody td.name a").all_inner_texts()
    ]
    assert names == sorted(names, key=str.lower)
    desk.page.click("table.ranking th:nth-child(3) button")  # highest absorption first again
    again = desk.page.locator("table.ranking tbody tr td:nth-child(3)").first.get_attribute(
        "data-value"
    )
    assert again == top
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    desk.page.locator("[data-panel=tile-map]").screenshot(path=str(ARTIFACTS / "21-map.png"))
    # The demo has targets: the map switches to deviation from plan, with its own legend and
    # colours (a province with targets is coloured, the absorption legend gives way).
    desk.page.click("label[for=map-deviation]")
    assert desk.page.locator(".legend-deviation").is_visible()
    assert not desk.page.locator(".legend-absorption").is_visible()
    banded = desk.page.locator('.tile-map a.tile:not([data-deviation-band="0"])')
    assert banded.count() > 0
    colour = banded.first.evaluate("el => getComputedStyle(el).backgroundColor")
    none = desk.page.locator('.tile-map a.tile[data-deviation-band="0"]')
    if none.count():
        assert none.first.evaluate("el => getComputedStyle(el).backgroundColor") != colour
    desk.page.locator("[data-panel=tile-map]").screenshot(path=str(DOCS / "21-map-deviation.png"))
    desk.page.click("label[for=map-absorption]")
    assert desk.console_errors == []
    # A tile opens its province page.
    href = desk.page.locator('.tile-map a.tile[data-province="32"]').get_attribute("href")
    desk.page.click('.tile-map a.tile[data-province="32"]')
    desk.page.wait_for_load_state("networkidle")
    assert "/realisasi/provinsi/32/" in desk.page.url and href.split("?")[0] in desk.page.url

    phone = new_tab(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone.login("pimpinan")
    phone.goto(reverse("portal:dashboard"))
    assert phone.page.locator(".tile-map a.tile").count() == 38
    assert _overflow(phone) <= 0
    box = phone.page.locator(".tile-map").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    phone.page.locator("[data-panel=tile-map]").screenshot(path=str(ARTIFACTS / "21-map-390.png"))


def test_unduh_ringkasan_downloads_the_brief_with_the_dashboards_figures(tab):
    tab.login("pimpinan")
    tab.goto(reverse("portal:dashboard"))
    weighted = tab.text('[data-kpi="penyerapan"] .value')
    unweighted = tab.text('[data-kpi="rata-kabkota"] .value')
    with tab.page.expect_download() as download:
        tab.page.click('[data-export="brief"]')
    path = download.value.path()
    data = path.read_bytes()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "21-brief.pdf").write_bytes(data)
    text = pdf_text(data)
    assert "Ringkasan nasional DAK Fisik Bidang IKM" in text
    assert weighted in text and unweighted in text
    assert re.search(r"Penyerapan \(tertimbang nilai", text)
    assert "Deviasi fisik dari rencana" in text  # the demo has targets
    assert pdf_pages(data) <= 2
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(ARTIFACTS / "21-brief.pdf"),
                str(ARTIFACTS / "21-brief"),
            ],
            check=True,
        )
