import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.services import users_import


class Command(BaseCommand):
    help = "Impor banyak pengguna dari CSV: username,role,region,password,email (semua atau tidak sama sekali)"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--update", action="store_true")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        path = Path(opts["path"])
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        result = users_import(actor=None, content=path.read_bytes(), update=opts["update"])
        if opts["json"]:
            self.stdout.write(json.dumps(result.__dict__, ensure_ascii=False))
        elif result.ok:
            self.stdout.write(
                self.style.SUCCESS(f"{result.created} dibuat, {result.updated} diperbarui.")
            )
        else:
            for e in result.errors:
                self.stderr.write(f"Baris {e['row']}, kolom {e['column']}: {e['message']}")
        if not result.ok:
            raise SystemExit(1)
