"""`import_allocations PATH --actor USERNAME [--json]` — pagu per region and TA (EXCEL-FORMATS.md §2)."""

from allocations.services.imports import allocations_import

from ._import import ImportCommand


class Command(ImportCommand):
    help = "Impor pagu DAK Fisik IKM (tahun, kode_wilayah, pagu) dari .xlsx/.csv; semua atau tidak sama sekali."
    service = staticmethod(allocations_import)
    what = "Pagu"
