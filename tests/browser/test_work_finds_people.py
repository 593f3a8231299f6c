"""Work finds people (issue 17), in a real browser on the seeded demo: Ditjen returns a report
with a reason; the dinas of that region sees the reason on its home page (to-do panel) and among
its notifications. Also writes docs/screenshots/17-dinas-home-{desktop,phone}.png."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.conftest import ROOT

pytestmark = pytest.mark.browser

DINAS = "dinas.kabbandung"
REGION = "32.04"
REASON = "Realisasi keuangan RK-02 melebihi nilai kontrak; mohon periksa dan unggah ulang."
SCREENSHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture(scope="module")
def module_media(tmp_path_factory):
    return str(tmp_path_factory.mktemp("todo-media"))


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, module_media):
    """The demo with its photos' files in this module's media folder (the verification screen
    shows them), once for the module; as tests/browser/test_photos.py does."""
    import io

    from django.core.management import call_command
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=module_media):
        call_command("seed_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _media_root(settings, module_media):
    settings.MEDIA_ROOT = module_media


def _counted_report_of_the_region():
    from realisasi.models import QuarterlyReport

    return (
        QuarterlyReport.objects.counted()
        .filter(region__code=REGION)
        .order_by("-fiscal_year__year", "-quarter")
        .first()
    )


def test_ditjen_returns_a_report_and_the_dinas_sees_why_at_home_and_in_its_notifications(
    new_tab,
):
    report = _counted_report_of_the_region()
    assert report is not None, "the demo has counted reports of Kabupaten Bandung"

    ditjen = new_tab()
    ditjen.login("ditjen")
    ditjen.goto(reverse("realisasi:verification_detail", args=[report.pk]))
    ditjen.page.fill("textarea[name=reason]", REASON)
    ditjen.page.click("button:has-text('Kembalikan ke dinas')")
    ditjen.page.wait_for_load_state("networkidle")
    assert "dikembalikan ke dinas beserta alasannya" in ditjen.text(".messages")
    assert ditjen.console_errors == []

    dinas = new_tab(viewport={"width": 1366, "height": 900})
    dinas.login(DINAS)  # lands on its home: the region page with its to-do panel
    returned = dinas.page.locator("[data-todo=returned]")
    assert REASON in returned.inner_text()
    assert dinas.page.locator("nav.mainnav [data-unread]").count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dinas.page.screenshot(path=str(SCREENSHOTS / "17-dinas-home-desktop.png"))

    dinas.page.click("nav.mainnav a[data-nav='notifications:list']")
    dinas.page.wait_for_load_state("networkidle")
    row = dinas.page.locator("tr[data-kind=LAPORAN_DIKEMBALIKAN]").first
    assert REASON in row.inner_text()
    row.locator("a").first.click()  # the notification links to the report
    dinas.page.wait_for_load_state("networkidle")
    assert dinas.page.url.endswith(reverse("realisasi:report_detail", args=[report.pk]))
    assert REASON in dinas.text("main")
    assert dinas.console_errors == []

    phone = new_tab(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone.login(DINAS)
    assert REASON in phone.page.locator("[data-todo=returned]").inner_text()
    phone.page.screenshot(path=str(SCREENSHOTS / "17-dinas-home-phone.png"))
