"""`python manage.py bench` (or `make bench`): generate national-scale data and print figures.

Sections, one table each: (1) bulk RK import vs django-import-export vs bare parse, (2) quarter-end
surge of 514 reports and (4) peak memory of a 5,000-line report import, (3) pages and API:
median/p95 server time and SQL queries at 50 and 514 regions, (5) the worst report files within
the upload limits (benchmarks/worst_files.py), (6) one 12-megapixel photo (bench_photo). Benchmark data lives in TAs far
from real ones (2040–2050, 2090+, 2099) and is removed at the end (and before starting, in case an
earlier run was interrupted) unless --keep.
"""

from __future__ import annotations

import os
import platform
import time

import django
from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client

from accounts.models import User
from accounts.roles import Role
from allocations.models import Region
from allocations.services.reference import reference_data_load
from benchmarks import datagen
from benchmarks.pages import measure, page_targets

BENCH_USERS = {"bench.ditjen": Role.DITJEN, "bench.dinas": Role.DINAS}


def machine_facts() -> str:
    """Cores, CPU model, memory, load, Python/Django and database version: what the figures depend on."""
    cpu = platform.processor() or platform.machine()
    mem = ""
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next(
                (line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu
            )
        with open("/proc/meminfo") as fh:
            mem = f", RAM {int(fh.readline().split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SHOW server_version")
            db = f"PostgreSQL {cur.fetchone()[0]}"
    else:
        db = f"{connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else ''}"
    load = "/".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"Mesin: {os.cpu_count()} core, {cpu}{mem}; load average {load}\n"
        f"Perangkat lunak: Python {platform.python_version()}, Django {django.get_version()}, {db} "
        f"(basis data {settings.DATABASES['default'].get('NAME')}), cache "
        f"{settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}"
    )


class Command(BaseCommand):
    help = "Benchmark yang dapat diulang: impor RK, lonjakan akhir triwulan, halaman/API, memori."

    def add_arguments(self, parser):
        parser.add_argument("--regions", type=int, default=514)
        parser.add_argument("--small-regions", type=int, default=50)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--lines", type=int, default=20, help="RK lines per region")
        parser.add_argument("--repeat", type=int, default=30, help="timed requests per page")
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="import worker processes of the surge (bench_reports), one per core by default",
        )
        parser.add_argument(
            "--only", choices=["rk", "surge", "pages", "worst", "photo"], action="append"
        )
        parser.add_argument("--keep", action="store_true", help="keep the generated page data")

    def handle(self, *args, **opts):
        only = set(opts["only"] or ["rk", "surge", "pages", "worst", "photo"])
        started = time.perf_counter()
        self.stdout.write(machine_facts())
        if not Region.objects.exists():
            reference_data_load()
        if "rk" in only and "bench_rk_import" in get_commands():
            self._section(
                "1. Bulk RK import (10.000 baris): target ≥ 10× lebih cepat dari bawaan, ≤ 2× parse"
            )
            call_command("bench_rk_import", stdout=self.stdout)
        if "surge" in only and "bench_reports" in get_commands():
            self._section(
                f"2+4. Lonjakan akhir triwulan ({opts['regions']} laporan × {opts['lines']} baris) "
                "dan memori laporan 5.000 baris"
            )
            call_command(
                "bench_reports",
                regions=opts["regions"],
                lines=opts["lines"],
                workers=opts["workers"],
                stdout=self.stdout,
            )
        if "pages" in only:
            self._section(
                "3. Halaman dan API: waktu server (ms) dan jumlah query SQL per permintaan"
            )
            self._pages(opts)
        if "worst" in only:
            self._section(
                "5. Berkas laporan terburuk dalam batas unggah: parse + berkas kesalahan "
                "(target ≤ 5 s, ≤ 300 MB)"
            )
            call_command("bench_worst_files", stdout=self.stdout)
        if "photo" in only:
            self._section(
                "6. Satu foto JPEG 12 megapiksel: SHA-256, EXIF, hash perseptual, salinan "
                "tampilan, gambar kecil (target ≤ 1 s, ≤ 300 MB)"
            )
            call_command("bench_photo", stdout=self.stdout)
        self.stdout.write(f"\nSelesai dalam {time.perf_counter() - started:.0f} s.")

    def _section(self, title: str) -> None:
        self.stdout.write("\n" + title + "\n" + "-" * len(title))

    def _pages(self, opts) -> None:
        big_years = datagen.bench_years(opts["years"])
        small_year = datagen.BENCH_FIRST_YEAR
        all_years = [small_year, *big_years]
        datagen.cleanup(all_years)
        start = time.perf_counter()
        small = datagen.generate(
            regions=opts["small_regions"], years=[small_year], lines_per_region=opts["lines"]
        )
        big = datagen.generate(
            regions=opts["regions"], years=big_years, lines_per_region=opts["lines"]
        )
        made = time.perf_counter() - start
        start = time.perf_counter()
        datagen.refresh_snapshots(all_years)
        if connection.vendor == "postgresql":
            with (
                connection.cursor() as cur
            ):  # fresh statistics, as autovacuum keeps them on a live database
                cur.execute("ANALYZE")
        self.stdout.write(
            f"Data: {big.regions} wilayah × {len(big_years)} TA × 4 TW × {opts['lines']} baris = "
            f"{big.lines:_} baris laporan (+{small.lines:_} untuk {small.regions} wilayah, TA {small_year}); "
            f"dibuat dalam {made:.0f} s, snapshot penyerapan {time.perf_counter() - start:.0f} s".replace(
                "_", "."
            )
        )
        region = Region.objects.kabkota().order_by("code").first()
        try:
            clients = self._clients(region)
            rows = []
            # Pages are rendered per request; absorption figures come from the figures cache
            # when REDIS_URL is set (as in production), else they are computed every time.
            for year, n in ((small_year, small.regions), (big_years[-1], big.regions)):
                for t in page_targets(year, region.province_code, region.code):
                    rows.append(
                        measure(
                            clients[t.as_dinas],
                            t.label,
                            t.url,
                            regions=n,
                            repeat=opts["repeat"] if t.timed else 0,
                        )
                    )
            self._table(rows, opts["small_regions"], opts["regions"])
        finally:
            if not opts["keep"]:
                datagen.cleanup(all_years)
                User.objects.filter(username__in=BENCH_USERS).delete()

    def _clients(self, region: Region) -> dict[bool, Client]:
        clients = {}
        for username, role in BENCH_USERS.items():
            user, _ = User.objects.update_or_create(
                username=username,
                defaults={"role": role, "region": region if role == Role.DINAS else None},
            )
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            clients[role == Role.DINAS] = client
        return clients

    def _table(self, rows, small: int, big: int) -> None:
        by = {(r.name, r.regions): r for r in rows}
        names = list(dict.fromkeys(r.name for r in rows))
        self.stdout.write(
            f"{'halaman / API':<26}{'query':>7}{'query':>7}{'median':>9}{'p95':>8}{'median':>9}"
            f"{'p95':>8}{'HTTP':>6}"
        )
        self.stdout.write(
            f"{'':<26}{f'@{small}':>7}{f'@{big}':>7}{f'@{small}':>9}{f'@{small}':>8}"
            f"{f'@{big}':>9}{f'@{big}':>8}{'':>6}"
        )
        for name in names:
            s, b = by[(name, small)], by[(name, big)]
            timed = s.median_ms > 0
            times = (
                f"{s.median_ms:>9.1f}{s.p95_ms:>8.1f}{b.median_ms:>9.1f}{b.p95_ms:>8.1f}"
                if timed
                else f"{'-':>9}{'-':>8}{'-':>9}{'-':>8}"
            )
            flag = "" if s.queries == b.queries and b.queries <= 12 else "  ← beda/> 12"
            status = f"{s.status}" if s.status == b.status else f"{s.status}/{b.status}"
            self.stdout.write(f"{name:<26}{s.queries:>7}{b.queries:>7}{times}{status:>6}{flag}")
        self.stdout.write(
            "Query: semua permintaan, termasuk pengguna yang masuk (sesi dari cache). "
            "Waktu: klien uji Django (middleware, sesi, template), tanpa jaringan, "
            "setiap halaman dirender ulang; angka penyerapan dari cache angka bila REDIS_URL diisi. "
            "Target: ≤ 12 query dan sama di kedua ukuran; dasbor p95 ≤ 150 ms."
        )
