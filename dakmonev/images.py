"""Reading a photo: what it is (sniffed from its bytes, never from its name), what its EXIF says
(capture time, GPS, orientation), its SHA-256 and perceptual hash, and the copies people see
(a resized display copy and a thumbnail, both re-encoded without EXIF).

Pure: bytes in, a `PhotoReading` or an `ImageRejected` with an Indonesian sentence out — no
database, no storage. Progress photos and monev field-visit photos both go through `read_photo`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import math
import warnings
from dataclasses import dataclass
from decimal import Decimal

import imagehash
import scipy.fftpack  # noqa: F401 — imagehash.phash imports it on first use; pay that at start-up
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

register_heif_opener()  # HEIC/HEIF (iPhone photos) through Pillow, from pillow-heif's wheel

__all__ = ["ImageRejected", "PhotoReading", "phash_distance", "read_photo", "sniff", "too_large"]

CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "heic": "image/heic"}
PILLOW_FORMATS = {"jpeg": {"JPEG", "MPO"}, "png": {"PNG"}, "heic": {"HEIF"}}
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
DISPLAY_PX = 1600
THUMBNAIL_PX = 320
_GPS = ExifTags.IFD.GPSInfo
_EXIF = ExifTags.IFD.Exif
_ORIENTATION, _DATETIME = 0x0112, 0x0132
_DATETIME_ORIGINAL, _DATETIME_DIGITIZED, _OFFSET_ORIGINAL = 0x9003, 0x9004, 0x9011


class ImageRejected(ValueError):
    """The file is not a photo we accept; `message` says why, in Indonesian."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class PhotoReading:
    kind: str  # jpeg | png | heic
    content_type: str
    size_bytes: int
    width: int  # as shown (orientation applied)
    height: int
    sha256: str
    phash: str  # 16 hex digits (64-bit DCT hash of the picture as shown)
    taken_at: dt.datetime | None  # aware when the EXIF has an offset, else camera-local naive
    latitude: Decimal | None
    longitude: Decimal | None
    orientation: int
    display: bytes  # JPEG, long side ≤ DISPLAY_PX, no EXIF
    thumbnail: bytes  # JPEG, long side ≤ THUMBNAIL_PX, no EXIF


def too_large(size: int, max_bytes: int) -> str:
    def mb(n: int) -> str:
        return f"{n / (1024 * 1024):.2f}".rstrip("0").rstrip(".").replace(".", ",")

    return f"Berkas {mb(size)} MB melebihi batas {mb(max_bytes)} MB per foto."


def sniff(head: bytes) -> str | None:
    """`jpeg`, `png` or `heic` from the first bytes; None for anything else."""
    if head[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return "heic"
    return None


def phash_distance(a: str, b: str) -> int:
    """Bits that differ between two perceptual hashes (0 = the same picture)."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


def read_photo(
    data: bytes,
    *,
    max_bytes: int,
    max_pixels: int,
    display_px: int = DISPLAY_PX,
    thumbnail_px: int = THUMBNAIL_PX,
) -> PhotoReading:
    """Everything the checks and the pages need from one photo; ImageRejected if it is not one."""
    if len(data) > max_bytes:
        raise ImageRejected(too_large(len(data), max_bytes))
    kind = sniff(data[:16])
    if kind is None:
        raise ImageRejected("Berkas bukan foto JPEG, PNG atau HEIC (isi berkas diperiksa).")
    img = _open(data, kind, max_pixels)
    stored_size = img.size
    try:
        exif = img.getexif()
        orientation = int(exif.get(_ORIENTATION) or 1)
        lat, lon = _gps(exif)
        taken_at = _taken_at(exif)
        shown = _decoded(img, kind, display_px, orientation)
        display = _jpeg(shown, display_px)
        thumbnail = _jpeg(shown, thumbnail_px)
        phash = str(imagehash.phash(shown))
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ImageRejected("Foto rusak atau tidak dapat dibaca.") from exc
    finally:
        img.close()
    width, height = _shown_size(stored_size, orientation)
    return PhotoReading(
        kind=kind,
        content_type=CONTENT_TYPES[kind],
        size_bytes=len(data),
        width=width,
        height=height,
        sha256=hashlib.sha256(data).hexdigest(),
        phash=phash,
        taken_at=taken_at,
        latitude=lat,
        longitude=lon,
        orientation=orientation,
        display=display,
        thumbnail=thumbnail,
    )


def _open(data: bytes, kind: str, max_pixels: int) -> Image.Image:
    """Open (header only) and refuse a decompression bomb before a single pixel is decoded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageRejected(_too_big_message(max_pixels)) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ImageRejected("Foto rusak atau tidak dapat dibaca.") from exc
    if img.format not in PILLOW_FORMATS[kind]:
        img.close()
        raise ImageRejected("Isi berkas tidak sesuai dengan jenis fotonya.")
    width, height = img.size
    if width * height > max_pixels:
        img.close()
        raise ImageRejected(_too_big_message(max_pixels))
    return img


def _too_big_message(max_pixels: int) -> str:
    return (
        f"Ukuran gambar melebihi batas {max_pixels / 1_000_000:.0f} megapiksel "
        "(kemungkinan berkas berbahaya)."
    )


def _decoded(img: Image.Image, kind: str, display_px: int, orientation: int) -> Image.Image:
    """The picture as people see it (orientation applied, RGB, long side ≤ display_px), decoded
    no larger than needed: a JPEG is decoded at 1/2, 1/4 or 1/8 scale when that still covers
    the display size (12 megapixels → 2000 × 1500 straight out of the decoder)."""
    if kind == "jpeg":
        w, h = img.size
        scale = display_px / max(w, h)
        if scale < 1:
            img.draft("RGB", (math.ceil(w * scale), math.ceil(h * scale)))
    img.load()
    shown = ImageOps.exif_transpose(img) if orientation in range(2, 9) else img
    if shown.mode in ("RGBA", "LA", "P", "PA"):
        rgba = shown.convert("RGBA")
        shown = Image.new("RGB", rgba.size, (255, 255, 255))
        shown.paste(rgba, mask=rgba.getchannel("A"))
    elif shown.mode != "RGB":
        shown = shown.convert("RGB")
    if max(shown.size) > display_px:
        shown.thumbnail((display_px, display_px), Image.Resampling.BICUBIC, reducing_gap=2.0)
    return shown


def _jpeg(img: Image.Image, px: int) -> bytes:
    copy = img
    if max(img.size) > px:
        copy = img.resize(_fit(img.size, px), Image.Resampling.LANCZOS, reducing_gap=3.0)
    out = io.BytesIO()
    copy.save(out, format="JPEG", quality=85)  # no exif= → nothing carried over
    return out.getvalue()


def _fit(size: tuple[int, int], px: int) -> tuple[int, int]:
    scale = px / max(size)
    return (max(1, round(size[0] * scale)), max(1, round(size[1] * scale)))


def _shown_size(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    return (size[1], size[0]) if orientation in (5, 6, 7, 8) else size


def _taken_at(exif: Image.Exif) -> dt.datetime | None:
    sub = exif.get_ifd(_EXIF)
    text = sub.get(_DATETIME_ORIGINAL) or sub.get(_DATETIME_DIGITIZED) or exif.get(_DATETIME)
    if not isinstance(text, str):
        return None
    try:
        moment = dt.datetime.strptime(text.strip().rstrip("\x00")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None  # "0000:00:00 00:00:00" and other camera placeholders
    offset = sub.get(_OFFSET_ORIGINAL)
    if isinstance(offset, str):
        with contextlib.suppress(ValueError):
            moment = moment.replace(tzinfo=dt.datetime.strptime(offset.strip(), "%z").tzinfo)
    return moment


def _gps(exif: Image.Exif) -> tuple[Decimal | None, Decimal | None]:
    gps = exif.get_ifd(_GPS)
    lat = _degrees(gps.get(2), gps.get(1), "S", 90)
    lon = _degrees(gps.get(4), gps.get(3), "W", 180)
    if lat is None or lon is None or (lat == 0 and lon == 0):
        return None, None  # (0, 0) is what cameras write when they had no fix
    return lat, lon


def _degrees(value, ref, negative: str, limit: int) -> Decimal | None:
    try:
        d, m, s = (float(v) for v in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    degrees = d + m / 60 + s / 3600
    if not math.isfinite(degrees) or degrees > limit or min(d, m, s) < 0:
        return None
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "ignore")
    if isinstance(ref, str) and ref.strip().upper() == negative:
        degrees = -degrees
    return Decimal(f"{degrees:.6f}")
