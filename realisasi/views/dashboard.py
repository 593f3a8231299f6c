"""Pages: national dashboard, province page, region page and the dinas home (its own region page)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from accounts.roles import is_dinas, sees_all_regions
from allocations.models import Region
from allocations.scoping import get_visible_or_404
from allocations.selectors.eligibility import disbursement_eligibility
from dakmonev import figures_version

from ..selectors.dashboard import PROVINCE_SORTS, national_dashboard, province_page
from ..selectors.dashboard_period import period_from
from ..selectors.dashboard_region import region_page
from . import dashboard_charts as charts


def _fragment_cache() -> dict:
    """Figure tables are cached under the figures' data version (bumped after every commit
    that changes a figure), for as long as absorption results are (0 = not cached)."""
    return {"fv": figures_version.current(), "cache_seconds": settings.ABSORPTION_CACHE_SECONDS}


def _sort(request, default: str = "kode") -> str:
    sort = request.GET.get("urut", default)
    return sort if sort in PROVINCE_SORTS else default


@login_required
def dashboard(request):
    if is_dinas(request.user):
        return redirect("realisasi:my_region")
    if not sees_all_regions(request.user):
        raise PermissionDenied
    data = national_dashboard(request.user, period_from(request.GET), sort=_sort(request))
    return render(request, "realisasi/dashboard/national.html", {
        "d": data, "period": data.period, **_fragment_cache(),
        "trend_chart": charts.trend_chart(data.trend), "province_chart": charts.area_bar_chart(data.provinces),
    })


@login_required
def province_detail(request, code: str):
    province = get_visible_or_404(Region.objects.provinces(), request.user, code=code)
    data = province_page(request.user, province, period_from(request.GET), sort=_sort(request))
    return render(request, "realisasi/dashboard/province.html", {
        "d": data, "period": data.period, **_fragment_cache(),
        "region_chart": charts.area_bar_chart(data.regions), "quarter_chart": charts.quarter_chart(data.series),
    })


@login_required
def region_detail(request, code: str):
    return _region_detail(request, get_visible_or_404(Region.objects.select_related("parent"), request.user, code=code))


def _region_detail(request, region: Region):
    data = region_page(request.user, region, period_from(request.GET))
    return render(request, "realisasi/dashboard/region.html", {
        "d": data, "period": data.period, "quarter_chart": charts.quarter_chart(data.series),
    })


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
