"""Load reference data and the demo of every app. Idempotent: run it as often as you like."""

from importlib import import_module

from django.core.management.base import BaseCommand

from accounts import demo as accounts_demo
from allocations.services.reference import reference_data_load
from dakmonev import figures_version

# Order matters: each app's demo builds on the ones before it.
APP_DEMOS = ("allocations.demo", "realisasi.demo", "monev.demo")


class Command(BaseCommand):
    help = "Muat data referensi (wilayah, menu, kode masalah) dan data demo semua modul."

    def handle(self, *args, **opts):
        ref = reference_data_load()
        self.stdout.write(
            f"Data referensi: {ref.provinces} provinsi, {ref.kabkota} kabupaten/kota, "
            f"{ref.menus} menu kegiatan, {ref.problem_codes} kode masalah."
        )
        logins = accounts_demo.seed()
        actor = accounts_demo.demo_actor()
        for module_name in APP_DEMOS:
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            module.seed(actor=actor, stdout=self.stdout)
        figures_version.bump()  # the demos write in bulk, which sends no model signals
        self.stdout.write(
            self.style.SUCCESS(
                f"\nLogin demo (kata sandi sama untuk semua): {accounts_demo.DEMO_PASSWORD}"
            )
        )
        for username, role, region in logins:
            self.stdout.write(f"  {username:<20} {role:<12} {region}")
        self.stdout.write(
            "Buka http://127.0.0.1:8000/ (data demo bertanda sintetis kecuali angka nasional yang dipublikasikan)."
        )
