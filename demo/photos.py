"""Generated photos with EXIF (capture time, GPS, orientation) — for the demo, tests and `bench`.

Each `seed` draws a different picture (a smooth random pattern, so that perceptual hashes of
different seeds differ as real photos do); the same seed gives the same picture.
"""

from __future__ import annotations

import datetime as dt
import io
import random

from PIL import ExifTags, Image


def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    s = round((value - d - m / 60) * 3600, 4)
    return (float(d), float(m), s)


def picture(seed: int | str, size: tuple[int, int] = (640, 480)) -> Image.Image:
    """A distinct smooth picture: random 8×6 colour cells, scaled up bicubically."""
    rng = random.Random(str(seed))
    cells = bytes(rng.randrange(256) for _ in range(8 * 6 * 3))
    small = Image.frombytes("RGB", (8, 6), cells)
    return small.resize(size, Image.Resampling.BICUBIC)


def photo_bytes(
    seed: int | str = 1,
    *,
    size: tuple[int, int] = (640, 480),
    taken_at: dt.datetime | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    orientation: int | None = None,
    fmt: str = "JPEG",
    quality: int = 90,
    image: Image.Image | None = None,
) -> bytes:
    """A JPEG (or PNG/HEIF) whose EXIF carries the given time, GPS position and orientation."""
    img = image or picture(seed, size)
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if taken_at is not None:
        text = taken_at.strftime("%Y:%m:%d %H:%M:%S")
        exif[0x0132] = text
        sub = exif.get_ifd(ExifTags.IFD.Exif)
        sub[0x9003] = text
        if taken_at.utcoffset() is not None:
            offset = taken_at.strftime("%z")
            sub[0x9011] = f"{offset[:3]}:{offset[3:]}"
    if latitude is not None and longitude is not None:
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps[0] = b"\x02\x03\x00\x00"
        gps[1] = "S" if latitude < 0 else "N"
        gps[2] = _dms(latitude)
        gps[3] = "W" if longitude < 0 else "E"
        gps[4] = _dms(longitude)
    out = io.BytesIO()
    options = {"quality": quality} if fmt in ("JPEG", "HEIF") else {}
    img.save(out, format=fmt, exif=exif.tobytes(), **options)
    return out.getvalue()


# ------------------------------------------------------------------------------ the demo's photos

# Where the demo regions' sentra are (near each capital of the kabupaten/kota; invented spots).
DEMO_PLACES = {
    "32.04": (-7.0251, 107.5197),  # Soreang, Kabupaten Bandung
    "35.07": (-8.1335, 112.5730),  # Kepanjen, Kabupaten Malang
    "73.71": (-5.1477, 119.4327),  # Kota Makassar
    "91.71": (-2.5337, 140.7181),  # Kota Jayapura
    "96.71": (-0.8762, 131.2558),  # Kota Sorong
}
DEMO_DINAS = {
    "32.04": "dinas.kabbandung",
    "35.07": "dinas.kabmalang",
    "73.71": "dinas.makassar",
    "91.71": "dinas.jayapura",
    "96.71": "dinas.sorong",
}


def seed(*, actor=None, stdout=None) -> int:
    """Sentra locations and a few progress photos with EXIF for the demo regions' RK lines of the
    running TA (once): most are clean, some far from the sentra, without location or time,
    taken before the TA, and one picture re-used by a second region (DUPLICATE)."""
    from decimal import Decimal
    from zoneinfo import ZoneInfo

    from django.core.files.base import ContentFile

    from accounts.models import User
    from allocations.models import PlannedActivity, Sentra
    from dakmonev.quarters import Quarter
    from demo.allocations import CURRENT_YEAR
    from realisasi.models import ActivityPhoto
    from realisasi.selectors.photos import documented_quarter
    from realisasi.services.photos import activity_photo_add

    made = 0
    for index, (code, (lat, lon)) in enumerate(DEMO_PLACES.items()):
        user = User.objects.filter(username=DEMO_DINAS[code]).first()
        lines = list(
            PlannedActivity.objects.filter(
                allocation__region__code=code, allocation__fiscal_year__year=CURRENT_YEAR
            )
            .select_related("allocation__region", "allocation__fiscal_year", "sentra")
            .order_by("code")[:2]
        )
        if user is None or not lines:
            continue
        if ActivityPhoto.objects.filter(activity__in=lines).exists():
            continue  # seeded before
        Sentra.objects.filter(region__code=code, latitude__isnull=True).update(
            latitude=Decimal(f"{lat:.6f}"), longitude=Decimal(f"{lon:.6f}")
        )
        tz = ZoneInfo(lines[0].allocation.region.timezone)
        for n, line in enumerate(lines):
            line.refresh_from_db()
            for point in (0, 50):
                quarter = documented_quarter(line, point)
                day = min(
                    Quarter(quarter).last_day(CURRENT_YEAR) - dt.timedelta(days=20),
                    dt.date.today() - dt.timedelta(days=3),
                )
                taken = dt.datetime.combine(day, dt.time(10, 15), tzinfo=tz)
                at = (lat + 0.002 * (n + 1), lon + 0.001)  # a few hundred metres from the sentra
                variant = {}
                if index == 0 and n == 1 and point == 50:
                    at = (lat + 0.09, lon + 0.05)  # ≈ 11 km away: FAR_FROM_SITE
                if index == 1 and n == 0 and point == 50:
                    variant = {"seed": "demo-32.04-RK0-0"}  # Bandung's picture again: DUPLICATE
                if index == 2 and n == 1 and point == 50:
                    at, taken = None, None  # NO_LOCATION and NO_TIME
                if index == 3 and n == 0 and point == 50:
                    taken = dt.datetime(CURRENT_YEAR - 1, 12, 15, 9, tzinfo=tz)  # before the TA
                seed_name = variant.get("seed", f"demo-{code}-RK{n}-{point}")
                data = photo_bytes(
                    seed_name,
                    taken_at=taken,
                    latitude=at[0] if at else None,
                    longitude=at[1] if at else None,
                )
                upload = ContentFile(data, name="demo.jpg")
                activity_photo_add(
                    actor=user,
                    activity=line,
                    file=upload,
                    progress_point=point,
                    is_synthetic=True,
                )
                made += 1
    if stdout and made:
        stdout.write(f"Foto kemajuan demo: {made} foto (beberapa bertanda untuk diperiksa).")
    return made


def seed_field_photos(*, actor=None, stdout=None) -> int:
    """A field-visit photo on an open finding of each of the first demo regions (once): taken
    during the visit near the sentra, and one taken after the visit (OUTSIDE_PERIOD)."""
    from zoneinfo import ZoneInfo

    from django.core.files.base import ContentFile

    from accounts.models import User
    from monev.models import FieldPhoto, Finding
    from monev.services.photos import field_photo_add

    inspector = User.objects.filter(username="inspektur").first()
    if inspector is None or FieldPhoto.objects.exists():
        return 0
    made = 0
    for index, code in enumerate(list(DEMO_PLACES)[:2]):
        finding = (
            Finding.objects.filter(region__code=code, closed_at__isnull=True)
            .select_related("inspection", "region", "activity__sentra")
            .order_by("pk")
            .first()
        )
        if finding is None:
            continue
        tz = ZoneInfo(finding.region.timezone)
        sentra = finding.activity.sentra if finding.activity else None
        lat, lon = (
            (float(sentra.latitude), float(sentra.longitude))
            if sentra and sentra.has_location
            else DEMO_PLACES[code]
        )
        day = finding.inspection.start_date + dt.timedelta(days=30 if index else 0)
        data = photo_bytes(
            f"demo-field-{code}",
            taken_at=dt.datetime.combine(day, dt.time(11, 0), tzinfo=tz),
            latitude=lat + 0.001,
            longitude=lon + 0.001,
        )
        field_photo_add(
            actor=inspector,
            finding=finding,
            file=ContentFile(data, name="lapangan.jpg"),
            is_synthetic=True,
        )
        made += 1
    if stdout and made:
        stdout.write(f"Foto kunjungan lapangan demo: {made} foto.")
    return made
