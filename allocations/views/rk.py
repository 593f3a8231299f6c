"""RK approval cycle buttons: dinas submits; Ditjen approves or returns with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dakmonev.web import call_service, require

from ..forms import ReturnForm
from ..permissions import can_return_rk
from ..services.rk import rk_approve, rk_return, rk_submit
from ._common import allocation_or_404, list_url


@login_required
@require_POST
def rk_submit_view(request, allocation_id: int):
    allocation = allocation_or_404(request, allocation_id)
    call_service(
        request, rk_submit, allocation=allocation, success=_("RK diajukan ke Ditjen IKMA.")
    )
    return redirect(list_url(allocation))


@login_required
@require_POST
def rk_approve_view(request, allocation_id: int):
    allocation = allocation_or_404(request, allocation_id)
    call_service(request, rk_approve, allocation=allocation, success=_("RK disetujui."))
    return redirect(list_url(allocation))


@login_required
@require_POST
def rk_return_view(request, allocation_id: int):
    allocation = allocation_or_404(request, allocation_id)
    require(can_return_rk(request.user, allocation))
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan alasan RK dikembalikan."))
    else:
        call_service(
            request,
            rk_return,
            allocation=allocation,
            note=form.cleaned_data["note"],
            success=_("RK dikembalikan ke dinas."),
        )
    return redirect(list_url(allocation))
