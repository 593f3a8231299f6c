"""The report lines' photo red flag (physical ≥ the TA's level without a photo at a progress
point reached that quarter) on the verification screen, and the region page's flag counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from demo.photos import photo_bytes
from realisasi.choices import PhotoReview
from realisasi.selectors.photos import report_photo_red_flags
from realisasi.services.photos import activity_photo_add, activity_photo_review
from realisasi.services.report_checks import photo_points_missing
from tests.factories import SentraFactory, allocation_with_lines, dinas, ditjen, region, report

pytestmark = pytest.mark.django_db
D = Decimal
L50 = D("50")


@pytest.mark.parametrize(
    "physical, previous, photos, level, missing",
    [
        (D("60"), None, set(), L50, [0, 25, 50]),
        (D("60"), None, {25}, L50, []),
        (D("40"), None, set(), L50, []),  # below the level
        (D("60"), D("55"), set(), L50, []),  # no point reached this quarter
        (D("80"), D("55"), {50}, L50, [75]),  # 50 was last quarter's point
        (D("80"), D("55"), {75}, L50, []),
        (D("60"), None, set(), D("70"), []),  # the TA's level is configurable
        (D("50"), D("40"), set(), L50, [50]),  # at the level counts
    ],
)
def test_the_rule(physical, previous, photos, level, missing):
    assert photo_points_missing(physical, previous, photos, level) == missing


@pytest.fixture
def world():
    reg = region("32.04")
    sentra = SentraFactory(region=reg, latitude=D("-6.914744"), longitude=D("107.60981"))
    _, (rk1, rk2) = allocation_with_lines(reg, 2026, [600_000_000, 400_000_000])
    for a in (rk1, rk2):
        a.sentra = sentra
        a.save()
    rep = report(reg, 2026, 1, [(rk1, 100_000_000, 60), (rk2, 0, 10)])
    return {"region": reg, "rk1": rk1, "rk2": rk2, "report": rep, "dinas": dinas(reg)}


def _photo(world, seed, **kwargs):
    data = photo_bytes(
        seed,
        taken_at=dt.datetime(2026, 3, 5, 10),
        latitude=kwargs.pop("lat", -6.915),
        longitude=107.61,
    )
    return activity_photo_add(
        actor=world["dinas"],
        activity=world["rk1"],
        file=SimpleUploadedFile("f.jpg", data),
        progress_point=kwargs.pop("point", 50),
    )


def test_the_flag_comes_and_goes_with_the_photos(client, world):
    flags = report_photo_red_flags(world["report"])
    assert list(flags) == [world["rk1"].pk]
    assert flags[world["rk1"].pk].startswith(
        "Realisasi fisik 60,00 % (≥ 50,00 %) belum didukung foto"
    )
    verifier = ditjen()
    client.force_login(verifier)
    url = reverse("realisasi:verification_detail", args=[world["report"].pk])
    assert 'data-red-flag="photo"' in client.get(url).content.decode()
    photo = _photo(world, 1)
    assert report_photo_red_flags(world["report"]) == {}
    assert 'data-red-flag="photo"' not in client.get(url).content.decode()
    activity_photo_review(actor=verifier, photo=photo, status=PhotoReview.REJECTED, note="Buram.")
    assert list(report_photo_red_flags(world["report"])) == [world["rk1"].pk]


def test_region_page_counts_flags(client, world):
    _photo(world, 1)  # clean
    _photo(world, 2, lat=-7.2)  # ≈ 32 km away
    client.force_login(world["dinas"])
    period = {"year": 2026, "quarter": 1}
    page = client.get(reverse("portal:region_detail", args=["32.04"]), period).content.decode()
    fragment_url = reverse("realisasi:region_photo_flags", args=["32.04"])
    assert f'hx-get="{fragment_url}?year=2026&amp;quarter=1"' in page  # loaded by htmx
    fragment = client.get(fragment_url, period, HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert "<html" not in html and "1 dari 2 foto bertanda untuk diperiksa." in html
    rows = fragment.context["photo_panel"]["rows"]
    assert {code: n for code, _label, n in rows}["FAR_FROM_SITE"] == 1
    assert fragment.context["photo_panel"]["red_flags"] == []  # RK-01 has its 50 % photo
    other = dinas(region("35.07"))
    client.force_login(other)
    assert client.get(fragment_url, period).status_code == 404


def test_the_region_panel_names_lines_without_photos(client, world):
    client.force_login(world["dinas"])
    fragment = client.get(
        reverse("realisasi:region_photo_flags", args=["32.04"]), {"year": 2026, "quarter": 1}
    )
    (message,) = fragment.context["photo_panel"]["red_flags"]
    assert "Unggah foto kegiatan RK-01" in message
    assert 'data-red-flag="photo"' in fragment.content.decode()
