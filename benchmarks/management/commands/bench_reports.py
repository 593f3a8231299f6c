"""Benchmark of the quarterly-report import (issue 4/10), rerunnable and self-cleaning.

    python manage.py bench_reports [--regions 514] [--lines 20] [--big-lines 5000]

1. Surge: one report per region (RK lines created for the benchmark in a throwaway TA), each
   processed end to end through the real service (receive → parse → check → store → submit →
   absorption snapshots refreshed), compared with a bare openpyxl read-only parse of the same
   files. Target: ≤ 3 × bare parse. The refreshes of a surge are coalesced
   (`absorption_recompute_batch`): the time includes the one refresh at the end, after which the
   snapshots equal a fresh computation.
2. Memory: a subprocess imports one report of `--big-lines` lines and reports its peak
   (tracemalloc peak of Python allocations and the process's max RSS). Target: ≤ 150 MB.

Everything the benchmark creates (TA, allocations, RK lines, reports, uploads and their files,
history rows, the bench user) is deleted afterwards.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction
from openpyxl import Workbook

from accounts.models import User
from accounts.roles import Role
from allocations.models import ActivityMenu, Allocation, FiscalYear, PlannedActivity, Region
from benchmarks.floor import bare_parse
from dakmonev.quarters import Quarter
from realisasi.models import AbsorptionSnapshot, Alert, QuarterlyReport, ReportLine, ReportUpload
from realisasi.services.absorption import absorption_recompute_batch, absorption_recompute_schedule
from realisasi.services.imports import report_import

BENCH_USER = "bench.reports"
HEADERS = [
    "No",
    "Kode Kegiatan",
    "Uraian Kegiatan",
    "Pagu (Rp)",
    "Nilai Kontrak (Rp)",
    "Status Pengadaan",
    "Realisasi Keuangan (Rp)",
    "Realisasi Fisik (%)",
    "Tenaga Kerja",
    "Kode Masalah",
    "Keterangan",
]
LINE_PAGU = Decimal("100000000")


def make_report(region: Region, year: int, quarter: int, n_lines: int) -> bytes:
    """A realistic filled report (Indonesian text numbers mixed with numeric cells)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Laporan")
    for row in (
        ["Kode Wilayah", region.code],
        ["Nama Daerah", region.name],
        ["Tahun Anggaran", year],
        ["Triwulan", Quarter(quarter).label],
        ["Tanggal Laporan", "10/07/2024"],
        [],
    ):
        ws.append(row)
    ws.append(HEADERS)
    for i in range(1, n_lines + 1):
        financial = 10_000_000 + (i * 7919) % 50_000_000
        ws.append(
            [
                i,
                f"BR-{i:04d}",
                f"Kegiatan benchmark {i}",
                100_000_000,
                "95.000.000",
                "Pelaksanaan",
                financial if i % 2 else f"{financial:,}".replace(",", "."),
                40 + i % 30,
                5 + i % 20,
                "9" if i % 5 == 0 else None,
                None,
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


class Command(BaseCommand):
    help = "Benchmark impor laporan triwulan: 514 laporan ujung ke ujung dan memori laporan 5.000 baris."

    def add_arguments(self, parser):
        parser.add_argument("--regions", type=int, default=514)
        parser.add_argument("--lines", type=int, default=20)
        parser.add_argument("--big-lines", type=int, default=5000)
        parser.add_argument("--skip-memory", action="store_true")
        parser.add_argument(
            "--only-surge",
            action="store_true",
            help="only the surge (no memory run): what `loadtest` runs beside its requests",
        )
        parser.add_argument(
            "--max-seconds",
            type=float,
            default=None,
            help="stop starting new imports after this many seconds (then clean up as usual)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="import with N processes (own DB connection each), as N Celery prefork workers would",
        )
        parser.add_argument("--memory-child", help=argparse_hidden())
        parser.add_argument("--actor", help=argparse_hidden())

    def handle(self, *args, **opts):
        if opts["memory_child"]:
            return self._memory_child(Path(opts["memory_child"]), opts["actor"])
        if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            self.stderr.write(
                "Catatan: SQLite; ukur di PostgreSQL (DATABASE_URL) untuk angka yang berarti."
            )
        regions = list(Region.objects.kabkota().order_by("code")[: opts["regions"]])
        if len(regions) < opts["regions"]:
            raise CommandError(
                "Data wilayah belum dimuat (jalankan seed_demo atau reference data)."
            )
        year = self._free_year()
        actor = User.objects.create(username=BENCH_USER, role=Role.DITJEN, is_active=True)
        try:
            self._run(actor, regions, year, opts)
        finally:
            self._cleanup(actor, [year, year + 1])

    # -- phases --------------------------------------------------------------------------------
    def _run(self, actor, regions, year, opts) -> None:
        n_lines = opts["lines"]
        t0 = time.perf_counter()
        self._make_rk(regions, year, n_lines)
        files = [(f"{r.code}.xlsx", make_report(r, year, 2, n_lines)) for r in regions]
        self.stdout.write(
            f"Persiapan: {len(files)} berkas × {n_lines} baris dalam {time.perf_counter() - t0:.1f} s"
        )

        t0, c0 = time.perf_counter(), time.process_time()
        for _, data in files:
            bare_parse(data)
        bare, bare_cpu = time.perf_counter() - t0, time.process_time() - c0

        deadline = None if opts["max_seconds"] is None else time.monotonic() + opts["max_seconds"]
        t0, c0 = time.perf_counter(), _cpu_with_children()
        done, rejected = self._surge(actor, files, opts["workers"], deadline)
        total, total_cpu = time.perf_counter() - t0, _cpu_with_children() - c0
        if rejected:
            raise CommandError(f"{rejected} laporan ditolak; benchmark tidak sah.")
        stored = ReportLine.objects.filter(report__fiscal_year__year=year).count()
        snapshots = AbsorptionSnapshot.objects.filter(fiscal_year__year=year).count()
        if done == len(files):
            bare_done, bare_cpu_done = bare, bare_cpu
        else:  # stopped early (--max-seconds): compare with the parse of the files imported
            bare_done, bare_cpu_done = bare * done / len(files), bare_cpu * done / len(files)
        w = opts["workers"]
        self.stdout.write(f"{'langkah':<52}{'detik':>8}{'CPU s':>8}{'laporan/s':>11}{'rasio':>8}")
        self.stdout.write(
            f"{'parse openpyxl read-only saja (lantai)':<52}{bare_done:>8.2f}{bare_cpu_done:>8.2f}"
            f"{done / bare_done:>11.1f}{'1.00×':>8}"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{f'lonjakan ujung ke ujung, {w} pekerja (target ≤ 3×)':<52}{total:>8.2f}{total_cpu:>8.2f}"
                f"{done / total:>11.1f}{f'{total / bare_done:.2f}×':>8}"
            )
        )
        # The machine may be shared: CPU time (this process and its workers) is the steadier
        # comparison (it leaves out PostgreSQL's own work and the commit's fsync).
        self.stdout.write(
            f"{done} laporan diajukan ({stored} baris), {snapshots} snapshot penyerapan segar; "
            f"rasio CPU {total_cpu / bare_cpu_done:.2f}×; load average {os.getloadavg()[0]:.2f}"
        )
        if not (opts["skip_memory"] or opts["only_surge"]):
            self._memory(actor, regions[0], year + 1, opts["big_lines"])

    def _surge(self, actor, files, workers: int, deadline: float | None) -> tuple[int, int]:
        """Import and submit every file (until `deadline`), in `workers` processes as Celery's
        prefork workers would; the TA's absorption snapshots are refreshed once, after the last
        report (what the debounced refresh task does during a surge)."""
        with absorption_recompute_batch():
            if workers <= 1:
                outcomes = [_import_one(actor.pk, name, data, deadline) for name, data in files]
            else:
                connections.close_all()  # each forked worker opens its own connection
                with ProcessPoolExecutor(
                    max_workers=workers, mp_context=multiprocessing.get_context("fork")
                ) as pool:
                    outcomes = list(
                        pool.map(
                            _import_one,
                            [actor.pk] * len(files),
                            [n for n, _ in files],
                            [d for _, d in files],
                            [deadline] * len(files),
                            chunksize=8,
                        )
                    )
            years = {year for year in outcomes if year not in (None, False)}
            for year in years:
                absorption_recompute_schedule(
                    year=year
                )  # inside the batch: marks it for the one refresh
        done = [o for o in outcomes if o is not None]
        return len(done), sum(1 for o in done if o is False)

    def _memory(self, actor, region, year, n_lines) -> None:
        self._make_rk([region], year, n_lines)
        data = make_report(region, year, 1, n_lines)
        with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as fh:
            fh.write(data)
            path = fh.name
        try:
            cmd = [
                sys.executable,
                "manage.py",
                "bench_reports",
                "--memory-child",
                path,
                "--actor",
                actor.username,
            ]
            proc = subprocess.run(
                cmd,
                cwd=settings.BASE_DIR,
                capture_output=True,
                text=True,
                check=False,
                env={**os.environ},
            )
        finally:
            os.unlink(path)
        if proc.returncode != 0:
            raise CommandError(f"Subproses memori gagal:\n{proc.stderr[-3000:]}")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        self.stdout.write(
            self.style.SUCCESS(
                f"Memori: laporan {n_lines} baris ({len(data) / 1024:.0f} KB) diimpor dalam {result['seconds']:.2f} s; "
                f"puncak alokasi Python {result['tracemalloc_peak_mb']:.1f} MB (tracemalloc), "
                f"RSS maks proses {result['maxrss_mb']:.1f} MB (awal {result['baseline_rss_mb']:.1f} MB; target ≤ 150 MB)"
            )
        )

    def _memory_child(self, path: Path, username: str) -> None:
        actor = User.objects.get(username=username)
        data = path.read_bytes()
        baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        tracemalloc.start()
        t0 = time.perf_counter()
        outcome = report_import(actor=actor, name=path.name, data=data, limited=False)
        seconds = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        if not outcome.ok:
            raise CommandError(json.dumps(outcome.as_json()["errors"][:5], ensure_ascii=False))
        self.stdout.write(
            json.dumps(
                {
                    "seconds": seconds,
                    "tracemalloc_peak_mb": peak / (1024 * 1024),
                    "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                    "baseline_rss_mb": baseline,
                    "lines": outcome.report.lines.count(),
                }
            )
        )

    # -- data ------------------------------------------------------------------------------------
    def _free_year(self) -> int:
        used = set(FiscalYear.objects.values_list("year", flat=True))
        for year in range(2090, 2099):
            if year not in used and year + 1 not in used:
                return year
        raise CommandError("Tidak ada TA kosong 2090–2099 untuk benchmark.")

    @transaction.atomic
    def _make_rk(self, regions, year, n_lines) -> None:
        fiscal_year, _ = FiscalYear.objects.get_or_create(
            year=year, defaults={"notes": "benchmark (dihapus)"}
        )
        menu = ActivityMenu.objects.order_by("order").first() or ActivityMenu.objects.create(
            code="MESIN_PERALATAN", name="Pengadaan mesin dan peralatan"
        )
        allocations = Allocation.objects.bulk_create(
            [
                Allocation(
                    region=r, fiscal_year=fiscal_year, pagu=LINE_PAGU * n_lines, is_synthetic=True
                )
                for r in regions
            ]
        )
        PlannedActivity.objects.bulk_create(
            [
                PlannedActivity(
                    allocation=a,
                    code=f"BR-{i:04d}",
                    menu=menu,
                    description=f"Kegiatan benchmark {i}",
                    pagu=LINE_PAGU,
                )
                for a in allocations
                for i in range(1, n_lines + 1)
            ],
            batch_size=5000,
        )

    def _cleanup(self, actor, years) -> None:
        # Raw deletes: a benchmark's throwaway rows need no per-row signals or history.
        reports = QuarterlyReport.objects.filter(fiscal_year__year__in=years)
        uploads = ReportUpload.objects.filter(uploaded_by=actor)
        for upload in uploads.only("original"):
            upload.original.delete(save=False)
        with transaction.atomic():
            report_ids = list(reports.values_list("pk", flat=True))
            AbsorptionSnapshot.objects.filter(fiscal_year__year__in=years).delete()
            Alert.objects.filter(fiscal_year__year__in=years).delete()
            uploads._raw_delete(uploads.db)
            lines = ReportLine.objects.filter(report_id__in=report_ids)
            lines._raw_delete(lines.db)
            QuarterlyReport.history.filter(id__in=report_ids).delete()
            reports._raw_delete(reports.db)
            activities = PlannedActivity.objects.filter(allocation__fiscal_year__year__in=years)
            activities._raw_delete(activities.db)
            allocations = Allocation.objects.filter(fiscal_year__year__in=years)
            Allocation.history.filter(fiscal_year__year__in=years).delete()
            allocations._raw_delete(allocations.db)
            FiscalYear.history.filter(year__in=years).delete()
            FiscalYear.objects.filter(year__in=years)._raw_delete(FiscalYear.objects.db)
            User.history.filter(id=actor.pk).delete()
            User.objects.filter(pk=actor.pk)._raw_delete(User.objects.db)
        self.stdout.write("Data benchmark dihapus.")


def _cpu_with_children() -> float:
    """CPU seconds of this process and of its finished worker processes."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _import_one(actor_id: int, name: str, data: bytes, deadline: float | None) -> int | bool | None:
    """One report through the real service, submitted: its TA, False if rejected, None if past the deadline."""
    if deadline is not None and time.monotonic() > deadline:
        return None
    outcome = report_import(
        actor=User.objects.get(pk=actor_id), name=name, data=data, submit=True, limited=False
    )
    return outcome.report.fiscal_year.year if outcome.ok else False


def argparse_hidden():
    import argparse

    return argparse.SUPPRESS
