"""The region answers a finding (follow-up with evidence); the inspector assesses each answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from allocations.scoping import require_visible
from dakmonev.errors import DomainError

from ..choices import FollowUpStatus
from ..models import Finding, FollowUp
from ..permissions import can_answer_finding, can_assess_followup
from .alerts import followup_alert_settle
from .attachments import _store, check_uploads
from .notifications import followup_assessed_notify, followup_received_notify


@transaction.atomic
def followup_submit(
    *,
    actor: User,
    finding: Finding,
    description: str,
    date: dt.date,
    files: Iterable[File] = (),
    is_synthetic: bool = False,
) -> FollowUp:
    """Records the region's follow-up of an open finding with its evidence files.

    Written by the dinas of the finding's region, or by Ditjen IKMA on its behalf (e.g. when the
    region answered by letter) — the same rule as other regional data (`can_answer_finding`).
    Inspectors assess follow-ups; they never write them.
    """
    require_visible(actor, finding)
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    can_answer_finding(actor, finding).require()
    if not description.strip():
        raise DomainError("Uraian tindak lanjut wajib diisi.", field="description")
    if date > timezone.localdate():
        raise DomainError("Tanggal tindak lanjut tidak boleh di masa depan.", field="date")
    files = list(files)
    check_uploads(files)
    followup = FollowUp(
        finding=finding,
        description=description.strip(),
        date=date,
        submitted_by=actor,
        is_synthetic=is_synthetic,
    )
    followup._history_user = actor
    followup.save()
    for upload in files:
        _store(
            actor=actor,
            finding=finding,
            followup=followup,
            upload=upload,
            is_synthetic=is_synthetic,
        )
    followup_received_notify(followup=followup)
    return followup


@transaction.atomic
def followup_assess(*, actor: User, followup: FollowUp, status: str, note: str = "") -> FollowUp:
    """An inspector assesses a follow-up once; the finding's status becomes this assessment."""
    can_assess_followup(actor).require()  # the role before the input
    if status not in FollowUpStatus.values:
        raise DomainError("Status penilaian tidak dikenal.", field="status")
    followup = FollowUp.objects.select_for_update().get(pk=followup.pk)
    finding = Finding.objects.select_for_update().get(pk=followup.finding_id)
    followup.finding = finding
    can_assess_followup(actor, followup).require()
    if status != FollowUpStatus.SELESAI and not note.strip():
        raise DomainError(
            "Beri catatan bila tindak lanjut belum/tidak sesuai rekomendasi.", field="note"
        )
    followup.assessment_status = status
    followup.assessment_note = note.strip()
    followup.assessed_by = actor
    followup.assessed_at = timezone.now()
    followup._history_user = actor
    followup.save()
    if finding.status != status:
        finding.status = status
        finding._history_user = actor
        finding.save(update_fields=["status"])
        followup_alert_settle(finding=finding)
    followup_assessed_notify(followup=followup)
    return followup
