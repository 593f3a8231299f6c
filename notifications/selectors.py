"""Reads of the user's own notifications (nobody reads another's)."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import F, QuerySet

from accounts.models import User
from accounts.roles import Role

from .models import Notification

# The menu shows the unread count on every page: kept in the cache per user (no query per page),
# dropped by the services whenever a notification of the user is created or read.
UNREAD_SECONDS = 600


def unread_cache_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def region_dinas(region_id: int) -> QuerySet[User]:
    """The active people of a region's dinas: whoever acts on what happens to its work."""
    return User.objects.filter(role=Role.DINAS, region_id=region_id, is_active=True)


def notification_list(*, user) -> QuerySet[Notification]:
    """The user's own notifications, unread first, newest first."""
    return Notification.objects.for_user(user).order_by(
        F("read_at").desc(nulls_first=True), "-created_at", "-id"
    )


def unread_count(*, user) -> int:
    """How many of the user's notifications are unread (from the cache when it is current)."""
    if not (user and user.is_authenticated):
        return 0
    key = unread_cache_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.for_user(user).unread().count()
        cache.set(key, count, UNREAD_SECONDS)
    return count
