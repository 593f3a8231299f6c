"""Rows of the findings Excel export (the same filters as the list page)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from django.utils import timezone

from dakmonev.spreadsheet.writer import date, integer, money, text, timestamp

from .models import Finding

FINDING_HEADERS = [
    integer("No. temuan"),
    integer("TA"),
    text("Kode wilayah"),
    text("Wilayah"),
    text("Judul"),
    text("Kondisi"),
    text("Kriteria"),
    text("Sebab"),
    text("Akibat"),
    text("Rekomendasi"),
    money("Nilai (Rp)"),
    text("Kegiatan RK"),
    text("Kode masalah"),
    text("Tingkat"),
    text("Status"),
    date("Batas tindak lanjut"),
    text("Terlambat"),
    integer("Umur (hari)"),
    timestamp("Dicatat"),
    timestamp("Ditutup"),
]


def finding_rows(findings: Iterable[Finding], as_of: dt.date) -> Iterator[list]:
    """One list per finding; text is passed as is — xlsx_response neutralises formulas."""
    for f in findings.iterator(chunk_size=500) if hasattr(findings, "iterator") else findings:
        yield [
            f.pk,
            f.inspection.fiscal_year.year,
            f.region.code,
            f.region.name,
            f.title,
            f.kondisi,
            f.kriteria,
            f.sebab,
            f.akibat,
            f.rekomendasi,
            f.amount,
            f.activity.code if f.activity else "",
            f.problem_code.code if f.problem_code else "",
            f.get_severity_display(),
            f.get_status_display(),
            f.due_date,
            "Ya" if getattr(f, "is_overdue", False) else "Tidak",
            (as_of - timezone.localdate(f.created_at)).days,
            timezone.localtime(f.created_at),
            timezone.localtime(f.closed_at) if f.closed_at else None,
        ]
