"""Progress photos (DOMAIN.md §8): JPEGs generated here carry EXIF time and GPS written by
Pillow; each flag is shown raised and not raised, a duplicate is caught across two regions, and
files that are not photos (or are decompression bombs) are refused."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zlib
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from dakmonev.errors import Conflict, DomainError, NotFound, NotPermitted
from dakmonev.images import ImageRejected, phash_distance, read_photo
from demo.photos import photo_bytes, picture
from notifications.models import Notification, NotificationKind
from realisasi.choices import PhotoReview
from realisasi.models import ActivityPhoto
from realisasi.services.photos import activity_photo_add, activity_photo_review
from tests.factories import (
    SentraFactory,
    allocation_with_lines,
    dinas,
    ditjen,
    region,
    report,
)

pytestmark = pytest.mark.django_db

WIB = dt.timezone(dt.timedelta(hours=7))
SITE = (-6.914744, 107.609810)  # the sentra (Bandung)
NEAR = (-6.918, 107.612)  # ≈ 0,45 km away
FAR = (-6.960, 107.650)  # ≈ 6,7 km away
IN_Q1 = dt.datetime(2026, 3, 5, 10, 0, tzinfo=WIB)
MB = 1024 * 1024


def jpeg(seed=1, *, taken_at=IN_Q1, at=NEAR, **kwargs) -> bytes:
    lat, lon = at if at else (None, None)
    return photo_bytes(seed, taken_at=taken_at, latitude=lat, longitude=lon, **kwargs)


def upload(data: bytes, name="foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


@pytest.fixture
def site():
    reg = region("32.04")
    sentra = SentraFactory(
        region=reg, latitude=Decimal("-6.914744"), longitude=Decimal("107.60981")
    )
    alloc, (rk1, rk2) = allocation_with_lines(reg, 2026, [600_000_000, 400_000_000])
    for a in (rk1, rk2):
        a.sentra = sentra
        a.save()
    report(reg, 2026, 1, [(rk1, 100_000_000, 60), (rk2, 0, 0)])  # RK-01 reached 50 % in TW I
    return rk1, rk2, dinas(reg)


def add(site, data, point=50, *, line=0, **kwargs) -> ActivityPhoto:
    activity, user = site[line], site[2]
    return activity_photo_add(
        actor=user, activity=activity, file=upload(data), progress_point=point, **kwargs
    )


# --------------------------------------------------------------------------- reading the file


def test_reading_a_jpeg_with_exif_and_the_copies_without_it():
    data = jpeg(orientation=6)
    r = read_photo(data, max_bytes=15 * MB, max_pixels=89_000_000)
    assert (r.kind, r.content_type, r.orientation) == ("jpeg", "image/jpeg", 6)
    assert (r.width, r.height) == (480, 640)  # rotated as shown
    assert r.taken_at == IN_Q1
    assert (r.latitude, r.longitude) == (Decimal("-6.918000"), Decimal("107.612000"))
    assert len(r.sha256) == 64 and len(r.phash) == 16
    for copy, px in ((r.display, 1600), (r.thumbnail, 320)):
        img = Image.open(io.BytesIO(copy))
        assert img.format == "JPEG" and max(img.size) <= px and not img.getexif()
        assert img.size[1] > img.size[0]  # the orientation is applied to the pixels


@pytest.mark.parametrize("fmt, kind", [("PNG", "png"), ("HEIF", "heic")])
def test_png_and_heic_are_read_too(fmt, kind):
    r = read_photo(
        photo_bytes(
            3, fmt=fmt, taken_at=dt.datetime(2026, 3, 5, 10), latitude=-6.9, longitude=107.6
        ),
        max_bytes=15 * MB,
        max_pixels=89_000_000,
    )
    assert r.kind == kind and r.taken_at == dt.datetime(2026, 3, 5, 10)
    assert (r.latitude, r.longitude) == (Decimal("-6.900000"), Decimal("107.600000"))


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width × height pixels in a few dozen bytes: a decompression bomb."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def test_a_decompression_bomb_and_a_non_image_are_refused(site):
    with pytest.raises(ImageRejected, match="melebihi batas 89 megapiksel"):
        read_photo(_png_header_only(30_000, 30_000), max_bytes=15 * MB, max_pixels=89_478_485)
    with pytest.raises(DomainError, match="megapiksel") as bomb:
        add(site, _png_header_only(30_000, 30_000))
    assert bomb.value.field == "file"
    with pytest.raises(DomainError, match="bukan foto JPEG, PNG atau HEIC"):
        add(site, b"%PDF-1.7\n% not a photo at all\n")
    with pytest.raises(DomainError, match="rusak"):
        add(site, b"\xff\xd8\xff\xe0" + b"\x00" * 200)  # looks like a JPEG, is not one
    assert not ActivityPhoto.objects.exists()


def test_the_size_cap_is_a_setting(site, settings):
    settings.DAK_PHOTO_MAX_BYTES = 10_000
    with pytest.raises(DomainError, match=r"MB melebihi batas 0,01 MB per foto\.") as refused:
        add(site, jpeg(size=(1200, 900)))
    assert refused.value.field == "file" and not ActivityPhoto.objects.exists()


# --------------------------------------------------------------------------------- the flags


def test_a_photo_near_the_site_inside_the_period_has_no_flag(site):
    photo = add(site, jpeg())
    assert photo.flags == [] and photo.flag_notes == {}
    assert (photo.location_source, photo.quarter) == ("exif", 1)
    assert Decimal("0.3") < photo.distance_km < Decimal("0.6")
    assert photo.taken_at == IN_Q1
    assert photo.original.name.startswith("foto/") and photo.original.name.endswith("-asli.jpg")
    assert "foto.jpg" not in photo.original.name  # the person's name is never used
    assert photo.history.first().history_user == site[2]


def test_no_location_and_the_browser_location(site):
    flagged = add(site, jpeg(at=None))
    assert flagged.flags == ["NO_LOCATION"] and flagged.distance_km is None
    assert "tidak memuat lokasi GPS" in flagged.flag_notes["NO_LOCATION"]
    located = add(site, jpeg(2, at=None), latitude=NEAR[0], longitude=NEAR[1], accuracy_m=12.5)
    assert located.flags == []
    assert (located.location_source, located.accuracy_m) == ("browser", Decimal("12.5"))
    # EXIF GPS wins over the browser's position
    exif = add(site, jpeg(3, at=NEAR), latitude=FAR[0], longitude=FAR[1])
    assert (exif.location_source, exif.flags) == ("exif", [])


def test_far_from_site_uses_the_ta_distance(site):
    far = add(site, jpeg(at=FAR))
    assert far.flags == ["FAR_FROM_SITE"]
    assert "km dari lokasi sentra" in far.flag_notes["FAR_FROM_SITE"]
    assert "(batas 2,00 km" in far.flag_notes["FAR_FROM_SITE"]
    fy = site[0].allocation.fiscal_year
    fy.photo_max_distance_km = Decimal("10")
    fy.save()
    assert add(site, jpeg(2, at=FAR)).flags == []


def test_outside_period_before_the_ta_and_after_the_quarter_plus_grace(site):
    before = add(site, jpeg(taken_at=dt.datetime(2025, 12, 20, 9, tzinfo=WIB)))
    assert before.flags == ["OUTSIDE_PERIOD"]
    assert "20 Desember 2025" in before.flag_notes["OUTSIDE_PERIOD"]
    # 50 % was reached in TW I: a 50 % photo taken in June does not document it
    late = add(site, jpeg(2, taken_at=dt.datetime(2026, 6, 1, 9, tzinfo=WIB)))
    assert (late.quarter, late.flags) == (1, ["OUTSIDE_PERIOD"])
    assert "akhir TW I + 14 hari" in late.flag_notes["OUTSIDE_PERIOD"]
    within_grace = add(site, jpeg(3, taken_at=dt.datetime(2026, 4, 10, 9)))  # camera time, WIB
    assert within_grace.flags == []
    # 75 % is not reported yet: the photo documents the quarter it is uploaded in
    ahead = add(site, jpeg(4, taken_at=dt.datetime(2026, 6, 1, 9, tzinfo=WIB)), point=75)
    assert ahead.flags == [] and ahead.quarter >= 2


def test_no_time(site):
    photo = add(site, jpeg(taken_at=None))
    assert photo.flags == ["NO_TIME"] and photo.taken_at is None
    assert "tidak memuat waktu pengambilan" in photo.flag_notes["NO_TIME"]


def test_duplicates_same_bytes_and_near_identical_across_two_regions(site):
    other_region = region("35.07")
    _, (theirs,) = allocation_with_lines(other_region, 2026, [100_000_000])
    them = dinas(other_region)
    data = jpeg(7)
    first = activity_photo_add(actor=them, activity=theirs, file=upload(data), progress_point=50)
    assert first.flags == []
    copied = add(site, data)
    assert "DUPLICATE" in copied.flags and copied.duplicate_of == first
    assert copied.flag_notes["DUPLICATE"].endswith("dipakai untuk kegiatan di wilayah lain.")
    # the same picture saved again (other size and quality): other bytes, nearly the same phash
    again = jpeg(7, size=(800, 600), quality=70)
    assert (
        phash_distance(read_photo(again, max_bytes=15 * MB, max_pixels=10**8).phash, first.phash)
        <= 6
    )
    near = add(site, again, line=1)
    assert "DUPLICATE" in near.flags
    assert near.duplicate_of == first
    # a different picture is not a duplicate
    assert "DUPLICATE" not in add(site, jpeg(8), line=1).flags


def test_the_same_file_twice_on_one_line_is_refused(site):
    add(site, jpeg())
    with pytest.raises(Conflict, match="sudah pernah diunggah"):
        add(site, jpeg(), point=25)


def test_who_may_add_photos(site):
    activity = site[0]
    stranger = dinas(region("35.07"))
    with pytest.raises(NotFound):
        activity_photo_add(
            actor=stranger, activity=activity, file=upload(jpeg()), progress_point=50
        )
    with pytest.raises(NotPermitted):
        activity_photo_add(
            actor=ditjen(), activity=activity, file=upload(jpeg()), progress_point=50
        )
    with pytest.raises(DomainError, match="0, 25, 50, 75 atau 100"):
        add(site, jpeg(), point=60)


def test_the_verifier_accepts_or_rejects_with_a_note_and_history(site):
    photo = add(site, jpeg(at=FAR))
    verifier = ditjen()
    with pytest.raises(DomainError, match="alasan penolakan"):
        activity_photo_review(actor=verifier, photo=photo, status=PhotoReview.REJECTED)
    with pytest.raises(NotPermitted):
        activity_photo_review(actor=site[2], photo=photo, status=PhotoReview.ACCEPTED)
    activity_photo_review(
        actor=verifier, photo=photo, status=PhotoReview.REJECTED, note="Lokasi bukan sentra."
    )
    activity_photo_review(actor=verifier, photo=photo, status=PhotoReview.ACCEPTED, note="Dicek.")
    history = list(photo.history.order_by("history_date"))
    assert [h.review_status for h in history] == ["BELUM", "DITOLAK", "DITERIMA"]
    assert history[1].review_note == "Lokasi bukan sentra." and history[2].history_user == verifier


def test_a_rejected_photo_tells_the_region_dinas_why_and_an_accepted_one_does_not(site):
    photo = add(site, jpeg(at=FAR))
    elsewhere = dinas(region("35.07"))
    activity_photo_review(actor=ditjen(), photo=photo, status=PhotoReview.ACCEPTED)
    assert not Notification.objects.exists()
    activity_photo_review(
        actor=ditjen(), photo=photo, status=PhotoReview.REJECTED, note="Lokasi bukan sentra."
    )
    (told,) = Notification.objects.all()
    assert told.user == site[2] and told.kind == NotificationKind.PHOTO_REJECTED
    assert told.title == "Foto kegiatan RK-01 (TW I) ditolak verifikator"
    assert "Alasan: Lokasi bukan sentra." in told.body
    assert told.url == reverse("realisasi:activity_photos", args=[site[0].pk])
    assert not Notification.objects.filter(user=elsewhere).exists()


def test_picture_seeds_differ():
    a = read_photo(photo_bytes(1), max_bytes=MB, max_pixels=10**8).phash
    b = read_photo(photo_bytes(2), max_bytes=MB, max_pixels=10**8).phash
    assert phash_distance(a, b) > 12
    assert picture(1).size == (640, 480)
