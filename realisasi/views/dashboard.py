"""Pages: national dashboard, province page, region page and the dinas home (its own region page)."""

from __future__ import annotations

from collections.abc import Callable

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
from dakmonev.query import parse

from ..selectors.dashboard import national_dashboard, province_page, province_sort
from ..selectors.dashboard_period import period_from
from ..selectors.dashboard_region import region_page
from . import dashboard_charts


def _sort(request) -> str:
    return province_sort(parse(request.GET).sort)


def _page(request, page: str, parts: tuple, frame: dict, body_context: Callable[[], dict]):
    """`realisasi/dashboard/<page>.html` around its body, `_<page>_body.html`.

    The body is rendered from explicit values only (`body_context()`, called on a cache miss)
    and cached under `parts` and the viewer's scope (dakmonev.page_cache); the frame around it
    (menu bar, CSRF forms, messages) is rendered per request.
    """

    def render_body() -> str:
        return render_to_string(f"realisasi/dashboard/_{page}_body.html", body_context())

    body = page_cache.body(page, (*parts, page_cache.viewer_scope(request.user)), render_body)
    return render(request, f"realisasi/dashboard/{page}.html", {**frame, "body": body})


@login_required
def dashboard(request):
    if is_dinas(request.user):
        return redirect("realisasi:my_region")
    if not sees_all_regions(request.user):
        raise PermissionDenied
    user, period, sort = request.user, period_from(request.GET), _sort(request)

    def body_context() -> dict:
        data = national_dashboard(user, period, sort=sort)
        return {
            "d": data,
            "period": period,
            "trend_chart": dashboard_charts.trend_chart(data.trend),
            "province_chart": dashboard_charts.area_bar_chart(data.provinces),
        }

    return _page(
        request, "national", (period.year, period.quarter, sort), {"period": period}, body_context
    )


@login_required
def province_detail(request, code: str):
    user, period, sort = request.user, period_from(request.GET), _sort(request)
    province = get_visible_or_404(Region.objects.provinces(), user, code=code)

    def body_context() -> dict:
        data = province_page(user, province, period, sort=sort)
        return {
            "d": data,
            "period": period,
            "region_chart": dashboard_charts.area_bar_chart(data.regions),
            "quarter_chart": dashboard_charts.quarter_chart(data.series),
        }

    return _page(
        request,
        "province",
        (province.pk, period.year, period.quarter, sort),
        {"province": province, "period": period},
        body_context,
    )


@login_required
def region_detail(request, code: str):
    return _region_detail(
        request,
        get_visible_or_404(Region.objects.select_related("parent"), request.user, code=code),
    )


def _region_detail(request, region: Region):
    user, period = request.user, period_from(request.GET)
    own_region = user.region_id == region.pk  # the dinas home: upload button, no crumbs

    def body_context() -> dict:
        data = region_page(user, region, period)
        return {
            "d": data,
            "period": period,
            "own_region": own_region,
            "quarter_chart": dashboard_charts.quarter_chart(data.series),
        }

    return _page(
        request,
        "region",
        (region.pk, period.year, period.quarter, own_region),
        {"region": region, "period": period},
        body_context,
    )


@login_required
def region_eligibility(request, code: str):
    region = get_visible_or_404(Region.objects.select_related("parent"), request.user, code=code)
    period = period_from(request.GET)
    if period.fiscal_year is None:
        raise Http404
    template = "_eligibility.html" if request.headers.get("HX-Request") else "eligibility.html"
    return render(
        request,
        f"realisasi/dashboard/{template}",
        {
            "region": region,
            "period": period,
            "e": disbursement_eligibility(region, period.fiscal_year),
        },
    )


@login_required
def my_region(request):
    if request.user.region_id is None:
        if sees_all_regions(request.user):
            return redirect("realisasi:dashboard")
        raise Http404
    region = get_visible_or_404(
        Region.objects.select_related("parent"), request.user, pk=request.user.region_id
    )
    request.user.region = region  # the menu bar shows it: no second read of the same row
    return _region_detail(request, region)
