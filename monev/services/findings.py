"""Writes of findings: recorded, corrected and closed by inspectors only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from allocations.models import PlannedActivity, ProblemCode, Region
from dakmonev.errors import Conflict, DomainError

from ..choices import Severity
from ..models import Finding, Inspection
from ..permissions import can_close_finding, can_edit_finding, can_record_finding
from .alerts import followup_alert_settle
from .attachments import _store, check_uploads
from .notifications import finding_addressed_notify

EDITABLE_FIELDS = {
    "title",
    "kondisi",
    "kriteria",
    "sebab",
    "akibat",
    "rekomendasi",
    "amount",
    "activity",
    "problem_code",
    "severity",
    "due_date",
    "region",
}
REQUIRED_TEXT = ("title", "kondisi", "kriteria", "sebab", "akibat", "rekomendasi")


def _validate(finding: Finding) -> None:
    for key in REQUIRED_TEXT:
        if not (getattr(finding, key) or "").strip():
            raise DomainError(
                f"{Finding._meta.get_field(key).verbose_name.capitalize()} wajib diisi.", field=key
            )
    if finding.amount is not None and finding.amount < 0:
        raise DomainError("Nilai temuan tidak boleh negatif.", field="amount")
    if finding.severity not in Severity.values:
        raise DomainError("Tingkat temuan tidak dikenal.", field="severity")
    if finding.activity_id is not None:
        activity = PlannedActivity.objects.select_related("allocation").get(pk=finding.activity_id)
        if (
            activity.allocation.region_id != finding.region_id
            or activity.allocation.fiscal_year_id != finding.inspection.fiscal_year_id
        ):
            raise DomainError(
                "Kegiatan RK harus milik wilayah penanggung jawab dan TA yang diinspeksi.",
                field="activity",
            )


@transaction.atomic
def finding_create(
    *,
    actor: User,
    inspection: Inspection,
    title: str,
    kondisi: str,
    kriteria: str,
    sebab: str,
    akibat: str,
    rekomendasi: str,
    due_date: dt.date,
    severity: str = Severity.SEDANG,
    region: Region | None = None,
    amount: Decimal | None = None,
    activity: PlannedActivity | None = None,
    problem_code: ProblemCode | None = None,
    files: Iterable[File] = (),
    is_synthetic: bool = False,
) -> Finding:
    """Records a finding of an inspection (inspectors only), status BELUM, region defaulting to the inspection's."""
    can_record_finding(actor, inspection).require()
    files = list(files)
    check_uploads(files)
    finding = Finding(
        inspection=inspection,
        region=region or inspection.region,
        title=title.strip(),
        kondisi=kondisi,
        kriteria=kriteria,
        sebab=sebab,
        akibat=akibat,
        rekomendasi=rekomendasi,
        amount=amount,
        activity=activity,
        problem_code=problem_code,
        severity=severity,
        due_date=due_date,
        created_by=actor,
        is_synthetic=is_synthetic,
    )
    _validate(finding)
    finding._history_user = actor
    finding.save()
    for upload in files:
        _store(
            actor=actor, finding=finding, followup=None, upload=upload, is_synthetic=is_synthetic
        )
    finding_addressed_notify(finding=finding)
    return finding


@transaction.atomic
def finding_update(*, actor: User, finding: Finding, **changes) -> Finding:
    """Corrects an open finding (inspectors only); the before and after stay in its history."""
    can_edit_finding(actor).require()  # the role before the input
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise DomainError(f"Kolom tidak dapat diubah: {', '.join(sorted(unknown))}.")
    finding = Finding.objects.select_for_update().select_related("inspection").get(pk=finding.pk)
    can_edit_finding(actor, finding).require()
    previous_region_id = finding.region_id
    for key, value in changes.items():
        setattr(finding, key, value)
    _validate(finding)
    finding._history_user = actor
    finding.save()
    followup_alert_settle(finding=finding, previous_region_id=previous_region_id)
    if finding.region_id != previous_region_id:
        finding_addressed_notify(finding=finding)  # now addressed to another region
    return finding


@transaction.atomic
def finding_close(*, actor: User, finding: Finding, note: str = "") -> Finding:
    """Closes a finding — by an inspector, only when its last assessment is SELESAI or TIDAK_DAPAT."""
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    can_close_finding(actor, finding).require()
    if finding.followups.filter(assessed_at__isnull=True).exists():
        raise Conflict("Masih ada tindak lanjut yang belum dinilai.")
    finding.closed_by = actor
    finding.closed_at = timezone.now()
    finding.closing_note = note
    finding._history_user = actor
    finding.save()
    followup_alert_settle(finding=finding)
    return finding
