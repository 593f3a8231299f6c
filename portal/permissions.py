"""Who may ask the portal for what: one `can_<action>(user, obj)` per action (dakmonev.decisions)."""

from __future__ import annotations

from accounts.roles import Role
from allocations.models import Region
from dakmonev.decisions import ALLOWED, Decision, deny
from dakmonev.errors import NotFound, NotPermitted

__all__ = ["can_request_dossier"]


def can_request_dossier(user, region: Region) -> Decision:
    """Build an auditor dossier of `region` (any TA): whoever may read the region's data, except
    system (api) accounts; another region's dossier is a 404, never a hint that it exists."""
    if not Region.objects.visible_to(user).filter(pk=region.pk).exists():
        return deny(NotFound("Data tidak ditemukan."))
    if user.role == Role.API:
        return deny(NotPermitted("Akun sistem (API) tidak membuat dosir."))
    return ALLOWED
