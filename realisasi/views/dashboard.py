"""Pages: national dashboard, province page, region page and the dinas home (its own region page)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from accounts.roles import is_dinas, sees_all_regions
from allocations.models import Region
from allocations.scoping import get_visible_or_404
from allocations.selectors.eligibility import disbursement_eligibility
from dakmonev import page_cache

from ..selectors.dashboard import PROVINCE_SORTS, national_dashboard, province_page
from ..selectors.dashboard_period import period_from
from ..selectors.dashboard_region import region_page
from . import dashboard_charts as charts

# Each page's main content is a body template rendered from explicit values only and cached
# under everything it depends on (dakmonev.page_cache); the frame around it (menu bar, CSRF
# forms, messages) is rendered per request.
BODY = "realisasi/dashboard/_{}_body.html"


def _sort(request, default: str = "kode") -> str:
    sort = request.GET.get("urut", default)
    return sort if sort in PROVINCE_SORTS else default


@login_required
def dashboard(request):
    if is_dinas(request.user):
        return redirect("realisasi:my_region")
    if not sees_all_regions(request.user):
        raise PermissionDenied
    user, period, sort = request.user, period_from(request.GET), _sort(request)

    def render_body() -> str:
        data = national_dashboard(user, period, sort=sort)
        return render_to_string(BODY.format("national"), {
            "d": data, "period": period,
            "trend_chart": charts.trend_chart(data.trend), "province_chart": charts.area_bar_chart(data.provinces),
        })

    body = page_cache.body("national", (period.year, period.quarter, sort, page_cache.viewer_scope(user)), render_body)
    return render(request, "realisasi/dashboard/national.html", {"period": period, "body": body})


@login_required
def province_detail(request, code: str):
    user, period, sort = request.user, period_from(request.GET), _sort(request)
    province = get_visible_or_404(Region.objects.provinces(), user, code=code)

    def render_body() -> str:
        data = province_page(user, province, period, sort=sort)
        return render_to_string(BODY.format("province"), {
            "d": data, "period": period,
            "region_chart": charts.area_bar_chart(data.regions), "quarter_chart": charts.quarter_chart(data.series),
        })

    parts = (province.pk, period.year, period.quarter, sort, page_cache.viewer_scope(user))
    body = page_cache.body("province", parts, render_body)
    return render(request, "realisasi/dashboard/province.html", {"province": province, "period": period, "body": body})


@login_required
def region_detail(request, code: str):
    return _region_detail(request, get_visible_or_404(Region.objects.select_related("parent"), request.user, code=code))


def _region_detail(request, region: Region):
    user, period = request.user, period_from(request.GET)
    own_region = user.region_id == region.pk  # the dinas home: upload button, no crumbs

    def render_body() -> str:
        data = region_page(user, region, period)
        return render_to_string(BODY.format("region"), {
            "d": data, "period": period, "own_region": own_region, "quarter_chart": charts.quarter_chart(data.series),
        })

    parts = (region.pk, period.year, period.quarter, own_region, page_cache.viewer_scope(user))
    body = page_cache.body("region", parts, render_body)
    return render(request, "realisasi/dashboard/region.html", {"region": region, "period": period, "body": body})


@login_required
def region_eligibility(request, code: str):
    region = get_visible_or_404(Region.objects.select_related("parent"), request.user, code=code)
    period = period_from(request.GET)
    if period.fiscal_year is None:
        raise Http404
    template = "_eligibility.html" if request.headers.get("HX-Request") else "eligibility.html"
    return render(request, f"realisasi/dashboard/{template}", {
        "region": region, "period": period, "e": disbursement_eligibility(region, period.fiscal_year),
    })


@login_required
def my_region(request):
    if request.user.region_id is None:
        if sees_all_regions(request.user):
            return redirect("realisasi:dashboard")
        raise Http404
    region = get_visible_or_404(Region.objects.select_related("parent"), request.user, pk=request.user.region_id)
    request.user.region = region  # the menu bar shows it: no second read of the same row
    return _region_detail(request, region)
