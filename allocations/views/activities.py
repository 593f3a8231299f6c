"""RK list and the pages to add, change and delete RK lines and to record their procurement."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dakmonev.query import canonical
from dakmonev.web import call_service, require

from ..forms import ActivityForm, ProcurementForm, ReturnForm, RKFilterForm, TargetsForm
from ..permissions import can_edit_procurement, can_edit_rk_lines
from ..selectors import (
    activities_for,
    allocation_for_page,
    allocations_for_filter,
    allocations_overview,
)
from ..services.activities import (
    activity_create,
    activity_delete,
    activity_update,
    procurement_update,
)
from ..services.targets import activity_targets, activity_targets_set
from ._common import (
    actions,
    activity_or_404,
    allocation_or_404,
    current_year,
    list_url,
)


@login_required
def activity_list(request):
    """The RK of the user's region (dinas) or of the chosen region and TA (central roles)."""
    form = RKFilterForm(canonical(request.GET) or None)
    f = form.cleaned_data if form.is_valid() else {}
    allocation = allocation_for_page(request.user, year=f.get("year"), region_code=f.get("region"))
    context = {"form": form, "allocation": allocation, **allocations_for_filter(request.user)}
    if allocation is None:
        year = f.get("year") or current_year(context["years"])
        context.update(
            year=year, overview=allocations_overview(request.user, year=year) if year else []
        )
        return render(request, "allocations/overview.html", context)
    lines = list(activities_for(allocation, request.user).prefetch_related("targets"))
    for a in lines:
        a.plan = activity_targets(a)
    rk_total = sum((a.pagu for a in lines), 0)
    context.update(
        lines=lines,
        rk_total=rk_total,
        remaining=allocation.pagu - rk_total,
        return_form=ReturnForm(),
        **actions(request.user, allocation),
    )
    return render(request, "allocations/activity_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_new(request, allocation_id: int):
    """Add an RK line to an allocation the user may see."""
    allocation = allocation_or_404(request, allocation_id)
    require(can_edit_rk_lines(request.user, allocation))
    form = ActivityForm(request.POST or None, allocation=allocation, user=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            request,
            activity_create,
            form=form,
            allocation=allocation,
            data=form.to_input(),
            success=_("Kegiatan %(code)s ditambahkan.") % {"code": form.cleaned_data["code"]},
        )
    ):
        return redirect(list_url(allocation))
    return render(
        request, "allocations/activity_form.html", {"form": form, "allocation": allocation}
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk: int):
    """Change an RK line (the service refuses another region, a locked RK, or Σ > pagu)."""
    activity = activity_or_404(request, pk)
    allocation = activity.allocation
    require(can_edit_rk_lines(request.user, allocation))
    form = ActivityForm(
        request.POST or None,
        allocation=allocation,
        user=request.user,
        initial=ActivityForm.initial_from(activity),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            request,
            activity_update,
            form=form,
            activity=activity,
            data=form.to_input(),
            success=_("Kegiatan %(code)s disimpan.") % {"code": form.cleaned_data["code"]},
        )
    ):
        return redirect(list_url(allocation))
    return render(
        request,
        "allocations/activity_form.html",
        {"form": form, "allocation": allocation, "activity": activity},
    )


@login_required
@require_POST
def activity_remove(request, pk: int):
    """Delete an RK line that has not been reported yet."""
    activity = activity_or_404(request, pk)
    call_service(
        request,
        activity_delete,
        activity=activity,
        success=_("Kegiatan %(code)s dihapus.") % {"code": activity.code},
    )
    return redirect(list_url(activity.allocation))


@login_required
@require_http_methods(["GET", "POST"])
def procurement_edit(request, pk: int):
    """Record an RK line's procurement: DED, method, stage, contract, supplier, completion."""
    activity = activity_or_404(request, pk)
    require(can_edit_procurement(request.user, activity))
    form = ProcurementForm(request.POST or None, initial=ProcurementForm.initial_from(activity))
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            request,
            procurement_update,
            form=form,
            activity=activity,
            data=form.to_input(),
            success=_("Pengadaan kegiatan %(code)s disimpan.") % {"code": activity.code},
        )
    ):
        return redirect(list_url(activity.allocation))
    return render(
        request, "allocations/procurement_form.html", {"form": form, "activity": activity}
    )


@login_required
@require_http_methods(["GET", "POST"])
def targets_edit(request, pk: int):
    """A line's quarterly targets, four quarters in one row (the RK must be open, as for lines)."""
    activity = activity_or_404(request, pk)
    require(can_edit_rk_lines(request.user, activity.allocation))
    form = TargetsForm(
        request.POST or None, initial=TargetsForm.initial_from(activity_targets(activity))
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            request,
            activity_targets_set,
            form=form,
            activity=activity,
            targets=form.to_targets(),
            success=_("Target kegiatan %(code)s disimpan.") % {"code": activity.code},
        )
    ):
        return redirect(list_url(activity.allocation))
    return render(request, "allocations/targets_form.html", {"form": form, "activity": activity})
