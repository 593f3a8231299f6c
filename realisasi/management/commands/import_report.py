"""Import one quarterly report workbook through the same service as the upload page."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from dakmonev.errors import DomainError
from realisasi.services.imports import report_import


class Command(BaseCommand):
    help = (
        "Impor laporan realisasi triwulan (.xlsx). Keluar 0 bila diterima/duplikat, 1 bila ditolak."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--actor", required=True, help="username yang mengunggah")
        parser.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
        parser.add_argument("--submit", action="store_true", help="langsung ajukan versi baru")
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args, **opts):
        path = Path(opts["path"])
        try:
            actor = User.objects.get(username=opts["actor"], is_active=True)
        except User.DoesNotExist as exc:
            raise CommandError(f"Pengguna '{opts['actor']}' tidak ditemukan.") from exc
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas tidak dapat dibaca: {exc}") from exc
        try:
            outcome = report_import(
                actor=actor,
                name=path.name,
                data=data,
                dry_run=opts["dry_run"],
                submit=opts["submit"],
                limited=False,  # run on the server by an operator, not by a person's browser
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        result = outcome.as_json()
        if opts["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            self._human(outcome, result)
        if not result["ok"]:
            raise SystemExit(1)

    def _human(self, outcome, result) -> None:
        status = outcome.upload.get_status_display()
        line = f"{outcome.upload.original_name}: {status}"
        if result["report_id"]:
            line += f" — laporan #{result['report_id']} versi {result['version']}"
        self.stdout.write(line)
        for kind, issues in (("KESALAHAN", result["errors"]), ("peringatan", result["warnings"])):
            for i in issues:
                where = f"baris {i['row']}" if i["row"] else "-"
                self.stdout.write(
                    f"  {kind} [{where}, {i['column'] or '-'}] {i['value']!s}: {i['message']}"
                )
