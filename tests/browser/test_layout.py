"""Pages that fit the screen they are read on, and forms that take what people type (issue 17).

Phones (390 × 844): no main page scrolls sideways, for a dinas and for Ditjen. Laptops (1366):
the verification screen shows its warnings without scrolling. Money is typed the Indonesian way.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.browser.conftest import DOCS

pytestmark = pytest.mark.browser

DINAS = "dinas.kabbandung"
REGION = "32.04"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_a_money_field_accepts_67_796_000(new_tab):
    phone = new_tab(**PHONE)
    phone.login(DINAS)
    phone.goto(reverse("allocations:activity_list"))
    phone.page.locator("a:has-text('Pengadaan')").first.click()
    phone.page.wait_for_load_state("networkidle")
    field = phone.page.locator("input[name=contract_value]")
    assert field.get_attribute("type") == "text" and field.get_attribute("inputmode") == "decimal"
    field.fill("67.796.000")
    phone.page.click("main button[type=submit]")
    phone.page.wait_for_selector("text=disimpan")
    row = phone.page.locator("tbody tr", has_text="Rp67.796.000")
    assert row.count() == 1
    assert phone.console_errors == []


def _pages(role: str) -> list[str]:
    """The main pages of a role, with real objects of the seeded demo."""
    from monev.models import Finding, Inspection
    from realisasi.models import QuarterlyReport

    report = QuarterlyReport.objects.filter(region__code=REGION).order_by("-pk").first()
    finding = Finding.objects.filter(region__code=REGION).order_by("-pk").first()
    common = [
        reverse("portal:home"),
        reverse("portal:region_detail", args=[REGION]),
        reverse("allocations:activity_list"),
        reverse("realisasi:report_list"),
        reverse("realisasi:report_detail", args=[report.pk]),
        reverse("notifications:list"),
        reverse("monev:finding_list"),
        reverse("monev:finding_detail", args=[finding.pk]),
        reverse("monev:finding_summary"),
        reverse("profile"),
    ]
    if role == DINAS:
        return [*common, reverse("portal:my_region"), reverse("realisasi:upload")]
    inspection = Inspection.objects.order_by("-pk").first()
    return [
        *common,
        reverse("portal:dashboard"),
        reverse("portal:province_detail", args=[REGION.split(".")[0]]),
        reverse("allocations:activity_list") + f"?region={REGION}",
        reverse("realisasi:verification_queue"),
        reverse("realisasi:verification_detail", args=[report.pk]),
        reverse("realisasi:overdue_list"),
        reverse("realisasi:alert_list"),
        reverse("monev:inspection_list"),
        reverse("monev:inspection_detail", args=[inspection.pk]),
        reverse("monev:outcome_summary"),
    ]


WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 3).map(el => el.tagName + '.' + el.className)"""


@pytest.mark.parametrize("username", [DINAS, "ditjen"])
def test_no_main_page_scrolls_sideways_on_a_phone_or_a_laptop(new_tab, username):
    phone = new_tab(**PHONE)
    laptop = new_tab(viewport={"width": 1366, "height": 900})
    wide = []
    for tab, width in ((phone, 390), (laptop, 1366)):
        tab.login(username)
        for path in _pages(username):
            response = tab.goto(path)
            assert response.status == 200, path
            tab.page.wait_for_load_state("networkidle")  # htmx panels too
            scroll = tab.page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                wide.append((width, path, scroll, tab.page.evaluate(WIDEST)))
            if width == 1366:
                # Key columns visible: no table scrolls inside its box on a laptop either.
                boxed = tab.page.evaluate(
                    "[...document.querySelectorAll('.table-wrap')]"
                    ".filter(w => w.scrollWidth > w.clientWidth + 1).length"
                )
                if boxed:
                    wide.append((width, path, "table scrolls in its box", boxed))
    assert wide == []
    # On the phone the navigation fits behind its toggle, and a wide table says it scrolls.
    phone.goto(reverse("monev:finding_summary"))
    assert phone.page.locator("nav.mainnav").is_hidden()
    phone.page.click("label.nav-toggle-label")
    box = phone.page.locator("nav.mainnav").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    # (console errors are not asserted here: the demo's photo files live in another module's
    # media folder, so their thumbnails answer 404 in this one)


def test_a_wide_table_on_a_phone_shows_that_it_scrolls(new_tab):
    phone = new_tab(**PHONE)
    phone.login("ditjen")
    phone.goto(reverse("portal:dashboard"))
    hint = phone.page.locator(".table-wrap.overflowing:has([data-table=provinces]) .scroll-hint")
    assert "Geser tabel ke samping" in hint.inner_text()
    phone.goto(reverse("monev:finding_list"))
    cell = phone.page.locator("table.stack tbody tr td").nth(3)
    assert cell.get_attribute("data-label") == "Temuan"  # stacked rows are labelled
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390


def test_verification_screen_at_1366_shows_warnings_previous_quarter_and_totals(new_tab):
    from realisasi.models import QuarterlyReport

    report = (
        QuarterlyReport.objects.filter(region__code=REGION, quarter__gt=1, status="DIAJUKAN")
        .order_by("-pk")
        .first()
        or QuarterlyReport.objects.filter(region__code=REGION, quarter__gt=1)
        .order_by("-pk")
        .first()
    )
    lines = list(report.lines.select_related("activity").order_by("excel_row"))
    warned = lines[0]
    # A second version (draft) with a long warning on its first line, as an upload would store.
    version = QuarterlyReport.objects.create(
        region=report.region,
        fiscal_year=report.fiscal_year,
        quarter=report.quarter,
        version=1000 + report.version,
        status="DRAF",
        is_current=False,
        created_by=report.created_by,
        warnings=[
            {
                "row": warned.excel_row,
                "column": "Realisasi Keuangan (Rp)",
                "message": "Realisasi keuangan (98,00 %) jauh di atas realisasi fisik (40,00 %): "
                "selisih lebih dari 25 poin; periksa kembali kedua angka.",
            }
        ],
    )
    for ln in lines:
        ln.pk = None
        ln.report = version
        ln.financial_realisation = ln.financial_realisation + Decimal("1000000.50")
        ln.save()
    laptop = new_tab(viewport={"width": 1366, "height": 900})
    laptop.login("ditjen")
    laptop.goto(reverse("realisasi:verification_detail", args=[version.pk]))
    assert laptop.page.evaluate("document.documentElement.scrollWidth") <= 1366
    for selector in ("th.warnings", "td.warnings .badge", "td.codes", "tfoot"):
        box = laptop.page.locator(f"table.comparison {selector}").first.bounding_box()
        assert box and box["x"] + box["width"] <= 1366, selector
    row = laptop.text(f"table.comparison tr[data-line='{warned.activity.code}']")
    assert "jauh di atas realisasi fisik" in row and "TW" in row  # previous quarter's figure
    assert laptop.text("[data-kpi=perubahan] .value").endswith("poin")
    laptop.shot("verifikasi-1366", full_page=True)
    laptop.page.screenshot(path=str(DOCS / "17-verifikasi-1366.png"), full_page=True)
    phone = new_tab(**PHONE)
    phone.login("ditjen")
    phone.goto(reverse("realisasi:verification_detail", args=[version.pk]))
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.shot("verifikasi-ponsel", full_page=True)
    phone.page.screenshot(path=str(DOCS / "17-verifikasi-ponsel.png"), full_page=True)
    version.lines.all().delete()
    version.delete()


def test_the_region_chooser_filters_as_one_types(new_tab):
    from allocations.models import Region

    phone = new_tab(**PHONE)
    phone.login("inspektur")
    phone.goto(reverse("monev:inspection_create"))
    offered = phone.page.locator("#id_region option:not([value=''])").count()
    assert offered == Region.objects.receiving().count() < Region.objects.count()
    phone.page.fill("input.select-filter", "bandung")
    names = phone.page.locator("#id_region option:not([value=''])").all_inner_texts()
    assert names and all("bandung" in n.lower() for n in names)
    phone.page.fill("input.select-filter", "32.04")
    assert phone.page.locator("#id_region").input_value() == str(
        Region.objects.get(code="32.04").pk
    )
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390
