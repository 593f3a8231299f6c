"""Who is told what about findings and follow-ups (DOMAIN.md §10), through `notifications.services.notify`.

Called by the service that caused the event, inside its transaction; e-mails go out on the worker
after commit. Demo (synthetic) data is shown in the application but never e-mailed.
"""

from __future__ import annotations

from django.urls import reverse

from dakmonev.spreadsheet.numbers import format_date
from notifications.models import NotificationKind
from notifications.selectors import region_dinas
from notifications.services import notify

from ..models import Finding, FollowUp

__all__ = ["finding_addressed_notify", "followup_assessed_notify", "followup_received_notify"]


def _url(finding: Finding) -> str:
    return reverse("monev:finding_detail", args=[finding.pk])


def finding_addressed_notify(*, finding: Finding) -> int:
    """Tell the region's dinas that a finding is addressed to it (what to do and by when)."""
    return notify(
        kind=NotificationKind.FINDING_ADDRESSED,
        event_key=f"finding:{finding.pk}:region:{finding.region_id}",
        users=region_dinas(finding.region_id),
        title=f"Temuan baru untuk {finding.region.name}: {finding.title}",
        body=f"Rekomendasi: {finding.rekomendasi}\nBatas tindak lanjut: "
        f"{format_date(finding.due_date)}.",
        url=_url(finding),
        email=not finding.is_synthetic,
    )


def followup_received_notify(*, followup: FollowUp) -> int:
    """Tell the inspection's team (or, without a team, the finding's recorder) that a follow-up arrived."""
    finding = followup.finding
    team = list(finding.inspection.team.filter(is_active=True))
    return notify(
        kind=NotificationKind.FOLLOWUP_RECEIVED,
        event_key=f"followup:{followup.pk}:received",
        users=team or [finding.created_by],
        title=f"Tindak lanjut masuk untuk temuan #{finding.pk} ({finding.region.name})",
        body=f"{finding.title}\nMenunggu penilaian inspektur.",
        url=_url(finding),
        email=not followup.is_synthetic,
    )


def followup_assessed_notify(*, followup: FollowUp) -> int:
    """Tell the region's dinas how its follow-up was assessed (with the inspector's note)."""
    finding = followup.finding
    note = f"\nCatatan inspektur: {followup.assessment_note}" if followup.assessment_note else ""
    return notify(
        kind=NotificationKind.FOLLOWUP_ASSESSED,
        event_key=f"followup:{followup.pk}:assessed",
        users=region_dinas(finding.region_id),
        title=f"Tindak lanjut temuan #{finding.pk} dinilai: {followup.get_assessment_status_display()}",
        body=f"{finding.title}{note}",
        url=_url(finding),
        email=not followup.is_synthetic,
    )
