"""Load reference data and the demo of every app. Idempotent: run it as often as you like."""

from django.core.management.base import BaseCommand

from allocations.services.reference import reference_data_load
from dakmonev import figures_version
from demo import accounts, allocations, monev, photos, realisasi, targets


class Command(BaseCommand):
    help = "Muat data referensi (wilayah, menu, kode masalah) dan data demo semua modul."

    def handle(self, *args, **opts):
        ref = reference_data_load()
        self.stdout.write(
            f"Data referensi: {ref.provinces} provinsi, {ref.kabkota} kabupaten/kota, "
            f"{ref.menus} menu kegiatan, {ref.problem_codes} kode masalah, "
            f"{ref.holidays_added} hari libur baru."
        )
        logins = accounts.seed()
        actor = accounts.demo_actor()
        # Each demo builds on the ones before it.
        for app_demo in (allocations, targets, realisasi, photos, monev):
            app_demo.seed(actor=actor, stdout=self.stdout)
        photos.seed_field_photos(actor=actor, stdout=self.stdout)
        figures_version.bump()  # the demos write allocations, RK lines and reports in bulk
        self.stdout.write(
            self.style.SUCCESS(
                f"\nLogin demo (kata sandi sama untuk semua): {accounts.DEMO_PASSWORD}"
            )
        )
        for username, role, region in logins:
            self.stdout.write(f"  {username:<20} {role:<12} {region}")
        self.stdout.write(
            "Buka http://127.0.0.1:8000/ (data demo bertanda sintetis kecuali angka nasional yang dipublikasikan)."
        )
