"""Celery tasks of notifications (autodiscovered as `notifications.tasks`)."""

from __future__ import annotations

from celery import shared_task

__all__ = ["send_notification_emails_task"]


@shared_task(name="notifications.tasks.send_notification_emails_task")
def send_notification_emails_task(event_key: str | None = None) -> int:
    """E-mail the pending notifications of one event (all pending when None); running it twice sends nothing twice."""
    from .services import notifications_send_emails

    return notifications_send_emails(event_keys=None if event_key is None else [event_key])
