"""Inspection pages: list, detail (ratings and findings), record and edit (inspectors)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from allocations.scoping import get_visible_or_404
from dakmonev.query import parse

from .. import selectors, services
from ..forms import InspectionForm
from ..models import Inspection
from ..permissions import can_record_finding, can_record_inspection
from ._common import call_service, require


@login_required
def inspection_list(request):
    year = parse(request.GET).year
    rows = selectors.inspection_list(user=request.user, fiscal_year=year)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "monev/inspection_list.html",
        {
            "page": page,
            "can_record": bool(can_record_inspection(request.user)),
            "year": year or "",
        },
    )


@login_required
def inspection_detail(request, pk: int):
    inspection = get_visible_or_404(
        Inspection.objects.select_related("region", "fiscal_year", "created_by").prefetch_related(
            "team"
        ),
        request.user,
        pk=pk,
    )
    findings = inspection.findings.visible_to(request.user).select_related("problem_code", "region")
    return render(
        request,
        "monev/inspection_detail.html",
        {
            "inspection": inspection,
            "findings": findings,
            "can_edit": bool(can_record_inspection(request.user, inspection)),
            "can_record_finding": bool(can_record_finding(request.user, inspection)),
        },
    )


@login_required
def inspection_create(request):
    require(can_record_inspection(request.user))
    form = InspectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        inspection = call_service(
            request, services.inspection_create, form=form, **form.service_kwargs()
        )
        if inspection:
            messages.success(request, _("Inspeksi dicatat."))
            return redirect("monev:inspection_detail", pk=inspection.pk)
    return render(request, "monev/inspection_form.html", {"form": form})


@login_required
def inspection_edit(request, pk: int):
    inspection = get_visible_or_404(Inspection.objects, request.user, pk=pk)
    require(can_record_inspection(request.user, inspection))
    form = InspectionForm(request.POST or None, instance=inspection)
    if request.method == "POST" and form.is_valid():
        data = form.service_kwargs()
        changes = {k: data[k] for k in form.changed_data if k != "team"}
        if call_service(
            request,
            services.inspection_update,
            form=form,
            inspection=inspection,
            team=data["team"],
            **changes,
        ):
            messages.success(request, _("Inspeksi diperbarui."))
            return redirect("monev:inspection_detail", pk=pk)
    return render(request, "monev/inspection_form.html", {"form": form, "inspection": inspection})
