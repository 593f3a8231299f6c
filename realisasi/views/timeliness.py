"""Excel export of report timeliness (realisasi.selectors.timeliness): the same figures as the
dashboard's and the province page's panel and `GET /api/v1/timeliness/`, same parameters."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.roles import sees_all_regions
from allocations.models import Region
from dakmonev.quarters import Quarter
from dakmonev.query import parse
from dakmonev.spreadsheet.export import xlsx_response
from dakmonev.spreadsheet.writer import export_title, integer, percent, text

from ..selectors.absorption import round_percent
from ..selectors.period import period_from
from ..selectors.timeliness import timeliness

HEADERS = [
    text("Kode"),
    text("Wilayah"),
    integer("TA"),
    text("Triwulan"),
    integer("Diharapkan"),
    integer("Diterima"),
    integer("Tepat waktu"),
    integer("Terlambat"),
    integer("Belum masuk"),
    percent("% tepat waktu"),
]


@login_required
def timeliness_export(request):
    """National (one row per province and the nation) or, with `province=`, one province's row.
    Central roles only, like the national and province figures of the API."""
    if not sees_all_regions(request.user):
        raise PermissionDenied
    period, asked = period_from(request.GET), parse(request.GET)
    province = None
    if asked.province:
        province = Region.objects.provinces().filter(code=asked.province).first()
        if province is None:
            raise Http404
    t = timeliness(request.user, period.fiscal_year, period.quarter, province=province)
    label = Quarter(period.quarter).label
    rows = [
        [
            row.code or "",
            row.name,
            period.year,
            label,
            row.expected,
            row.received,
            row.on_time,
            row.late,
            row.missing,
            round_percent(row.on_time_pct),
        ]
        for row in [*t.provinces, t.total]
    ]
    suffix = f"_{province.code}" if province else ""
    return xlsx_response(
        f"ketepatan_laporan_TA{period.year}_TW{period.quarter}{suffix}.xlsx",
        HEADERS,
        rows,
        sheet_title="Ketepatan waktu",
        title=export_title(
            "Ketepatan waktu laporan" + (f" — {province.name}" if province else ""),
            year=period.year,
            quarter=period.quarter,
        ),
    )
