"""Load (or refresh) the reference data: 38 provinces, 514 kabupaten/kota, menus, problem
codes, and the holiday calendar's years not yet seeded (2016–2035).

Idempotent — production runs it after every migrate (docker-compose's `migrate` service); it
creates no demo data and no accounts (that is `seed_demo`, for development).
"""

from django.core.management.base import BaseCommand

from allocations.services.reference import reference_data_load


class Command(BaseCommand):
    help = "Muat data referensi (wilayah Kemendagri, menu kegiatan, kode masalah, hari libur); aman diulang."

    def handle(self, *args, **opts):
        ref = reference_data_load()
        self.stdout.write(
            f"Data referensi: {ref.provinces} provinsi, {ref.kabkota} kabupaten/kota, "
            f"{ref.menus} menu kegiatan, {ref.problem_codes} kode masalah, "
            f"{ref.holidays_added} hari libur baru."
        )
