"""Excel exports of the report and alert lists, with the same filters as their pages.

The list pages belong to the report workflow (`views/reports.py`) and the alerts
(`views/alerts.py`); these exports read through the very same selectors and filter
parameters (dakmonev.query), so a download always holds what the page shows.
Text typed by people (return reasons, messages) is neutralised by `xlsx_response`; columns are
typed (dates shown dd/mm/yyyy) and the title row names the TA and TW filtered on.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.utils import timezone

from dakmonev.quarters import Quarter
from dakmonev.query import canonical
from dakmonev.spreadsheet.export import xlsx_response
from dakmonev.spreadsheet.writer import date as date_column
from dakmonev.spreadsheet.writer import export_title, integer, text, timestamp

from ..forms import ReportFilterForm
from ..models import AlertKind
from ..selectors.alerts import alert_list
from ..selectors.reports import report_list
from .alerts import alert_filters

EXPORT_LIMIT = 50_000
REPORT_HEADERS = [
    text("Kode wilayah"),
    text("Daerah"),
    integer("TA"),
    text("Triwulan"),
    integer("Versi"),
    text("Status"),
    text("Versi terbaru"),
    integer("Baris"),
    integer("Peringatan"),
    timestamp("Dibuat"),
    timestamp("Diajukan"),
    timestamp("Diverifikasi"),
    text("Alasan dikembalikan"),
]
ALERT_HEADERS = [
    text("Jenis"),
    text("Kode wilayah"),
    text("Daerah"),
    integer("TA"),
    text("Triwulan"),
    date_column("Batas"),
    text("Judul"),
    text("Pesan"),
    timestamp("Dibuat"),
    timestamp("Selesai"),
]


def _local(value: dt.datetime | None):
    return timezone.localtime(value).replace(tzinfo=None) if value else None


@login_required
def report_export(request):
    form = ReportFilterForm(canonical(request.GET) or None)
    filters = form.filters()
    reports = report_list(user=request.user, **filters)
    rows = (
        [
            r.region.code,
            r.region.name,
            r.fiscal_year.year,
            Quarter(r.quarter).label,
            r.version,
            str(r.get_status_display()),
            "ya" if r.is_current else "tidak",
            r.line_count,
            len(r.warnings or []),
            _local(r.created_at),
            _local(r.submitted_at),
            _local(r.verified_at),
            r.return_reason,
        ]
        for r in reports[:EXPORT_LIMIT]
    )
    return xlsx_response(
        f"laporan-realisasi-{timezone.localdate():%Y%m%d}.xlsx",
        REPORT_HEADERS,
        rows,
        sheet_title="Laporan",
        title=export_title(
            "Daftar laporan realisasi", year=filters["year"], quarter=filters["quarter"]
        ),
    )


@login_required
def alert_export(request):
    filters = alert_filters(request)
    alerts = alert_list(user=request.user, **filters)
    rows = (
        [
            str(AlertKind(a.kind).label),
            a.region.code,
            a.region.name,
            a.fiscal_year.year,
            Quarter(a.quarter).label if a.quarter else "-",
            a.due_date,
            a.title,
            a.message,
            _local(a.created_at),
            _local(a.resolved_at),
        ]
        for a in alerts[:EXPORT_LIMIT]
    )
    return xlsx_response(
        f"peringatan-{timezone.localdate():%Y%m%d}.xlsx",
        ALERT_HEADERS,
        rows,
        sheet_title="Peringatan",
        title=export_title("Daftar peringatan", year=filters["year"]),
    )
