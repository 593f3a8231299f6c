from django.core.management.base import BaseCommand

from realisasi.services.absorption import absorption_snapshots_refresh, years_with_allocations


class Command(BaseCommand):
    help = "Hitung ulang snapshot penyerapan (per daerah, provinsi, nasional) — layanan yang sama dengan tugas malam."

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, help="Tahun anggaran (default: semua TA yang punya alokasi)."
        )

    def handle(self, *args, year=None, **opts):
        years = [year] if year else years_with_allocations()
        for y in years:
            count = absorption_snapshots_refresh(year=y)
            self.stdout.write(f"TA {y}: {count} snapshot.")
