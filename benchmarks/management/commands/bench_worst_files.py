"""`manage.py bench_worst_files`: parse + highlighted-error workbook of the worst report files
within the upload limits, each in a fresh process; time and peak RSS against ≤ 5 s, ≤ 300 MB."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from benchmarks import worst_files


class Command(BaseCommand):
    help = (
        "Berkas laporan terburuk dalam batas unggah: waktu parse + berkas kesalahan, memori puncak."
    )

    def add_arguments(self, parser):
        parser.add_argument("--child", help="(internal) measure one file in this process")

    def handle(self, *args, **opts):
        if opts["child"]:
            self.stdout.write(json.dumps(worst_files.measure_child(Path(opts["child"]))))
            return

        def n(x: int) -> str:
            return f"{x:,}".replace(",", ".")

        self.stdout.write(
            f"Batas: {settings.DAK_UPLOAD_MAX_BYTES / 2**20:.0f} MB berkas, "
            f"{n(settings.DAK_UPLOAD_MAX_ROWS)} baris, {n(settings.DAK_UPLOAD_MAX_CELLS)} sel, "
            f"{settings.DAK_UPLOAD_MAX_UNCOMPRESSED_BYTES / 2**20:.0f} MB isi, "
            f"{settings.DAK_UPLOAD_MAX_COLUMNS} kolom dibaca"
        )
        self.stdout.write(
            f"{'berkas':<16}{'MB':>6}{'kesalahan':>10}{'parse s':>9}{'xlsx s':>8}{'total s':>9}"
            f"{'RSS MB':>8}{'awal':>6}  keterangan"
        )
        worst_s = worst_mb = 0.0
        with tempfile.TemporaryDirectory() as tmp:
            for shape in worst_files.shapes():
                path = Path(tmp) / f"{shape.name.replace(' ', '_')}.xlsx"
                worst_files.write(shape, path)
                m = worst_files.measure(path)
                total = m["parse_s"] + m["workbook_s"]
                worst_s, worst_mb = max(worst_s, total), max(worst_mb, m["peak_mb"])
                note = shape.what + (" — DITOLAK utuh" if m["rejected_whole"] else "")
                self.stdout.write(
                    f"{shape.name:<16}{m['bytes'] / 2**20:>6.1f}{m['errors']:>10}"
                    f"{m['parse_s']:>9.2f}{m['workbook_s']:>8.2f}{total:>9.2f}"
                    f"{m['peak_mb']:>8.0f}{m['baseline_mb']:>6.0f}  {note}"
                )
        ok = worst_s <= worst_files.TARGET_SECONDS and worst_mb <= worst_files.TARGET_MB
        self.stdout.write(
            f"Terburuk: {worst_s:.2f} s, {worst_mb:.0f} MB RSS puncak (proses Django utuh); target "
            f"≤ {worst_files.TARGET_SECONDS:.0f} s dan ≤ {worst_files.TARGET_MB:.0f} MB: "
            + ("terpenuhi" if ok else "TIDAK terpenuhi")
        )
