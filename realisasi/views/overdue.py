"""Pages: overdue reports list (filters, pagination) and its Excel export with the same filters."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from allocations.models import Region
from dakmonev.quarters import Quarter
from dakmonev.query import canonical, parse
from dakmonev.spreadsheet.export import xlsx_response
from dakmonev.spreadsheet.writer import date, export_title, integer, text

from ..selectors.overdue import OverdueFilters, overdue_reports
from ..selectors.period import Period, period_from

PAGE_SIZE = 50


@dataclass(frozen=True)
class _Query:
    period: Period
    filters: OverdueFilters
    provinces: list[Region]


def _query(request) -> _Query:
    period, asked = period_from(request.GET), parse(request.GET)
    provinces = list(Region.objects.provinces().only("code", "name"))
    province = next((p for p in provinces if p.code == asked.province), None)
    return _Query(
        period,
        OverdueFilters(year=period.year, quarter=asked.quarter, province=province),
        provinces,
    )


def _rows(request, q: _Query) -> list:
    return (
        overdue_reports(request.user, q.period.fiscal_year, q.filters)
        if q.period.fiscal_year
        else []
    )


@login_required
def overdue_list(request):
    q = _query(request)
    page = Paginator(_rows(request, q), PAGE_SIZE).get_page(request.GET.get("page"))
    params = canonical(request.GET)
    params.pop("page", None)
    return render(
        request,
        "realisasi/overdue_list.html",
        {
            "page": page,
            "period": q.period,
            "filters": q.filters,
            "provinces": q.provinces,
            "querystring": params.urlencode(),
        },
    )


@login_required
def overdue_export(request):
    q = _query(request)
    headers = [
        text("Kode wilayah"),
        text("Daerah"),
        text("Provinsi"),
        integer("TA"),
        text("Triwulan"),
        date("Batas laporan"),
        integer("Hari terlambat"),
        text("Versi terakhir"),
    ]
    rows = (
        [
            r.region.code,
            r.region.name,
            r.province.name,
            r.year,
            Quarter(r.quarter).label,
            r.deadline,
            r.days_late,
            r.latest_status_label,
        ]
        for r in _rows(request, q)
    )
    suffix = f"_TW{q.filters.quarter}" if q.filters.quarter else ""
    return xlsx_response(
        f"laporan_terlambat_TA{q.period.year}{suffix}.xlsx",
        headers,
        rows,
        sheet_title="Laporan terlambat",
        title=export_title("Laporan terlambat", year=q.period.year, quarter=q.filters.quarter),
    )
