"""Reads of alerts for pages and the API (always scoped)."""

from __future__ import annotations

from django.db.models import QuerySet

from ..models import Alert, AlertKind


def alert_list(
    *, user, year: int | None = None, kind: str = "", state: str = "open", province: str = ""
) -> QuerySet[Alert]:
    """Alerts the user may see (region scoping), newest first; `state` is open, resolved or all;
    a province code keeps the province's own alerts and those of its kabupaten/kota."""
    qs = Alert.objects.visible_to(user).select_related("region", "fiscal_year")
    if state == "open":
        qs = qs.open()
    elif state == "resolved":
        qs = qs.resolved()
    if year:
        qs = qs.filter(fiscal_year__year=year)
    if kind in AlertKind.values:
        qs = qs.filter(kind=kind)
    if province:
        qs = qs.in_province(province)
    return qs.order_by("resolved_at", "-created_at", "-id")
