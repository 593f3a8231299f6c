"""An inspector's field-visit photos of a finding go through the same reading and checks as
progress photos: flags against the visit's dates and the RK line's sentra, duplicates of a
region's progress photos, refused non-images, files only through the region scope."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from dakmonev.errors import DomainError, NotPermitted
from demo.photos import photo_bytes
from monev.models import FieldPhoto
from monev.services.photos import field_photo_add
from realisasi.services.photos import activity_photo_add
from tests.factories import (
    FindingFactory,
    InspectionFactory,
    SentraFactory,
    allocation_with_lines,
    dinas,
    fiscal_year,
    make_user,
    region,
)

pytestmark = pytest.mark.django_db
WIB = dt.timezone(dt.timedelta(hours=7))
ON_VISIT = dt.datetime(2024, 9, 3, 10, tzinfo=WIB)


@pytest.fixture
def world():
    reg = region("32.04")
    sentra = SentraFactory(
        region=reg, latitude=Decimal("-6.914744"), longitude=Decimal("107.60981")
    )
    _, (line,) = allocation_with_lines(reg, 2024, [500_000_000])
    line.sentra = sentra
    line.save()
    inspector = make_user(Role.INSPEKTORAT)
    inspection = InspectionFactory(region=reg, fiscal_year=fiscal_year(2024), created_by=inspector)
    finding = FindingFactory(inspection=inspection, activity=line)
    return {"finding": finding, "line": line, "inspector": inspector, "dinas": dinas(reg)}


def _add(world, data, **kwargs):
    return field_photo_add(
        actor=world["inspector"],
        finding=world["finding"],
        file=SimpleUploadedFile("f.jpg", data),
        **kwargs,
    )


def test_the_same_flags_as_progress_photos(world):
    clean = _add(world, photo_bytes(1, taken_at=ON_VISIT, latitude=-6.915, longitude=107.61))
    assert clean.flags == [] and clean.distance_km < 1 and clean.location_source == "exif"
    late = _add(
        world,
        photo_bytes(2, taken_at=ON_VISIT + dt.timedelta(days=5), latitude=-6.915, longitude=107.61),
    )
    assert late.flags == ["OUTSIDE_PERIOD"]
    assert (
        "tanggal kunjungan 2 September 2024 s.d. 4 September 2024"
        in late.flag_notes["OUTSIDE_PERIOD"]
    )
    far = _add(world, photo_bytes(3, taken_at=ON_VISIT, latitude=-7.1, longitude=107.61))
    assert far.flags == ["FAR_FROM_SITE"]
    nothing = _add(world, photo_bytes(4))
    assert nothing.flags == ["NO_LOCATION", "NO_TIME"]
    browser = _add(world, photo_bytes(5, taken_at=ON_VISIT), latitude=-6.915, longitude=107.61)
    assert (browser.flags, browser.location_source) == ([], "browser")
    assert browser.history.first().history_user == world["inspector"]


def test_a_field_photo_that_is_the_regions_progress_photo_is_a_duplicate(world):
    data = photo_bytes(9, taken_at=ON_VISIT, latitude=-6.915, longitude=107.61)
    activity_photo_add(
        actor=world["dinas"],
        activity=world["line"],
        file=SimpleUploadedFile("p.jpg", data),
        progress_point=50,
    )
    photo = _add(world, data)
    assert photo.flags == ["DUPLICATE"]
    assert "di wilayah ini" in photo.flag_notes["DUPLICATE"]


def test_refusals_and_who_may_add(world):
    with pytest.raises(DomainError, match="bukan foto"):
        _add(world, b"GIF89a not accepted")
    with pytest.raises(NotPermitted):
        field_photo_add(
            actor=world["dinas"],
            finding=world["finding"],
            file=SimpleUploadedFile("f.jpg", photo_bytes(1)),
        )
    assert not FieldPhoto.objects.exists()


def test_page_upload_and_scoped_files(client, world):
    client.force_login(world["inspector"])
    detail = reverse("monev:finding_detail", args=[world["finding"].pk])
    assert 'data-panel="field-photos"' in client.get(detail).content.decode()
    response = client.post(
        reverse("monev:field_photos_add", args=[world["finding"].pk]),
        {
            "files": [
                SimpleUploadedFile("a.jpg", photo_bytes(1, taken_at=ON_VISIT)),
                SimpleUploadedFile("b.txt", b"teks"),
            ],
            "latitude": "-6.915",
            "longitude": "107.61",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "1 foto disimpan, 0 di antaranya bertanda" in html and "b.txt ditolak" in html
    photo = FieldPhoto.objects.get()
    client.force_login(dinas(region("35.07")))
    for name in (
        "monev:field_photo_display",
        "monev:field_photo_thumbnail",
        "monev:field_photo_original",
    ):
        assert client.get(reverse(name, args=[photo.pk])).status_code == 404
    client.force_login(world["dinas"])
    assert client.get(reverse("monev:field_photo_thumbnail", args=[photo.pk])).status_code == 200
