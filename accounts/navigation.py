"""The menu per role. Entries whose page does not exist (yet) are left out."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from .roles import Role

EVERYONE = {Role.DITJEN, Role.DINAS, Role.INSPEKTORAT, Role.PIMPINAN, Role.API}
CENTRAL = {Role.DITJEN, Role.INSPEKTORAT, Role.PIMPINAN}

# (label, url name, roles that see it)
MENU: list[tuple[str, str, set[str]]] = [
    ("Dasbor nasional", "realisasi:dashboard", CENTRAL),
    ("Daerah saya", "realisasi:my_region", {Role.DINAS}),
    ("Rencana kegiatan", "allocations:activity_list", {Role.DINAS, Role.DITJEN}),
    ("Unggah laporan", "realisasi:upload", {Role.DINAS}),
    ("Laporan", "realisasi:report_list", EVERYONE),
    ("Verifikasi", "realisasi:verification_queue", {Role.DITJEN}),
    ("Terlambat", "realisasi:overdue_list", CENTRAL),
    ("Peringatan", "realisasi:alert_list", EVERYONE),
    ("Notifikasi", "realisasi:notification_list", EVERYONE),
    ("Temuan monev", "monev:finding_list", EVERYONE),
    ("Inspeksi", "monev:inspection_list", {Role.INSPEKTORAT, Role.DITJEN, Role.PIMPINAN}),
    ("Outcome sentra", "monev:outcome_summary", CENTRAL),
    ("Admin", "admin:index", {Role.DITJEN}),
]


def menu_for(user) -> list[dict[str, str]]:
    if not (user and user.is_authenticated):
        return []
    role = Role.DITJEN if user.is_superuser and not user.role else user.role
    items = []
    for label, name, roles in MENU:
        if role not in roles:
            continue
        try:
            items.append({"label": label, "url": reverse(name), "name": name})
        except NoReverseMatch:
            continue
    return items
