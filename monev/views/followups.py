"""The region answers a finding; the inspector assesses the answer; evidence files are added."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from allocations.scoping import get_visible_or_404

from .. import services
from ..forms import AssessForm, AttachmentForm, FollowUpForm
from ..models import Finding, FollowUp
from ..permissions import can_add_finding_evidence, can_answer_finding, can_assess_followup
from ._common import call_service, require
from .findings import finding_detail_response


@login_required
@require_POST
def followup_submit(request, pk: int):
    finding = get_visible_or_404(Finding.objects, request.user, pk=pk)
    require(can_answer_finding(request.user, finding))  # the role first, then the input
    form = FollowUpForm(request.POST, request.FILES)
    if form.is_valid() and call_service(
        request, services.followup_submit, form=form, finding=finding, **form.cleaned_data
    ):
        messages.success(request, _("Tindak lanjut terkirim dan menunggu penilaian Inspektorat."))
        return redirect("monev:finding_detail", pk=pk)
    # Refused: the page again with the text as typed (files must be chosen again).
    return finding_detail_response(request, pk, followup_form=form)


@login_required
@require_POST
def followup_assess(request, pk: int):
    followup = get_visible_or_404(FollowUp.objects.select_related("finding"), request.user, pk=pk)
    require(can_assess_followup(request.user, followup))
    form = AssessForm(request.POST)
    if form.is_valid() and call_service(
        request, services.followup_assess, form=form, followup=followup, **form.cleaned_data
    ):
        messages.success(request, _("Penilaian tindak lanjut disimpan."))
        return redirect("monev:finding_detail", pk=followup.finding_id)
    return finding_detail_response(
        request, followup.finding_id, assess_pk=followup.pk, assess_form=form
    )


@login_required
@require_POST
def attachment_add(request, pk: int):
    finding = get_visible_or_404(Finding.objects, request.user, pk=pk)
    require(can_add_finding_evidence(request.user, finding))
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return finding_detail_response(request, pk, attachment_form=form)
    else:
        added = [
            call_service(request, services.attachment_add, finding=finding, upload=f)
            for f in form.cleaned_data["files"]
        ]
        if any(added):
            count = sum(1 for a in added if a)
            messages.success(
                request,
                ngettext(
                    "%(count)d lampiran ditambahkan.", "%(count)d lampiran ditambahkan.", count
                )
                % {"count": count},
            )
    return redirect("monev:finding_detail", pk=pk)
