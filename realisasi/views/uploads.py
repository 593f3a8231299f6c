"""Upload pages: choose a file → dry-run preview (processed in a task) → confirm; downloads."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from allocations.scoping import get_visible_or_404
from dakmonev.web import call_service, require

from ..choices import ReportStatus, UploadStatus
from ..forms import ConfirmForm, UploadForm
from ..models import ReportUpload
from ..permissions import can_confirm_upload, can_submit_report, can_upload_report
from ..selectors.reports import uploads_of
from ..services.import_files import annotated_workbook_of
from ..services.import_outcome import public_issue
from ..services.imports import report_upload_confirm, report_upload_receive
from .report_common import attachment


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    """Dinas chooses a workbook; it is kept and previewed (nothing stored as a report yet)."""
    require(can_upload_report(request.user))
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        received = call_service(
            request, report_upload_receive, name=f.name, data=f.read(), dry_run=True
        )
        if received is not None:
            return redirect("realisasi:upload_status", pk=received.pk)
    return render(
        request,
        "realisasi/uploads/upload.html",
        {"form": form, "uploads": uploads_of(user=request.user)},
    )


@login_required
@require_GET
def upload_status(request, pk: int):
    """Progress while processing; then the preview, the errors, or the stored report."""
    item = get_visible_or_404(
        ReportUpload.objects.select_related("report", "region"), request.user, pk=pk
    )
    return render(
        request,
        "realisasi/uploads/status.html",
        {
            "upload": item,
            "errors": [public_issue(e) for e in item.errors],
            "warnings": [public_issue(w) for w in item.warnings],
            "confirm_form": ConfirmForm(),
            "may_confirm": bool(can_confirm_upload(request.user, item)),
            # stored is not submitted: a draft says so and offers to submit it now
            "draft": item.status == UploadStatus.ACCEPTED
            and item.report is not None
            and item.report.status == ReportStatus.DRAFT,
            "can_submit": item.report is not None
            and bool(can_submit_report(request.user, item.report)),
        },
    )


@login_required
@require_GET
def upload_status_json(request, pk: int):
    """What the status page polls: status, progress, and whether it is finished."""
    item = get_visible_or_404(ReportUpload.objects.all(), request.user, pk=pk)
    return JsonResponse(
        {
            "status": item.status,
            "label": item.get_status_display(),
            "progress": item.progress,
            "finished": item.is_finished,
            "url": reverse("realisasi:upload_status", args=[pk]),
        }
    )


@login_required
@require_POST
def upload_confirm(request, pk: int):
    """Store a previewed upload as a new version (and submit it when asked)."""
    item = get_visible_or_404(ReportUpload.objects.all(), request.user, pk=pk)
    form = ConfirmForm(request.POST)
    submit = form.is_valid() and form.cleaned_data["submit"]
    call_service(request, report_upload_confirm, upload=item, submit=submit)
    return redirect("realisasi:upload_status", pk=pk)


def _download_name(item: ReportUpload, suffix: str = "") -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", item.original_name.rsplit(".", 1)[0])[:80] or "laporan"
    return f"{stem}{suffix}.xlsx"


@login_required
@require_GET
def upload_original(request, pk: int):
    """The original bytes, as received (scoped: 404 for other regions)."""
    item = get_visible_or_404(ReportUpload.objects.all(), request.user, pk=pk)
    return attachment(item.original.open("rb"), _download_name(item))


@login_required
@require_GET
def upload_annotated(request, pk: int):
    """The person's workbook with the bad cells highlighted and commented."""
    item = get_visible_or_404(
        ReportUpload.objects.filter(status=UploadStatus.REJECTED), request.user, pk=pk
    )
    if not item.has_cell_errors:  # e.g. not an .xlsx at all: there is no cell to mark
        raise Http404
    annotated = annotated_workbook_of(upload=item)
    if not annotated:  # the copy could not be built: the errors are on the status page
        raise Http404
    return attachment(annotated.open("rb"), _download_name(item, "-kesalahan"))
