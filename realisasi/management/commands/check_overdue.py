import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from realisasi.services.alerts import check_overdue


class Command(BaseCommand):
    help = "Periksa laporan triwulan yang mendekati/melewati batas dan kirim peringatan (layanan yang sama dengan tugas harian)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of",
            dest="as_of",
            help="Tanggal pemeriksaan YYYY-MM-DD (default: sekarang, per zona waktu daerah).",
        )

    def handle(self, *args, as_of=None, **opts):
        try:
            date = dt.date.fromisoformat(as_of) if as_of else None
        except ValueError as exc:
            raise CommandError("Format --as-of harus YYYY-MM-DD.") from exc
        run = check_overdue(as_of=date)
        self.stdout.write(
            f"Peringatan baru: {run.raised}; selesai: {run.resolved}; email terkirim: {run.emails}; "
            f"peringatan terbuka: {len(run.open_alerts)}."
        )
