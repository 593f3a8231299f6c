"""Workbooks the system writes: the pre-filled quarterly template and the highlighted error workbook."""
