"""Roles of DOMAIN.md §5 and the facts about a user every permission is built from.

The actions themselves are decided by one `can_<action>(user, obj)` per action in each app's
`permissions.py`, asked alike by services, pages, templates and importers.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DITJEN = "ditjen", _("Ditjen IKMA")
    DINAS = "dinas", _("Dinas daerah")
    INSPEKTORAT = "inspektorat", _("Inspektorat Jenderal")
    PIMPINAN = "pimpinan", _("Pimpinan")
    API = "api", _("Sistem lain (API)")


# Roles that see every region (read). An `api` user sees all only when it has no region.
ALL_REGION_ROLES = {Role.DITJEN, Role.INSPEKTORAT, Role.PIMPINAN}
# Roles that may be bound to a region (a dinas user must be; an api account may be).
REGION_ROLES = (Role.DINAS, Role.API)


def sees_all_regions(user) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or user.role in ALL_REGION_ROLES:
        return True
    return user.role == Role.API and user.region_id is None


def is_ditjen(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.role == Role.DITJEN)
    )


def is_inspector(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.role == Role.INSPEKTORAT)
    )


def is_dinas(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role == Role.DINAS)


def is_region_writer(user, region_id: int | None) -> bool:
    """Regional data (RK, procurement, reports, follow-ups) is written by ditjen or that region's dinas.

    An `api` account bound to a region writes as that region's dinas would.
    """
    if is_ditjen(user):
        return True
    if not (user and user.is_authenticated and user.is_active):
        return False
    return (
        user.role in (Role.DINAS, Role.API)
        and user.region_id is not None
        and user.region_id == region_id
    )
