"""Pure readers of the pagu and RK files (EXCEL-FORMATS.md §2–3): bytes in, rows + issues out."""
