"""Reads of the user's own notifications (nobody reads another's)."""

from __future__ import annotations

from django.db.models import F, QuerySet

from .models import Notification


def notification_list(*, user) -> QuerySet[Notification]:
    """The user's own notifications, unread first, newest first."""
    return Notification.objects.for_user(user).order_by(
        F("read_at").desc(nulls_first=True), "-created_at", "-id"
    )


def unread_count(*, user) -> int:
    return Notification.objects.for_user(user).unread().count()
