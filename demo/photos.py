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
