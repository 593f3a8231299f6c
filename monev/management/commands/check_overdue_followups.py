import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from monev.services.alerts import check_overdue_followups


class Command(BaseCommand):
    help = "Periksa tindak lanjut temuan yang melewati batas dan kirim peringatan (layanan yang sama dengan tugas harian)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of", dest="as_of", help="Tanggal pemeriksaan YYYY-MM-DD (default: hari ini)."
        )

    def handle(self, *args, as_of=None, **opts):
        try:
            date = dt.date.fromisoformat(as_of) if as_of else None
        except ValueError as exc:
            raise CommandError("Format --as-of harus YYYY-MM-DD.") from exc
        run = check_overdue_followups(date)
        self.stdout.write(
            f"Peringatan tindak lanjut baru/dibuka lagi: {run.raised}; selesai: {run.resolved}; "
            f"terbuka: {len(run.open_alerts)}."
        )
