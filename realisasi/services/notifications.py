"""Notifications: one per user and alert, shown in the app and emailed at most once."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from dakmonev.errors import NotFound

from ..models import Alert, Notification

logger = logging.getLogger(__name__)

__all__ = ["notification_mark_read", "notifications_create", "notifications_send_emails"]


def notifications_create(*, alert: Alert, users: Iterable) -> int:
    """Give each user one notification of `alert` (the unique constraint drops repeats); returns how many are new."""
    users = [u for u in users if u is not None]
    if not users:
        return 0
    before = Notification.objects.filter(alert=alert).count()
    Notification.objects.bulk_create(
        [
            Notification(user=u, alert=alert, title=alert.title, body=alert.message, url=alert.url)
            for u in users
        ],
        ignore_conflicts=True,
    )
    return Notification.objects.filter(alert=alert).count() - before


def _email_body(n: Notification) -> str:
    link = (
        f"\n\n{settings.SITE_URL.rstrip('/')}{n.url}"
        if n.url and getattr(settings, "SITE_URL", "")
        else (f"\n\n{n.url}" if n.url else "")
    )
    return f"{n.body}{link}\n\n— Monev DAK Fisik IKM, Ditjen IKMA Kementerian Perindustrian"


def notifications_send_emails(*, alert_ids: Iterable[int] | None = None) -> int:
    """Email every pending notification of an open alert exactly once; returns how many were sent.

    Each email is claimed with a conditional UPDATE (… WHERE emailed_at IS NULL) in the same
    transaction that sends it: a second run, or a concurrent one, finds nothing to claim; a failed
    send rolls the claim back so the next run retries it.
    """
    pending = Notification.objects.filter(
        emailed_at__isnull=True,
        alert__resolved_at__isnull=True,
        user__is_active=True,
    ).exclude(user__email="")
    if alert_ids is not None:
        pending = pending.filter(alert_id__in=list(alert_ids))
    sent = 0
    for pk in list(pending.order_by("pk").values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                if not Notification.objects.filter(pk=pk, emailed_at__isnull=True).update(
                    emailed_at=timezone.now()
                ):
                    continue  # another run claimed it
                n = Notification.objects.select_related("user").get(pk=pk)
                send_mail(n.title, _email_body(n), None, [n.user.email], fail_silently=False)
                sent += 1
        except (smtplib.SMTPException, OSError):
            logger.exception("email of notification %s failed; it stays pending", pk)
    return sent


@transaction.atomic
def notification_mark_read(*, actor, notification_id: int | None = None) -> int:
    """Mark one of the actor's own notifications (or all, when no id) read; another user's is NotFound."""
    qs = Notification.objects.for_user(actor).filter(read_at__isnull=True)
    if notification_id is not None:
        if not Notification.objects.for_user(actor).filter(pk=notification_id).exists():
            raise NotFound("Notifikasi tidak ditemukan.")
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=timezone.now())
