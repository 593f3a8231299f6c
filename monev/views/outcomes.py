"""Outcome indicators: aggregated percentage changes for a TA and sample; recording a sentra survey."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dakmonev.query import canonical

from .. import selectors, services
from ..forms import OutcomeFilterForm, SurveyForm
from ..permissions import can_record_outcomes
from ._common import call_service, require


@login_required
def outcome_summary(request):
    form = OutcomeFilterForm(canonical(request.GET) or None, user=request.user)
    valid = form.is_valid()
    year = (form.cleaned_data.get("year") if valid else None) or form.default_year
    regions = [r.pk for r in form.cleaned_data.get("region") or []] if valid else None
    summary = (
        selectors.outcome_aggregate(user=request.user, fiscal_year=year, region_ids=regions)
        if year
        else None
    )
    surveys = (
        selectors.survey_list(user=request.user, fiscal_year=year, region_ids=regions)
        if year
        else []
    )
    return render(
        request,
        "monev/outcome_summary.html",
        {
            "form": form,
            "summary": summary,
            "surveys": surveys,
            "year": year,
            "can_record": bool(can_record_outcomes(request.user)),
        },
    )


@login_required
def survey_record(request):
    require(can_record_outcomes(request.user))
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = call_service(request, services.survey_record, form=form, **form.cleaned_data)
        if result:
            messages.success(
                request,
                _("Survei outcome disimpan.") if result[1] else _("Survei outcome diperbarui."),
            )
            return redirect("monev:outcome_summary")
    return render(request, "monev/survey_form.html", {"form": form})
