"""Photo pages and API: several photos at once with the browser's location, the line's list with
flags, files only through the region scope (another region's photo → 404), the verifier's
review beside the report lines, and `/api/v1/activities/{id}/photos/` with exactly its fields."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from rest_framework.test import APIClient

from accounts.tokens import token_issue
from demo.photos import photo_bytes
from realisasi.models import ActivityPhoto
from realisasi.permissions import can_add_activity_photo
from realisasi.services.photos import activity_photo_add
from tests.factories import (
    SentraFactory,
    allocation_with_lines,
    dinas,
    ditjen,
    make_user,
    region,
    report,
)

pytestmark = pytest.mark.django_db
WIB = dt.timezone(dt.timedelta(hours=7))
API_FIELDS = {
    "id",
    "sha256",
    "progress_point",
    "taken_at",
    "latitude",
    "longitude",
    "location_source",
    "distance_km",
    "flags",
    "uploaded_at",
}


def jpeg(seed, **kwargs) -> bytes:
    kwargs.setdefault("taken_at", dt.datetime(2026, 3, 5, 10, tzinfo=WIB))
    return photo_bytes(seed, **kwargs)


@pytest.fixture
def world():
    own, other = region("32.04"), region("35.07")
    sentra = SentraFactory(
        region=own, latitude=Decimal("-6.914744"), longitude=Decimal("107.60981")
    )
    _, (line,) = allocation_with_lines(own, 2026, [500_000_000])
    line.sentra = sentra
    line.save()
    _, (theirs,) = allocation_with_lines(other, 2026, [500_000_000])
    rep = report(own, 2026, 1, [(line, 100_000_000, 55)])
    return {"line": line, "theirs": theirs, "report": rep, "own": dinas(own), "other": dinas(other)}


def test_several_photos_at_once_with_the_browser_location(client, world):
    client.force_login(world["own"])
    url = reverse("realisasi:activity_photos", args=[world["line"].pk])
    page = client.get(url).content.decode()
    assert 'accept="image/*"' in page and 'capture="environment"' in page and "multiple" in page
    assert "js/photo-location.js" in page
    files = [
        SimpleUploadedFile("a.jpg", jpeg(1), content_type="image/jpeg"),
        SimpleUploadedFile("b.jpg", jpeg(2), content_type="image/jpeg"),  # no GPS: browser's
        SimpleUploadedFile("laporan.pdf", b"%PDF-1.4 nope", content_type="image/jpeg"),
    ]
    response = client.post(
        url,
        {
            "files": files,
            "progress_point": 50,
            "latitude": "-6.9150",
            "longitude": "107.6100",
            "accuracy_m": "8",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "2 foto disimpan, 0 di antaranya bertanda" in html
    assert "laporan.pdf ditolak: Berkas bukan foto JPEG, PNG atau HEIC" in html
    photos = list(ActivityPhoto.objects.order_by("id"))
    assert [p.location_source for p in photos] == ["browser", "browser"]
    assert all(p.distance_km < 1 for p in photos)
    assert html.count('data-photo="') == 2


def test_files_only_through_the_scope(client, world):
    mine = activity_photo_add(
        actor=world["own"],
        activity=world["line"],
        file=SimpleUploadedFile("x.jpg", jpeg(3, latitude=-6.915, longitude=107.61)),
        progress_point=25,
    )
    names = ["realisasi:photo_display", "realisasi:photo_thumbnail", "realisasi:photo_original"]
    client.force_login(world["other"])
    for name in names:
        assert client.get(reverse(name, args=[mine.pk])).status_code == 404
    assert (
        client.get(reverse("realisasi:activity_photos", args=[world["line"].pk])).status_code == 404
    )
    client.force_login(world["own"])
    shown = client.get(reverse("realisasi:photo_display", args=[mine.pk]))
    assert shown["Content-Type"] == "image/jpeg" and shown["X-Content-Type-Options"] == "nosniff"
    assert not Image.open(io.BytesIO(b"".join(shown.streaming_content))).getexif()  # EXIF stripped
    original = client.get(reverse("realisasi:photo_original", args=[mine.pk]))
    assert original["Content-Disposition"].startswith("attachment")
    body = b"".join(original.streaming_content)
    assert Image.open(io.BytesIO(body)).getexif()  # the original keeps its EXIF
    # an inspector (sees every region) may look but not upload
    inspector = make_user("inspektorat")
    client.force_login(inspector)
    page = client.get(reverse("realisasi:activity_photos", args=[world["line"].pk]))
    assert page.status_code == 200 and page.context["form"] is None
    assert not can_add_activity_photo(inspector, world["line"])
    assert (
        client.post(reverse("realisasi:activity_photos", args=[world["line"].pk]), {}).status_code
        == 403
    )


def test_verification_shows_photos_per_line_and_the_verifier_reviews(client, world):
    photo = activity_photo_add(
        actor=world["own"],
        activity=world["line"],
        file=SimpleUploadedFile("x.jpg", jpeg(4, latitude=-6.99, longitude=107.7)),
        progress_point=50,
    )
    assert photo.flags == ["FAR_FROM_SITE"]
    verifier = ditjen()
    client.force_login(verifier)
    url = reverse("realisasi:verification_detail", args=[world["report"].pk])
    html = client.get(url).content.decode()
    assert 'data-panel="photos"' in html and 'data-flag="FAR_FROM_SITE"' in html
    assert "km dari sentra" in html and "-6.990000, 107.700000" in html
    response = client.post(
        reverse("realisasi:photo_review", args=[photo.pk]),
        {"status": "DITOLAK", "note": "Bukan di lokasi sentra.", "next": url},
    )
    assert response.status_code == 302 and response["Location"] == url
    photo.refresh_from_db()
    assert (photo.review_status, photo.review_note, photo.reviewed_by) == (
        "DITOLAK",
        "Bukan di lokasi sentra.",
        verifier,
    )
    client.force_login(world["own"])  # the dinas sees the verdict but may not give one
    detail = client.get(
        reverse("realisasi:report_detail", args=[world["report"].pk])
    ).content.decode()
    assert "Bukan di lokasi sentra." in detail and "photo_review" not in detail
    assert (
        client.post(
            reverse("realisasi:photo_review", args=[photo.pk]), {"status": "DITERIMA"}
        ).status_code
        == 403
    )


def _api(user) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user)[1]}")
    return api


def test_api_post_and_get_with_exactly_the_issue_fields(world):
    api = _api(world["own"])
    url = f"/api/v1/activities/{world['line'].pk}/photos/"
    created = api.post(
        url,
        {
            "file": SimpleUploadedFile("a.jpg", jpeg(5)),
            "progress_point": 50,
            "latitude": -6.9149,
            "longitude": 107.6099,
            "accuracy_m": 5,
        },
        format="multipart",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert set(body) == API_FIELDS
    assert (body["location_source"], body["flags"], body["progress_point"]) == ("browser", [], 50)
    assert body["taken_at"].startswith("2026-03-05T10:00:00+07:00") or body["taken_at"].startswith(
        "2026-03-05"
    )
    listed = api.get(url).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [set(r) for r in rows] == [API_FIELDS]
    refused = api.post(
        url,
        {"file": SimpleUploadedFile("a.txt", b"hello"), "progress_point": 50},
        format="multipart",
    )
    assert refused.status_code == 400 and "bukan foto" in refused.json()["error"]["message"]
    other = _api(world["other"])
    assert other.get(url).status_code == 404
    assert other.post(url, {"progress_point": 50}, format="multipart").status_code == 404
    assert (
        _api(ditjen())
        .post(
            url,
            {"file": SimpleUploadedFile("a.jpg", jpeg(6)), "progress_point": 50},
            format="multipart",
        )
        .status_code
        == 403
    )
