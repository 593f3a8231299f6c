"""Finding pages: list (filters, pagination, overdue first), summary, detail, record/edit, close, export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from allocations.scoping import get_visible_or_404
from dakmonev.query import canonical
from realisasi.forms_photos import PhotoLocationForm

from .. import permissions, selectors, services
from ..forms import (
    AssessForm,
    AttachmentForm,
    CloseForm,
    FindingFilterForm,
    FindingForm,
    FollowUpForm,
)
from ..models import Finding, Inspection
from ._common import call_service, require

PAGE_SIZE = 50


def _querystring(request) -> str:
    """The list's filters under their current names, for the export and summary links."""
    params = canonical(request.GET)
    params.pop("page", None)
    return params.urlencode()


def finding_actions(user, finding) -> dict:
    """What the finding page offers: the same predicates the services enforce. Each follow-up
    carries `can_assess` (assessing one never needs another query: the finding is at hand)."""
    followups = list(finding.followups.all())
    for followup in followups:
        followup.finding = finding
        followup.can_assess = bool(permissions.can_assess_followup(user, followup))
    return {
        "followups": followups,
        "can_edit": bool(permissions.can_edit_finding(user, finding)),
        "can_add_evidence": bool(permissions.can_add_finding_evidence(user, finding)),
        "can_answer": bool(permissions.can_answer_finding(user, finding)),
        "can_close": bool(permissions.can_close_finding(user, finding)),
    }


@login_required
def finding_list(request):
    as_of = timezone.localdate()
    form = FindingFilterForm(canonical(request.GET) or None, user=request.user)
    filters = form.filters()
    rows = selectors.finding_list(user=request.user, filters=filters, as_of=as_of)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_age(page.object_list, as_of)
    summary = selectors.finding_summary(user=request.user, filters=filters, as_of=as_of)
    return render(
        request,
        "monev/finding_list.html",
        {
            "form": form,
            "page": page,
            "summary": summary,
            "as_of": as_of,
            "querystring": _querystring(request),
        },
    )


@login_required
def finding_summary(request):
    as_of = timezone.localdate()
    form = FindingFilterForm(canonical(request.GET) or None, user=request.user)
    summary = selectors.finding_summary(user=request.user, filters=form.filters(), as_of=as_of)
    return render(
        request, "monev/finding_summary.html", {"form": form, "summary": summary, "as_of": as_of}
    )


@login_required
def finding_export(request):
    from dakmonev.spreadsheet.export import xlsx_response
    from dakmonev.spreadsheet.writer import export_title

    from ..exports import FINDING_HEADERS, finding_rows

    as_of = timezone.localdate()
    form = FindingFilterForm(canonical(request.GET) or None, user=request.user)
    filters = form.filters()
    rows = selectors.finding_list(user=request.user, filters=filters, as_of=as_of)
    return xlsx_response(
        f"temuan-monev-{as_of:%Y%m%d}.xlsx",
        FINDING_HEADERS,
        finding_rows(rows, as_of),
        sheet_title="Temuan",
        title=export_title("Temuan monev", year=filters.fiscal_year, as_of=as_of),
    )


@login_required
def finding_detail(request, pk: int):
    return finding_detail_response(request, pk)


def finding_detail_response(request, pk: int, *, assess_pk: int | None = None, **bound):
    """The finding page; a refused form (`followup_form=`, `assess_form=`, `close_form=`,
    `attachment_form=`) is shown again with what was typed and why it was refused."""
    finding = selectors.finding_detail(user=request.user, pk=pk, as_of=timezone.localdate())
    history = selectors.finding_history(finding)
    forms = {
        "followup_form": FollowUpForm(),
        "assess_form": AssessForm(),
        "close_form": CloseForm(),
        "attachment_form": AttachmentForm(),
        "field_photo_form": PhotoLocationForm(),
    }
    refused_assess = bound.pop("assess_form", None)
    return render(
        request,
        "monev/finding_detail.html",
        {
            "finding": finding,
            "history": history,
            "as_of": timezone.localdate(),
            **finding_actions(request.user, finding),
            **forms,
            **bound,
            "refused_assess": (assess_pk, refused_assess) if refused_assess else None,
        },
    )


@login_required
def finding_report(request, pk: int):
    """The finding in the auditors' structure, with follow-ups and assessments, as a PDF."""
    from dakmonev.pdf import pdf_response

    from ..documents import finding_report_pdf

    finding = selectors.finding_detail(user=request.user, pk=pk, as_of=timezone.localdate())
    document = finding_report_pdf(finding, selectors.finding_history(finding))
    return pdf_response(document, f"laporan-temuan-{finding.pk}.pdf")


@login_required
def finding_create(request, inspection_pk: int):
    inspection = get_visible_or_404(
        Inspection.objects.select_related("region", "fiscal_year"), request.user, pk=inspection_pk
    )
    require(permissions.can_record_finding(request.user, inspection))
    form = FindingForm(request.POST or None, request.FILES or None, inspection=inspection)
    if request.method == "POST" and form.is_valid():
        finding = call_service(
            request,
            services.finding_create,
            form=form,
            inspection=inspection,
            **form.service_kwargs(),
        )
        if finding:
            messages.success(request, _("Temuan dicatat."))
            return redirect("monev:finding_detail", pk=finding.pk)
    return render(request, "monev/finding_form.html", {"form": form, "inspection": inspection})


@login_required
def finding_edit(request, pk: int):
    finding = get_visible_or_404(
        Finding.objects.select_related("inspection__region", "inspection__fiscal_year"),
        request.user,
        pk=pk,
    )
    require(permissions.can_edit_finding(request.user, finding))
    form = FindingForm(request.POST or None, instance=finding, inspection=finding.inspection)
    if request.method == "POST" and form.is_valid():
        changes = {k: form.cleaned_data[k] for k in form.changed_data}
        if call_service(request, services.finding_update, form=form, finding=finding, **changes):
            messages.success(request, _("Temuan diperbarui."))
            return redirect("monev:finding_detail", pk=pk)
    return render(
        request,
        "monev/finding_form.html",
        {"form": form, "inspection": finding.inspection, "finding": finding},
    )


@login_required
@require_POST
def finding_close(request, pk: int):
    finding = get_visible_or_404(Finding.objects, request.user, pk=pk)
    form = CloseForm(request.POST)
    if form.is_valid() and call_service(
        request, services.finding_close, finding=finding, note=form.cleaned_data["note"]
    ):
        messages.success(request, _("Temuan ditutup."))
        return redirect("monev:finding_detail", pk=pk)
    return finding_detail_response(request, pk, close_form=form)
