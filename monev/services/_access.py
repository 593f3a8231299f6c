"""Who may act on monev data — asked by every service, never by views."""

from __future__ import annotations

from django.db import models

from accounts.roles import can_write_region, is_ditjen, is_inspector
from dakmonev.errors import NotFound, NotPermitted


def require_inspector(actor, what: str) -> None:
    if not is_inspector(actor):
        raise NotPermitted(f"Hanya Inspektorat Jenderal yang dapat {what}.")


def require_visible(actor, obj: models.Model) -> None:
    """NotFound (never a hint that it exists) when the actor may not see obj's region."""
    if not type(obj).objects.visible_to(actor).filter(pk=obj.pk).exists():
        raise NotFound("Data tidak ditemukan.")


def require_region_writer(actor, region_id: int, what: str) -> None:
    """Follow-ups are written by the region's dinas, or by Ditjen IKMA on its behalf."""
    if not can_write_region(actor, region_id):
        raise NotPermitted(
            f"Hanya dinas wilayah ini (atau Ditjen IKMA atas namanya) yang dapat {what}."
        )


def require_outcome_recorder(actor) -> None:
    if not (is_inspector(actor) or is_ditjen(actor)):
        raise NotPermitted(
            "Hanya Inspektorat Jenderal atau Ditjen IKMA yang dapat mencatat survei outcome."
        )
