"""Shared body of the import commands: read the file, call the service, print, exit 0/1."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from allocations.services.imports import ImportOutcome
from dakmonev.errors import DomainError
from dakmonev.spreadsheet.issues import CellIssue


class ImportCommand(BaseCommand):
    service = None  # set by subclasses: service(*, actor, name, data) -> ImportOutcome
    what = ""

    def add_arguments(self, parser):
        parser.add_argument("path", help="Berkas .xlsx atau .csv")
        parser.add_argument("--actor", required=True, help="Nama pengguna yang melakukan impor")
        parser.add_argument(
            "--json", action="store_true", help="Cetak hasil sebagai satu objek JSON"
        )

    def handle(self, *args, path: str, actor: str, json: bool = False, **opts):
        user = get_user_model().objects.filter(username=actor, is_active=True).first()
        if user is None:
            raise CommandError(f"Pengguna '{actor}' tidak ditemukan atau tidak aktif.")
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        try:
            outcome = self.service(actor=user, name=file.name, data=file.read_bytes())
        except DomainError as exc:  # e.g. a dinas account importing pagu
            outcome = ImportOutcome.file_rejected(exc.message)
        self._print(outcome, as_json=json)
        if not outcome.ok:
            sys.exit(1)

    def _print(self, outcome, *, as_json: bool) -> None:
        if as_json:
            self.stdout.write(_json(outcome.as_dict()))
            return
        for issue in outcome.warnings:
            self.stdout.write(self.style.WARNING(f"Peringatan {_where(issue)}: {issue.message}"))
        for issue in outcome.errors:
            self.stderr.write(self.style.ERROR(f"Galat {_where(issue)}: {issue.message}"))
        if outcome.ok:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{self.what} tersimpan: {outcome.created} baru, {outcome.updated} diperbarui."
                )
            )
        else:
            self.stderr.write(
                f"Berkas ditolak ({len(outcome.errors)} galat); tidak ada yang disimpan."
            )


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False)


def _where(issue: CellIssue) -> str:
    if issue.row is None:
        return "berkas"
    return f"baris {issue.row}" + (f", kolom {issue.column}" if issue.column else "")
