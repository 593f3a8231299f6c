"""Excel exports of the report and alert lists, with the same filters as their pages.

The list pages belong to the report workflow (`views/reports.py`) and the alerts
(`views/alerts.py`); these exports read through the very same selectors and filter
parameters, so a download always holds what the page shows (plus an optional `provinsi`).
Text typed by people (return reasons, messages) is neutralised by `xlsx_response`.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.utils import timezone

from dakmonev.spreadsheet.export import xlsx_response

from ..forms import ReportFilterForm
from ..models import AlertKind
from ..selectors.alerts import alert_list
from ..selectors.reports import report_list

ROMAN = {0: "-", 1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}
EXPORT_LIMIT = 50_000
REPORT_HEADERS = [
    "Kode wilayah",
    "Daerah",
    "TA",
    "Triwulan",
    "Versi",
    "Status",
    "Versi terbaru",
    "Baris",
    "Peringatan",
    "Dibuat",
    "Diajukan",
    "Diverifikasi",
    "Alasan dikembalikan",
]
ALERT_HEADERS = [
    "Jenis",
    "Kode wilayah",
    "Daerah",
    "TA",
    "Triwulan",
    "Batas",
    "Judul",
    "Pesan",
    "Dibuat",
    "Selesai",
]


def _local(value: dt.datetime | None):
    return timezone.localtime(value).replace(tzinfo=None) if value else None


@login_required
def report_export(request):
    form = ReportFilterForm(request.GET or None)
    f = form.cleaned_data if form.is_valid() else {}
    quarter = int(f["triwulan"]) if f.get("triwulan") else None
    reports = report_list(
        user=request.user,
        year=f.get("tahun"),
        quarter=quarter,
        status=f.get("status") or None,
        province=f.get("provinsi") or None,
    )
    rows = (
        [
            r.region.code,
            r.region.name,
            r.fiscal_year.year,
            ROMAN[r.quarter],
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
    )


@login_required
def alert_export(request):
    state = request.GET.get("status", "open")
    year = request.GET.get("ta", "")
    alerts = alert_list(
        user=request.user,
        year=int(year) if year.isdigit() else None,
        kind=request.GET.get("jenis", ""),
        state=state if state in ("open", "resolved", "all") else "open",
        province=request.GET.get("provinsi", "").strip()[:2],
    )
    rows = (
        [
            str(AlertKind(a.kind).label),
            a.region.code,
            a.region.name,
            a.fiscal_year.year,
            ROMAN.get(a.quarter, "-"),
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
    )
