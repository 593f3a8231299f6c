"""RK approval cycle buttons: dinas submits; Ditjen approves or returns with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from ..forms import ReturnForm
from ..services.rk import rk_approve, rk_return, rk_submit
from ._common import allocation_or_404, list_url, run


@login_required
@require_POST
def rk_submit_view(request, allocation_id: int):
    allocation = allocation_or_404(request, allocation_id)
    run(request, lambda: rk_submit(actor=request.user, allocation=allocation), "RK diajukan ke Ditjen IKMA.")
    return redirect(list_url(allocation))


@login_required
@require_POST
def rk_approve_view(request, allocation_id: int):
    allocation = allocation_or_404(request, allocation_id)
    run(request, lambda: rk_approve(actor=request.user, allocation=allocation), "RK disetujui.")
    return redirect(list_url(allocation))


@login_required
@require_POST
def rk_return_view(request, allocation_id: int):
    allocation = allocation_or_404(request, allocation_id)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tuliskan alasan RK dikembalikan.")
    else:
        run(request, lambda: rk_return(actor=request.user, allocation=allocation, note=form.cleaned_data["note"]),
            "RK dikembalikan ke dinas.")
    return redirect(list_url(allocation))
