"""The RK's approval cycle: dinas submits, Ditjen approves or returns it."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dakmonev.errors import DomainError
from notifications.models import NotificationKind
from notifications.selectors import region_dinas
from notifications.services import notify

from ..choices import RKStatus
from ..models import Allocation
from ..permissions import can_approve_rk, can_return_rk, can_submit_rk
from ._common import save_with_history
from .activities import lock_allocation


@transaction.atomic
def rk_submit(*, actor, allocation: Allocation) -> Allocation:
    """Submit a draft or returned RK with at least one line for Ditjen's approval."""
    allocation = lock_allocation(allocation)
    can_submit_rk(actor, allocation).require()
    if not allocation.activities.exists():
        raise DomainError("RK belum memiliki baris kegiatan.")
    allocation.rk_status = RKStatus.SUBMITTED
    save_with_history(allocation, actor)
    return allocation


@transaction.atomic
def rk_approve(*, actor, allocation: Allocation, note: str = "") -> Allocation:
    """Approve a submitted RK (Ditjen only); records who and when."""
    allocation = lock_allocation(allocation)
    can_approve_rk(actor, allocation).require()
    allocation.rk_status = RKStatus.APPROVED
    allocation.rk_status_note = note
    allocation.rk_approved_by = actor
    allocation.rk_approved_at = timezone.now()
    save_with_history(allocation, actor)
    _tell_dinas(allocation, NotificationKind.RK_APPROVED)
    return allocation


@transaction.atomic
def rk_return(*, actor, allocation: Allocation, note: str) -> Allocation:
    """Return a submitted or approved RK to the dinas with a reason (Ditjen only)."""
    can_return_rk(actor).require()  # the role before the input
    if not (note or "").strip():
        raise DomainError("Alasan pengembalian wajib diisi.", field="note")
    allocation = lock_allocation(allocation)
    can_return_rk(actor, allocation).require()
    allocation.rk_status = RKStatus.RETURNED
    allocation.rk_status_note = note.strip()
    allocation.rk_approved_by = None
    allocation.rk_approved_at = None
    save_with_history(allocation, actor)
    _tell_dinas(allocation, NotificationKind.RK_RETURNED)
    return allocation


def _tell_dinas(allocation: Allocation, kind: str) -> None:
    """The region's dinas learns that its RK was approved or returned (with Ditjen's note)."""
    what = f"RK TA {allocation.fiscal_year.year} {allocation.region.name}"
    note = allocation.rk_status_note
    if kind == NotificationKind.RK_RETURNED:
        title, body = f"{what} dikembalikan", f"Alasan: {note}\nPerbaiki RK lalu ajukan lagi."
    else:
        title, body = f"{what} disetujui", (f"Catatan Ditjen: {note}" if note else "")
    event = allocation.history.order_by("-history_id").values_list("history_id", flat=True)[0]
    notify(
        kind=kind,
        event_key=f"rk:{allocation.pk}:{kind}:{event}",
        users=region_dinas(allocation.region_id),
        title=title,
        body=body,
        url=f"{reverse('allocations:activity_list')}?year={allocation.fiscal_year.year}"
        f"&region={allocation.region.code}",
    )
