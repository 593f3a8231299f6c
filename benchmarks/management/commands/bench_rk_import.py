"""`bench_rk_import [--rows 10000]` — time the RK import against django-import-export's default path.

Generates an RK workbook of N lines over a throw-away TA, then measures on the configured
database (run it with DATABASE_URL pointing at PostgreSQL):

1. the bare openpyxl read-only parse of the file (the floor: no import can be faster),
2. this project's import (`rk_import`: safe open, parse, validate, bulk writes with history),
3. django-import-export's default configuration of the same resource on the same file
   (`PlannedActivityResource.import_data`, row by row).

Everything runs inside one transaction that is rolled back, so the database is left as it was.
"""

from __future__ import annotations

import io
import time
from decimal import Decimal

import openpyxl
import tablib
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from accounts.models import User
from accounts.roles import Role
from allocations.models import ActivityMenu, Allocation, PlannedActivity, Region
from allocations.resources import PlannedActivityResource
from allocations.services.fiscal_years import fiscal_year_create
from allocations.services.imports import rk_import
from allocations.services.reference import reference_data_load
from benchmarks.floor import bare_parse

HEADERS = [
    "tahun",
    "kode_wilayah",
    "kode_kegiatan",
    "menu",
    "uraian",
    "sentra",
    "volume",
    "satuan",
    "pagu",
]
YEAR = 2099
LINES_PER_REGION = 20


class _Rollback(Exception):
    pass


def build_workbook(rows: int, region_codes: list[str], menus: list[str]) -> bytes:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("RK")
    ws.append(HEADERS)
    for i in range(rows):
        region = region_codes[i % len(region_codes)]
        ws.append(
            [
                YEAR,
                region,
                f"RK-{i // len(region_codes) + 1:03d}",
                menus[i % len(menus)],
                f"Kegiatan uji {i + 1}",
                None,
                1 + i % 9,
                "unit",
                10_000_000 + (i % 97) * 1000,
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


class Command(BaseCommand):
    help = "Ukur impor RK (proyek ini vs django-import-export bawaan vs parse openpyxl); data dibatalkan (rollback)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument(
            "--skip-default",
            action="store_true",
            help="Lewati jalur bawaan django-import-export (lambat)",
        )

    def handle(self, *args, rows: int, skip_default: bool = False, **opts):
        try:
            with transaction.atomic():
                self._run(rows, skip_default)
                raise _Rollback
        except _Rollback:
            pass
        self.stdout.write("Data uji dibatalkan (rollback); basis data tidak berubah.")

    def _prepare(self, rows: int):
        if not Region.objects.exists():
            reference_data_load()
        actor = User.objects.create(username="bench-rk-import", role=Role.DITJEN)
        fy = fiscal_year_create(actor=actor, year=YEAR)
        regions = list(
            Region.objects.kabkota().order_by("code")[: max(1, -(-rows // LINES_PER_REGION))]
        )
        Allocation.objects.bulk_create(
            [Allocation(region=r, fiscal_year=fy, pagu=Decimal("1000000000000")) for r in regions]
        )
        menus = list(ActivityMenu.objects.values_list("code", flat=True))
        return actor, build_workbook(rows, [r.code for r in regions], menus)

    def _measure(self, fn):
        sid = transaction.savepoint()
        queries = [0]

        def count(execute, sql, params, many, context):
            queries[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            start = time.perf_counter()
            result = fn()
            elapsed = time.perf_counter() - start
        stored = PlannedActivity.objects.filter(allocation__fiscal_year__year=YEAR).count()
        transaction.savepoint_rollback(sid)
        return elapsed, queries[0], stored, result

    def _run(self, rows: int, skip_default: bool) -> None:
        actor, data = self._prepare(rows)
        self.stdout.write(
            f"Basis data: {connection.vendor}; berkas {len(data) / 1024:.0f} KB, {rows} baris RK."
        )
        floor, _, _, parsed = self._measure(lambda: bare_parse(data))
        ours, our_q, our_n, outcome = self._measure(
            lambda: rk_import(actor=actor, name="bench.xlsx", data=data, max_rows=rows + 10)
        )
        if not outcome.ok:
            self.stderr.write(f"Impor proyek ditolak: {outcome.errors[:3]}")
        table = [
            ("openpyxl read-only parse (lantai)", floor, 0, parsed - 1),
            ("proyek ini: rk_import (bulk)", ours, our_q, our_n),
        ]
        if not skip_default:

            def default():
                dataset = tablib.Dataset().load(data, format="xlsx")
                return PlannedActivityResource().import_data(dataset, dry_run=False)

            base, base_q, base_n, result = self._measure(default)
            if result.has_errors() or result.has_validation_errors():
                self.stderr.write("Jalur bawaan melaporkan galat pada sebagian baris.")
            table.append(("django-import-export bawaan", base, base_q, base_n))
        self._print(table, rows, floor, ours)

    def _print(self, table, rows: int, floor: float, ours: float) -> None:
        self.stdout.write(
            f"{'jalur':<36} {'detik':>8} {'kueri':>8} {'kueri/baris':>12} {'tersimpan':>10}"
        )
        for name, seconds, queries, stored in table:
            self.stdout.write(
                f"{name:<36} {seconds:>8.2f} {queries:>8} {queries / rows:>12.3f} {stored:>10}"
            )
        self.stdout.write(f"proyek ÷ parse openpyxl: {ours / floor:.2f}×")
        if len(table) > 2:
            self.stdout.write(f"bawaan ÷ proyek: {table[2][1] / ours:.1f}× lebih lambat")
