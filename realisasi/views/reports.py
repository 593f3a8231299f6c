"""Report pages: list, detail with versions, workflow actions, template, verification."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from allocations.models import Region
from allocations.scoping import get_visible_or_404
from dakmonev.query import canonical
from dakmonev.web import call_service, require

from ..exporters.template import build_template
from ..forms import ReportFilterForm, ReturnForm, TemplateForm, VerifyForm
from ..models import QuarterlyReport
from ..permissions import can_return_report, can_submit_report, can_verify_report
from ..selectors import reports
from ..selectors.line_deviation import line_deviations
from ..services.reports import (
    report_return,
    report_submit,
    report_verify,
    reports_verify_clean,
)
from .photos import report_photo_context
from .report_common import attachment


def _report(request, pk: int) -> QuarterlyReport:
    return get_visible_or_404(
        QuarterlyReport.objects.select_related("region", "fiscal_year"), request.user, pk=pk
    )


def _actions(user, report: QuarterlyReport) -> dict:
    """Which buttons the report pages show: the same predicates the services enforce."""
    return {
        "can_submit": bool(can_submit_report(user, report)),
        "can_verify": bool(can_verify_report(user, report)),
        "can_return": bool(can_return_report(user, report)),
    }


@login_required
@require_GET
def report_list(request):
    """Reports the user may see, filtered by TA, quarter and status."""
    params = canonical(request.GET)
    form = ReportFilterForm(params or None)
    rows = reports.report_list(user=request.user, **form.filters())
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    params.pop("page", None)
    return render(
        request,
        "realisasi/reports/list.html",
        {
            "form": form,
            "page": page,
            "reports": page.object_list,
            "querystring": params.urlencode(),
        },
    )


@login_required
@require_GET
def report_detail(request, pk: int):
    """One version: its lines beside the previous version and quarter, warnings, all versions."""
    report = _report(request, pk)
    return render(
        request,
        "realisasi/reports/detail.html",
        {
            "report": report,
            "comparison": reports.report_comparison(report),
            "versions": reports.report_versions(report),
            "return_form": ReturnForm(),
            "verify_form": VerifyForm(),
            **_actions(request.user, report),
            **report_photo_context(request.user, report),
        },
    )


def _label(report: QuarterlyReport) -> str:
    return _("Laporan %(region)s %(quarter)s TA %(year)s versi %(version)s") % {
        "region": report.region.name,
        "quarter": report.get_quarter_display(),
        "year": report.fiscal_year.year,
        "version": report.version,
    }


@login_required
@require_POST
def report_submit_view(request, pk: int):
    report = _report(request, pk)
    done = call_service(
        request,
        report_submit,
        report=report,
        success=_("%(report)s diajukan ke Ditjen IKMA; kini dihitung dalam penyerapan.")
        % {"report": _label(report)},
    )
    target = request.POST.get("next", "")
    if done and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("realisasi:report_detail", pk=pk)


@login_required
@require_POST
def report_verify_view(request, pk: int):
    report = _report(request, pk)
    form = VerifyForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    done = call_service(
        request,
        report_verify,
        report=report,
        note=note,
        success=_("%(report)s diverifikasi; dinas diberi tahu.") % {"report": _label(report)},
    )
    return _after_decision(done, pk)


@login_required
@require_POST
def report_return_view(request, pk: int):
    report = _report(request, pk)
    form = ReturnForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    done = call_service(
        request,
        report_return,
        report=report,
        reason=reason,
        success=_("%(report)s dikembalikan ke dinas beserta alasannya; dinas diberi tahu.")
        % {"report": _label(report)},
    )
    return _after_decision(done, pk)


@login_required
@require_POST
def verification_batch(request):
    """Verify the checked reports of the queue (only those without warnings)."""
    require(can_verify_report(request.user))
    ids = [int(x) for x in request.POST.getlist("reports") if x.isdigit()]
    outcome = call_service(request, reports_verify_clean, report_ids=ids)
    if outcome:
        if outcome.verified:
            n = len(outcome.verified)
            messages.success(
                request,
                ngettext(
                    "%(n)s laporan diverifikasi; dinasnya diberi tahu.",
                    "%(n)s laporan diverifikasi; dinasnya diberi tahu.",
                    n,
                )
                % {"n": n},
            )
        for report, why in outcome.left:
            messages.warning(
                request,
                _("%(report)s tidak diverifikasi: %(why)s.")
                % {"report": _label(report), "why": why},
            )
        if not ids:
            messages.warning(request, _("Pilih dulu laporan yang akan diverifikasi."))
    return redirect("realisasi:verification_queue")


def _after_decision(done, pk: int):
    """Back to the queue when the decision was made, else to the screen with the message."""
    return (
        redirect("realisasi:verification_queue")
        if done
        else redirect("realisasi:verification_detail", pk=pk)
    )


@login_required
@require_GET
def verification_queue(request):
    """Submitted versions waiting for Ditjen IKMA."""
    require(can_verify_report(request.user))
    return render(
        request,
        "realisasi/reports/verification_queue.html",
        {"reports": reports.verification_queue(user=request.user)},
    )


@login_required
@require_GET
def verification_detail(request, pk: int):
    """The verifier's screen: side by side, warnings highlighted, verify or return with a reason."""
    require(can_verify_report(request.user))
    report = _report(request, pk)
    return render(
        request,
        "realisasi/reports/verify.html",
        {
            "report": report,
            "comparison": reports.report_comparison(report),
            "line_deviations": line_deviations(report),
            "return_form": ReturnForm(),
            "verify_form": VerifyForm(),
            **_actions(request.user, report),
            **report_photo_context(request.user, report),
        },
    )


@login_required
@require_GET
def report_template(request):
    """The pre-filled template of a region (dinas: its own), TA and quarter."""
    form = TemplateForm(canonical(request.GET) or None)
    if not form.is_valid():
        return render(request, "realisasi/reports/template_form.html", {"form": form})
    # A dinas user asking for another region's template gets 404 like everywhere else.
    code = form.cleaned_data["region"].strip() or (
        request.user.region.code if request.user.region_id else ""
    )
    region = get_visible_or_404(Region.objects.all(), request.user, code=code)
    year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    spec = reports.report_template_spec(region=region, year=year, quarter=quarter)
    if spec is None:
        raise Http404("Wilayah ini tidak memiliki alokasi pada TA tersebut.")
    return attachment(
        build_template(spec), f"templat-laporan-{region.code}-{year}-TW{quarter}.xlsx"
    )
