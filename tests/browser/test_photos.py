"""Progress photos in a real browser on the seeded demo: the verifier sees each line's photos
with flags, coordinates and distance, and rejects one with a note; the dinas's photo page fits
a phone. Writes docs/screenshots/19-verification-photos.png (regenerate: run this module)."""

from __future__ import annotations

import shutil

import pytest
from django.urls import reverse

from tests.browser.conftest import DOCS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def module_media(tmp_path_factory):
    return str(tmp_path_factory.mktemp("photo-media"))


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, module_media):
    """The demo (with its photos' files in this module's media folder), once for the module."""
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


REGION = "32.04"
DOCS_SHOT = DOCS / "19-verification-photos.png"


def _report_with_photos():
    from realisasi.models import ActivityPhoto, QuarterlyReport

    # Flags filtered in Python: SQLite (make test) has no JSON `contains` lookup.
    photo = next(
        (
            p
            for p in ActivityPhoto.objects.filter(activity__allocation__region__code=REGION)
            if "FAR_FROM_SITE" in p.flags
        ),
        None,
    )
    assert photo is not None, "the demo gives Kabupaten Bandung a photo far from its sentra"
    report = (
        QuarterlyReport.objects.filter(
            region__code=REGION, fiscal_year=photo.activity.allocation.fiscal_year, is_current=True
        )
        .order_by("-quarter")
        .first()
    )
    return report, photo


def test_verifier_sees_photos_beside_the_lines_and_rejects_one(new_tab):
    report, photo = _report_with_photos()
    desk = new_tab(viewport={"width": 1366, "height": 900})
    desk.login("ditjen")
    desk.goto(reverse("realisasi:verification_detail", args=[report.pk]))
    panel = desk.page.locator('[data-panel="photos"]')
    card = panel.locator(f'[data-photo="{photo.pk}"]')
    assert card.locator('[data-flag="FAR_FROM_SITE"]').count() == 1
    assert "km dari sentra" in card.inner_text()
    assert card.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    card.locator("select[name=status]").select_option("DITOLAK")
    card.locator("input[name=note]").fill("Lokasi foto ±11 km dari sentra; mohon foto ulang.")
    card.locator("button[type=submit]").click()
    desk.page.wait_for_load_state("networkidle")
    assert "Pemeriksaan foto disimpan." in desk.page.content()
    panel = desk.page.locator('[data-panel="photos"]')
    panel.scroll_into_view_if_needed()
    path = desk.shot("19-verification-photos", full_page=True)
    DOCS_SHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, DOCS_SHOT)
    overflow = desk.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert not desk.console_errors


def test_the_photo_page_fits_a_phone(new_tab):
    _report, photo = _report_with_photos()
    phone = new_tab(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        permissions=["geolocation"],
        geolocation={"latitude": -7.0251, "longitude": 107.5197, "accuracy": 12},
    )
    phone.login("dinas.kabbandung")
    phone.goto(reverse("realisasi:activity_photos", args=[photo.activity_id]))
    # the small script filled the hidden fields from the browser's position
    phone.page.wait_for_function("document.querySelector('[name=latitude]').value !== ''")
    assert phone.page.input_value("[name=latitude]") == "-7.025100"
    assert phone.page.get_attribute("[name=files]", "accept") == "image/*"
    overflow = phone.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "the photo page must not scroll sideways on a phone"
    assert not phone.console_errors
