"""Demo accounts of every role (synthetic). Password is the same for all and printed by seed_demo."""

from __future__ import annotations

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_create

DEMO_PASSWORD = "DemoDAK-2026!"  # noqa: S105 — published demo login, demo data only

# Dinas accounts for a handful of regions across WIB, WITA and WIT; the allocations demo gives
# each of these an allocation in every demo TA from 2023 on.
DEMO_DINAS = [
    ("dinas.kabbandung", "32.04"),
    ("dinas.kabmalang", "35.07"),
    ("dinas.makassar", "73.71"),
    ("dinas.jayapura", "91.71"),
    ("dinas.sorong", "96.71"),
]
DEMO_CENTRAL = [
    ("ditjen", Role.DITJEN, "Staf Ditjen IKMA"),
    ("pimpinan", Role.PIMPINAN, "Pimpinan Kemenperin"),
    ("inspektur", Role.INSPEKTORAT, "Inspektur Itjen"),
    ("sistem.api", Role.API, "Sistem lain (API)"),
]


def seed(**_kwargs) -> list[tuple[str, str, str]]:
    """Create or refresh the demo accounts; returns (username, role, region) for printing."""
    logins = []
    for username, role, full_name in DEMO_CENTRAL:
        user = user_create(
            actor=None, username=username, role=role, password=DEMO_PASSWORD, update=True
        )
        User.objects.filter(pk=user.pk).update(first_name=full_name)
        logins.append((username, role, "semua wilayah"))
    for username, code in DEMO_DINAS:
        user = user_create(
            actor=None,
            username=username,
            role=Role.DINAS,
            region_code=code,
            password=DEMO_PASSWORD,
            update=True,
        )
        logins.append((username, Role.DINAS, str(user.region)))
    return logins


def demo_actor() -> User:
    return User.objects.get(username="ditjen")
