"""`python manage.py bench` (or `make bench`): generate national-scale data and print figures.

Sections: (1) bulk RK import vs django-import-export vs bare parse, (2) quarter-end surge of
514 reports, (3) pages and API: median/p95 server time and SQL queries at 50 and 514 regions,
(4) peak memory of a 5,000-line report import. Data lives in benchmark TAs (2040+) and is
removed at the end unless --keep.
"""

from __future__ import annotations

import platform
import time

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


class Command(BaseCommand):
    help = "Benchmark yang dapat diulang: impor RK, lonjakan akhir triwulan, halaman/API, memori."

    def add_arguments(self, parser):
        parser.add_argument("--regions", type=int, default=514)
        parser.add_argument("--small-regions", type=int, default=50)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--lines", type=int, default=20, help="RK lines per region")
        parser.add_argument("--repeat", type=int, default=30, help="requests per page")
        parser.add_argument("--only", choices=["rk", "surge", "pages"], action="append")
        parser.add_argument("--keep", action="store_true", help="keep the generated data")

    def handle(self, *args, **opts):
        only = set(opts["only"] or ["rk", "surge", "pages"])
        self.stdout.write(self._machine())
        if "rk" in only and "bench_rk_import" in get_commands():
            self._section("1. Bulk RK import (10.000 baris)")
            call_command("bench_rk_import", stdout=self.stdout)
        if "surge" in only and "bench_reports" in get_commands():
            self._section("2+4. Lonjakan akhir triwulan (514 laporan) dan memori 5.000 baris")
            call_command("bench_reports", stdout=self.stdout)
        if "pages" in only:
            self._section("3. Halaman dan API: waktu server dan jumlah query")
            self._pages(opts)

    def _machine(self) -> str:
        import os

        return (f"Mesin: {platform.processor() or platform.machine()}, {os.cpu_count()} core, "
                f"Python {platform.python_version()}, basis data {connection.vendor} "
                f"({settings.DATABASES['default'].get('NAME')})")

    def _section(self, title: str) -> None:
        self.stdout.write("\n" + title + "\n" + "-" * len(title))

    def _pages(self, opts) -> None:
        reference_data_load()
        big_years = datagen.bench_years(opts["years"])
        small_year = datagen.BENCH_FIRST_YEAR
        all_years = [small_year, *big_years]
        datagen.cleanup(all_years)
        start = time.perf_counter()
        small = datagen.generate(regions=opts["small_regions"], years=[small_year], lines_per_region=opts["lines"])
        big = datagen.generate(regions=opts["regions"], years=big_years, lines_per_region=opts["lines"])
        self.stdout.write(
            f"Data: {big.regions} wilayah × {len(big_years)} TA × 4 TW × {opts['lines']} baris = "
            f"{big.lines:,} baris laporan (+{small.lines:,} untuk {small.regions} wilayah) "
            f"dibuat dalam {time.perf_counter() - start:.1f} s".replace(",", "."))
        try:
            user, _ = User.objects.get_or_create(username="bench.ditjen", defaults={"role": Role.DITJEN})
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            region = Region.objects.kabkota().order_by("code").first()
            rows = []
            for year, n in ((small_year, small.regions), (big_years[-1], big.regions)):
                for label, url in page_targets(year, region.province_code, region.code):
                    rows.append(measure(client, label, url, regions=n, repeat=opts["repeat"]))
            self.stdout.write(f"{'halaman':<26}{'wilayah':>8}{'median ms':>11}{'p95 ms':>9}{'query':>7}{'HTTP':>6}")
            for r in rows:
                self.stdout.write(f"{r.name:<26}{r.regions:>8}{r.median_ms:>11.1f}{r.p95_ms:>9.1f}{r.queries:>7}{r.status:>6}")
        finally:
            if not opts["keep"]:
                datagen.cleanup(all_years)
                User.objects.filter(username="bench.ditjen").delete()
