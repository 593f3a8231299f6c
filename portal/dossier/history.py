"""The dossier's `03-riwayat-perubahan.xlsx`: every recorded change (django-simple-history) of a
region's allocation, RK lines, reports, findings and follow-ups of a TA — who, when, old → new."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from allocations.models import Allocation, PlannedActivity
from dakmonev.quarters import Quarter
from dakmonev.spreadsheet.export import Sheet, build_book
from dakmonev.spreadsheet.writer import export_title, text, timestamp
from monev.models import Finding, FollowUp
from realisasi.models import QuarterlyReport


def user_label(user) -> str:
    return "" if user is None else (user.get_full_name() or user.username)


HISTORY_COLUMNS = [
    timestamp("Waktu"),
    text("Oleh"),
    text("Jenis"),
    text("Objek"),
    text("Perubahan"),
]
_KIND = {"+": "dibuat", "~": "diubah", "-": "dihapus"}


def _shown(field, value) -> str:
    if value is None or value == "":
        return "-"
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, dt.datetime):
        return (
            f"{timezone.localtime(value):%d/%m/%Y %H:%M}"
            if timezone.is_aware(value)
            else f"{value:%d/%m/%Y %H:%M}"
        )
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if getattr(field, "many_to_one", False):
        return f"#{value}"
    return str(value)


def _change(model, c) -> str:
    try:
        field = model._meta.get_field(c.field)
    except Exception:  # a field removed since: show its stored name
        return f"{c.field}: {c.old} → {c.new}"
    return f"{field.verbose_name}: {_shown(field, c.old)} → {_shown(field, c.new)}"


def _history_rows(records, label: Callable) -> list[list]:
    """One row per recorded change, oldest first: when, who, what kind, which object, old → new."""
    rows, previous = [], {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        before = previous.get(record.id)
        if before is None:
            changes = ""
        else:
            model = record.instance_type
            changes = "; ".join(_change(model, c) for c in record.diff_against(before).changes)
        rows.append(
            [
                record.history_date,
                user_label(record.history_user),
                _KIND.get(record.history_type, record.history_type),
                label(record),
                changes,
            ]
        )
        previous[record.id] = record
    return rows


def history_book(region, year: int, allocation, reports, findings) -> bytes:
    def sheet(name: str, rows: list[list]) -> Sheet:
        return Sheet(
            name,
            HISTORY_COLUMNS,
            rows,
            export_title(f"Riwayat perubahan: {name} — {region.code} {region.name}", year=year),
        )

    alloc_ids = [allocation.pk] if allocation else []
    report_ids = [r.pk for r in reports]
    finding_ids = [f.pk for f in findings]
    return build_book(
        [
            sheet(
                "Alokasi",
                _history_rows(
                    Allocation.history.filter(id__in=alloc_ids).select_related("history_user"),
                    lambda r: f"Alokasi TA {year}",
                ),
            ),
            sheet(
                "RK",
                _history_rows(
                    PlannedActivity.history.filter(allocation_id__in=alloc_ids).select_related(
                        "history_user"
                    ),
                    lambda r: f"RK {r.code}",
                ),
            ),
            sheet(
                "Laporan",
                _history_rows(
                    QuarterlyReport.history.filter(id__in=report_ids).select_related(
                        "history_user"
                    ),
                    lambda r: f"{Quarter(r.quarter).label} versi {r.version}",
                ),
            ),
            sheet(
                "Temuan",
                _history_rows(
                    Finding.history.filter(id__in=finding_ids).select_related("history_user"),
                    lambda r: f"Temuan {r.id}",
                ),
            ),
            sheet(
                "Tindak lanjut",
                _history_rows(
                    FollowUp.history.filter(finding_id__in=finding_ids).select_related(
                        "history_user"
                    ),
                    lambda r: f"Tindak lanjut {r.id} (temuan {r.finding_id})",
                ),
            ),
        ]
    )
