"""The menu per role (where each role goes; what it may do there is each app's `permissions.py`).
Entries whose page does not exist (yet) are left out."""

from __future__ import annotations

import functools

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from notifications.selectors import unread_count

EVERYONE = {Role.DITJEN, Role.DINAS, Role.INSPEKTORAT, Role.PIMPINAN, Role.API}
CENTRAL = {Role.DITJEN, Role.INSPEKTORAT, Role.PIMPINAN}

# (label, url name, roles that see it)
MENU: list[tuple[str, str, set[str]]] = [
    (_("Dasbor nasional"), "portal:dashboard", CENTRAL),
    (_("Daerah saya"), "portal:my_region", {Role.DINAS}),
    (_("Rencana kegiatan"), "allocations:activity_list", {Role.DINAS, Role.DITJEN}),
    (_("Unggah laporan"), "realisasi:upload", {Role.DINAS}),
    (_("Laporan"), "realisasi:report_list", EVERYONE),
    (_("Verifikasi"), "realisasi:verification_queue", {Role.DITJEN}),
    (_("Terlambat"), "realisasi:overdue_list", CENTRAL),
    (_("Peringatan"), "realisasi:alert_list", EVERYONE),
    (_("Notifikasi"), "notifications:list", EVERYONE),
    (_("Temuan monev"), "monev:finding_list", EVERYONE),
    (_("Inspeksi"), "monev:inspection_list", {Role.INSPEKTORAT, Role.DITJEN, Role.PIMPINAN}),
    (_("Outcome sentra"), "monev:outcome_summary", CENTRAL),
    (_("Admin"), "admin:index", {Role.DITJEN}),
]


@functools.lru_cache(maxsize=1)
def _resolved() -> tuple[tuple, ...]:
    """The menu's URLs, reversed once per process (they never change while it runs)."""
    resolved = []
    for label, name, roles in MENU:
        try:
            resolved.append((label, reverse(name), name, roles))
        except NoReverseMatch:
            continue
    return tuple(resolved)


def menu_for(user) -> list[dict[str, str]]:
    if not (user and user.is_authenticated):
        return []
    role = Role.DITJEN if user.is_superuser and not user.role else user.role
    return [
        {"label": label, "url": url, "name": name}
        for label, url, name, roles in _resolved()
        if role in roles
    ]


def navigation(request):
    """Context processor: the menu of the signed-in user, the notifications entry with the number
    of unread ones (one COUNT per page)."""
    user = getattr(request, "user", None)
    items = menu_for(user) if user is not None else []
    for item in items:
        if item["name"] == "notifications:list":
            item["count"] = unread_count(user=user)
    return {"nav_items": items}
