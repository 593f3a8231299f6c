"""Figures downloads of the dashboard and the province page, for the TA and quarter on screen.

Thin views: the period comes from `?year=&quarter=` (dakmonev.query via `period_from`), the
rows from `portal.selectors.tables`, the cells from the one writer (dakmonev.spreadsheet).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.roles import sees_all_regions
from allocations.models import Region
from allocations.scoping import get_visible_or_404
from dakmonev.pdf import pdf_response
from dakmonev.quarters import Quarter
from dakmonev.spreadsheet.export import Sheet, book_response
from dakmonev.spreadsheet.writer import export_title
from realisasi.selectors.eligibility import disbursement_eligibility
from realisasi.selectors.period import Period, period_from

from .documents import national_brief_pdf, national_brief_sheets, region_summary_pdf
from .selectors.dashboard import national_dashboard
from .selectors.region import region_page
from .selectors.tables import (
    PROVINCE_COLUMNS,
    REGION_COLUMNS,
    figures_tables,
    province_row,
    region_row,
)


def _stamp(period: Period) -> str:
    return f"TA{period.year}_TW{Quarter(period.quarter).roman}_{timezone.localdate():%Y%m%d}"


def regions_sheet(tables, period: Period, *, name: str = "Daerah", where: str = "") -> Sheet:
    return Sheet(
        name,
        REGION_COLUMNS,
        [region_row(tables, r) for r in tables.figures.regions],
        export_title(
            f"Penyerapan per daerah penerima{where}", year=period.year, quarter=period.quarter
        ),
    )


def provinces_sheet(tables, period: Period, *, with_nation: bool = True) -> Sheet:
    rows = [province_row(p) for p in tables.figures.provinces]
    if with_nation and rows:
        rows.append(province_row(tables.figures.national))
    return Sheet(
        "Provinsi",
        PROVINCE_COLUMNS,
        rows,
        export_title("Penyerapan per provinsi", year=period.year, quarter=period.quarter),
    )


def _national(request) -> Period:
    if not sees_all_regions(request.user):
        raise PermissionDenied
    return period_from(request.GET)


@login_required
def dashboard_regions_export(request):
    period = _national(request)
    tables = figures_tables(request.user, period.year, period.quarter)
    return book_response(
        f"penyerapan-daerah_{_stamp(period)}.xlsx", [regions_sheet(tables, period)]
    )


@login_required
def dashboard_provinces_export(request):
    period = _national(request)
    tables = figures_tables(request.user, period.year, period.quarter)
    return book_response(
        f"penyerapan-provinsi_{_stamp(period)}.xlsx", [provinces_sheet(tables, period)]
    )


@login_required
def province_regions_export(request, code: str):
    province = get_visible_or_404(Region.objects.provinces(), request.user, code=code)
    period = period_from(request.GET)
    tables = figures_tables(request.user, period.year, period.quarter, province=province)
    return book_response(
        f"penyerapan-daerah-{province.code}_{_stamp(period)}.xlsx",
        [
            regions_sheet(tables, period, where=f" — {province.name}"),
            provinces_sheet(tables, period, with_nation=False),
        ],
    )


@login_required
def dashboard_brief_pdf(request):
    """ "Unduh ringkasan": the national picture of the TA and quarter on screen, on paper."""
    period = _national(request)
    data = national_dashboard(request.user, period)
    return pdf_response(national_brief_pdf(data), f"ringkasan-nasional_{_stamp(period)}.pdf")


@login_required
def dashboard_brief_xlsx(request):
    period = _national(request)
    data = national_dashboard(request.user, period)
    return book_response(f"ringkasan-nasional_{_stamp(period)}.xlsx", national_brief_sheets(data))


@login_required
def region_summary(request, code: str):
    region = get_visible_or_404(Region.objects.select_related("parent"), request.user, code=code)
    period = period_from(request.GET)
    data = region_page(request.user, region, period)
    eligibility = (
        disbursement_eligibility(region, period.fiscal_year)
        if period.fiscal_year and data.allocation
        else None
    )
    return pdf_response(
        region_summary_pdf(data, eligibility),
        f"ringkasan-daerah-{region.code}_{_stamp(period)}.pdf",
    )
