"""`manage.py bench_photo`: one 12-megapixel phone-like JPEG through `dakmonev.images.read_photo`
(SHA-256, EXIF, perceptual hash, display copy, thumbnail) in a fresh process: seconds and peak
RSS against ≤ 1 s and ≤ 300 MB."""

from __future__ import annotations

import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

TARGET_SECONDS, TARGET_MB = 1.0, 300.0


def phone_jpeg(path: Path) -> None:
    """4000 × 3000 with sensor-like noise (a smooth test picture would compress unrealistically
    well), EXIF time, GPS and orientation — about the size a phone writes."""
    from PIL import Image

    from demo.photos import photo_bytes, picture

    size = (4000, 3000)
    noisy = Image.blend(picture("bench", size), Image.effect_noise(size, 60).convert("RGB"), 0.3)
    path.write_bytes(
        photo_bytes(
            image=noisy,
            taken_at=dt.datetime(2026, 5, 4, 9, 30),
            latitude=-6.914744,
            longitude=107.609810,
            orientation=6,
            quality=92,
        )
    )


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_child(path: Path) -> dict:
    from dakmonev.images import read_photo

    data = path.read_bytes()
    baseline = _rss_mb()
    started = time.perf_counter()
    reading = read_photo(
        data, max_bytes=settings.DAK_PHOTO_MAX_BYTES, max_pixels=settings.DAK_PHOTO_MAX_PIXELS
    )
    seconds = time.perf_counter() - started
    return {
        "bytes": len(data),
        "seconds": seconds,
        "peak_mb": _rss_mb(),
        "baseline_mb": baseline,
        "display": len(reading.display),
        "thumbnail": len(reading.thumbnail),
        "size": [reading.width, reading.height],
        "gps": reading.latitude is not None,
    }


class Command(BaseCommand):
    help = (
        "Satu foto JPEG 12 megapiksel: hash, EXIF, hash perseptual, salinan tampilan, gambar kecil."
    )

    def add_arguments(self, parser):
        parser.add_argument("--child", help="(internal) measure one file in this process")

    def handle(self, *args, **opts):
        if opts["child"]:
            self.stdout.write(json.dumps(measure_child(Path(opts["child"]))))
            return
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "12mp.jpg"
            phone_jpeg(path)
            out = subprocess.run(
                [sys.executable, "manage.py", "bench_photo", "--child", str(path)],
                capture_output=True,
                text=True,
                check=True,
                cwd=settings.BASE_DIR,
            )
        m = json.loads(out.stdout.strip().splitlines()[-1])
        ok = m["seconds"] <= TARGET_SECONDS and m["peak_mb"] <= TARGET_MB
        self.stdout.write(
            f"JPEG {m['size'][0]}×{m['size'][1]} ({m['size'][0] * m['size'][1] / 1e6:.0f} MP), "
            f"{m['bytes'] / 2**20:.1f} MB: {m['seconds']:.2f} s, RSS puncak {m['peak_mb']:.0f} MB "
            f"(awal {m['baseline_mb']:.0f} MB, proses Django utuh); salinan tampilan "
            f"{m['display'] / 1024:.0f} KB, gambar kecil {m['thumbnail'] / 1024:.0f} KB; target "
            f"≤ {TARGET_SECONDS:.0f} s dan ≤ {TARGET_MB:.0f} MB: "
            + ("terpenuhi" if ok else "TIDAK terpenuhi")
        )
