"""`import_rk PATH --actor USERNAME [--json]` — RK lines (EXCEL-FORMATS.md §3)."""

from allocations.services.imports import rk_import

from ._import import ImportCommand


class Command(ImportCommand):
    help = "Impor baris Rencana Kegiatan dari .xlsx/.csv; semua atau tidak sama sekali, sesuai wilayah pengguna."
    service = staticmethod(rk_import)
    what = "RK"
