"""Writes of notifications: `notify` (the one entry point every service calls), e-mails, read marks."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from dakmonev.errors import NotFound

from .models import Notification
from .selectors import unread_cache_key

logger = logging.getLogger(__name__)

__all__ = ["notification_mark_read", "notifications_send_emails", "notify"]

# A pending e-mail older than this is not sent any more (a user who opts in again later is not
# sent last month's news); the notification stays in the application.
EMAIL_MAX_AGE = dt.timedelta(days=2)


def notify(
    *,
    kind: str,
    event_key: str,
    users: Iterable,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
) -> int:
    """Give each user one notification of the event `event_key` and, after commit, queue its e-mails
    on the worker; a repeated call for the same event adds nothing. Returns how many are new.

    Called by the service that caused the event, inside its transaction: the notification commits
    (or rolls back) with the change it tells about. `email=False` leaves the e-mails to a later
    sweep (`notifications_send_emails()`), for batch jobs that send once at the end.
    """
    users = {u.pk: u for u in users if u is not None and u.is_active}
    if not users:
        return 0
    before = Notification.objects.filter(event_key=event_key).count()
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=pk,
                kind=kind,
                event_key=event_key,
                title=title[:200],
                body=body,
                url=url[:300],
            )
            for pk in users
        ],
        ignore_conflicts=True,
    )
    created = Notification.objects.filter(event_key=event_key).count() - before
    _unread_changed(users)
    if email and created:
        from .tasks import send_notification_emails_task

        transaction.on_commit(lambda: send_notification_emails_task.delay(event_key))
    return created


def _unread_changed(user_ids) -> None:
    """The menu's cached unread counts of these users are stale once this transaction commits
    (and now: a reader in between recounts the old rows, never caches the new count early)."""
    keys = [unread_cache_key(pk) for pk in user_ids]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def _email_body(n: Notification) -> str:
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    link = f"\n\n{site}{n.url}" if n.url else ""
    return f"{n.body}{link}\n\n— Monev DAK Fisik IKM, Ditjen IKMA Kementerian Perindustrian"


def _pending(event_keys: Iterable[str] | None):
    pending = Notification.objects.filter(
        emailed_at__isnull=True,
        created_at__gte=timezone.now() - EMAIL_MAX_AGE,
        user__is_active=True,
        user__email_notifications=True,
    ).exclude(user__email="")
    if event_keys is not None:
        pending = pending.filter(event_key__in=list(event_keys))
    return pending


def notifications_send_emails(*, event_keys: Iterable[str] | None = None) -> int:
    """E-mail every pending notification (of these events, or all) exactly once; returns how many were sent.

    Each e-mail is claimed with a conditional UPDATE (… WHERE emailed_at IS NULL) in the same
    transaction that sends it: a second run, or a concurrent one, finds nothing to claim; a failed
    send rolls the claim back so the next run retries it. Users who opted out, have no address or
    are inactive get none.
    """
    sent = 0
    for pk in list(_pending(event_keys).order_by("pk").values_list("pk", flat=True)):
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
    marked = qs.update(read_at=timezone.now())
    _unread_changed([actor.pk])
    return marked
