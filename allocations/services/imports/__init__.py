"""Imports of pagu and RK files: all-or-nothing, row-level errors, scoped, bulk writes.

Both imports read everything they need in a fixed number of queries (fiscal years, regions,
allocations, existing lines, menus, sentra — each one query, into dicts), validate every row
against those dicts, and only then write with `bulk_create_with_history` /
`bulk_update_with_history` (PostgreSQL: the faster equivalents in `bulk.py`). The query count
therefore does not grow with the number of rows (only with the number of write batches).
"""

from .common import ImportOutcome
from .pagu import allocations_import, allocations_import_table
from .rk import rk_import, rk_import_table

__all__ = [
    "ImportOutcome",
    "allocations_import",
    "allocations_import_table",
    "rk_import",
    "rk_import_table",
]
