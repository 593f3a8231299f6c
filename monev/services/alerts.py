"""Alerts for follow-ups past their due date, through realisasi's one alert mechanism.

One FOLLOWUP_OVERDUE alert per finding (subject_key "finding:<id>", quarter none), raised while
the finding is open, still BELUM/PROSES and past its due date; resolved as soon as it is not.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from dakmonev.spreadsheet.numbers import format_date
from realisasi.models import Alert, AlertKind
from realisasi.services.alerts import alert_raise, alert_resolve

from ..models import Finding

KIND = AlertKind.FOLLOWUP_OVERDUE


def subject_key(finding_id: int) -> str:
    return f"finding:{finding_id}"


@dataclass
class FollowUpAlertRun:
    raised: int = 0
    resolved: int = 0
    open_alerts: list[int] = field(default_factory=list)


def _text(finding: Finding, as_of: dt.date) -> tuple[str, str]:
    days = (as_of - finding.due_date).days
    title = f"Tindak lanjut temuan #{finding.pk} terlambat ({finding.region.name})"
    message = (
        f'Temuan "{finding.title}" (TA {finding.inspection.fiscal_year.year}) belum ditindaklanjuti '
        f"sesuai rekomendasi; batasnya {format_date(finding.due_date)} ({days} hari lalu). "
        f"Status: {finding.get_status_display()}. Kirim tindak lanjut beserta buktinya."
    )
    return title, message


def check_overdue_followups(as_of: dt.date | None = None) -> FollowUpAlertRun:
    """Raise one alert per overdue follow-up (notifying the region's dinas and the recording inspector)
    and resolve the alerts of findings no longer overdue; safe to re-run or run concurrently."""
    as_of = as_of or timezone.localdate()
    run = FollowUpAlertRun()
    overdue = list(
        Finding.objects.overdue(as_of).select_related(
            "region", "inspection__fiscal_year", "created_by"
        )
    )
    overdue_keys = {subject_key(f.pk) for f in overdue}
    open_alerts = list(Alert.objects.open().filter(kind=KIND).select_related("fiscal_year"))
    for alert in open_alerts:
        if alert.subject_key not in overdue_keys:
            run.resolved += alert_resolve(
                kind=KIND,
                region=alert.region_id,
                fiscal_year=alert.fiscal_year,
                subject_key=alert.subject_key,
            )
    already_open = {(a.subject_key, a.region_id) for a in open_alerts}
    dinas = defaultdict(list)
    for user in User.objects.filter(
        role=Role.DINAS, is_active=True, region_id__in={f.region_id for f in overdue}
    ):
        dinas[user.region_id].append(user)
    for finding in overdue:
        if (subject_key(finding.pk), finding.region_id) in already_open:
            continue  # open and notified when it was raised
        title, message = _text(finding, as_of)
        alert_raise(
            kind=KIND,
            region=finding.region,
            fiscal_year=finding.inspection.fiscal_year,
            subject_key=subject_key(finding.pk),
            title=title,
            message=message,
            url=reverse("monev:finding_detail", args=[finding.pk]),
            due_date=finding.due_date,
            notify_users=[*dinas[finding.region_id], finding.created_by],
        )
        run.raised += 1  # new, or re-opened after it had been resolved
    run.open_alerts = list(Alert.objects.open().filter(kind=KIND).values_list("pk", flat=True))
    return run


def followup_alert_settle(*, finding: Finding, previous_region_id: int | None = None) -> int:
    """Resolve the finding's overdue alert now when it is no longer overdue (or moved region); returns 0 or 1.

    Called inside the writing service's transaction; the daily check raises it again if needed.
    """
    resolved = 0
    fy = finding.inspection.fiscal_year
    if previous_region_id and previous_region_id != finding.region_id:
        resolved += alert_resolve(
            kind=KIND,
            region=previous_region_id,
            fiscal_year=fy,
            subject_key=subject_key(finding.pk),
        )
    if not Finding.objects.overdue(timezone.localdate()).filter(pk=finding.pk).exists():
        resolved += alert_resolve(
            kind=KIND, region=finding.region_id, fiscal_year=fy, subject_key=subject_key(finding.pk)
        )
    return resolved
