"""Pages that bring the apps together: the home redirect, the national dashboard, the province and
region pages (the region page is also the dinas home) and a region's disbursement eligibility."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from accounts.roles import Role, is_dinas, sees_all_regions
from allocations.models import Region
from allocations.scoping import get_visible_or_404
from allocations.selectors.deadlines import region_extensions
from dakmonev.query import parse
from realisasi.selectors.behind_plan import threshold_of
from realisasi.selectors.eligibility import disbursement_eligibility
from realisasi.selectors.period import period_from
from realisasi.selectors.timeliness import timeliness

from . import charts
from .selectors.dashboard import national_dashboard, province_page, province_sort
from .selectors.region import region_page
from .selectors.scurve import s_curve, s_curve_chart
from .selectors.tile_map import tile_map
from .selectors.todo import has_todo_panel, todo_for


def _first_reachable(*names: str) -> str | None:
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def _scurve(series, figures) -> dict:
    """The S-curve include's context (issue 18): from the page's own figures, no query."""
    curve = s_curve(list(series), figures)
    return {"scurve": curve, "scurve_chart": s_curve_chart(curve)}


@login_required
def home(request):
    """Send each role to its own start page (dashboard, region page, monev)."""
    user = request.user
    if user.role == Role.DINAS:
        target = _first_reachable("portal:my_region")
    elif user.role == Role.INSPEKTORAT:
        target = _first_reachable("portal:dashboard", "monev:finding_list")
    else:
        target = _first_reachable("portal:dashboard")
    if target:
        return redirect(target)
    return render(request, "home.html")


@login_required
def dashboard(request):
    if is_dinas(request.user):
        return redirect("portal:my_region")
    if not sees_all_regions(request.user):
        raise PermissionDenied
    period, sort = period_from(request.GET), province_sort(parse(request.GET).sort)
    data = national_dashboard(request.user, period, sort=sort)
    return render(
        request,
        "portal/national.html",
        {
            "d": data,
            "period": period,
            "trend_chart": charts.trend_chart(data.trend),
            "province_chart": charts.area_bar_chart(data.provinces),
            "todo_panel": has_todo_panel(request.user),
            "timeliness": timeliness(request.user, period.fiscal_year, period.quarter),
            "tile_map": tile_map(data.provinces, data.regions),
            **_scurve(data.series, data.national),
            "behind_plan_threshold": threshold_of(period.fiscal_year),
        },
    )


@login_required
def province_detail(request, code: str):
    period, sort = period_from(request.GET), province_sort(parse(request.GET).sort)
    province = get_visible_or_404(Region.objects.provinces(), request.user, code=code)
    data = province_page(request.user, province, period, sort=sort)
    return render(
        request,
        "portal/province.html",
        {
            "d": data,
            "province": province,
            "period": period,
            "region_chart": charts.area_bar_chart(data.regions),
            "quarter_chart": charts.quarter_chart(data.series),
            "timeliness": timeliness(
                request.user, period.fiscal_year, period.quarter, province=province
            ),
            **_scurve(data.series, data.figures),
        },
    )


@login_required
def region_detail(request, code: str):
    return _region_detail(
        request,
        get_visible_or_404(Region.objects.select_related("parent"), request.user, code=code),
    )


def _region_detail(request, region: Region):
    period = period_from(request.GET)
    data = region_page(request.user, region, period)
    return render(
        request,
        "portal/region.html",
        {
            "d": data,
            "region": region,
            "period": period,
            "own_region": request.user.region_id == region.pk,  # upload button, no crumbs
            "todo_panel": request.user.region_id == region.pk and has_todo_panel(request.user),
            "deadline_extensions": region_extensions(period.fiscal_year, region),
            "quarter_chart": charts.quarter_chart(data.series),
            **_scurve(data.series, data.figures),
        },
    )


@login_required
@require_GET
def todo(request):
    """The to-do panel of the user's role, loaded by the home page (htmx) or shown on its own."""
    template = "_17_todo.html" if request.headers.get("HX-Request") else "todo.html"
    return render(request, f"portal/{template}", {"todo": todo_for(request.user)})


@login_required
def region_eligibility(request, code: str):
    region = get_visible_or_404(Region.objects.select_related("parent"), request.user, code=code)
    period = period_from(request.GET)
    if period.fiscal_year is None:
        raise Http404
    template = "_eligibility.html" if request.headers.get("HX-Request") else "eligibility.html"
    return render(
        request,
        f"portal/{template}",
        {
            "region": region,
            "period": period,
            "e": disbursement_eligibility(region, period.fiscal_year, quarter=period.quarter or 4),
        },
    )


@login_required
def my_region(request):
    if request.user.region_id is None:
        if sees_all_regions(request.user):
            return redirect("portal:dashboard")
        raise Http404
    region = get_visible_or_404(
        Region.objects.select_related("parent"), request.user, pk=request.user.region_id
    )
    request.user.region = region  # the menu bar shows it: no second read of the same row
    return _region_detail(request, region)
