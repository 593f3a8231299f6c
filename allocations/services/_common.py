"""Permission checks and history helpers shared by the allocations services."""

from __future__ import annotations

from django.db import models

from accounts.roles import can_write_region, is_ditjen
from dakmonev.errors import NotFound, NotPermitted


def require_ditjen(actor, action: str) -> None:
    """Only Ditjen IKMA (or a superuser) may do `action` (Indonesian verb phrase)."""
    if not is_ditjen(actor):
        raise NotPermitted(f"Hanya Ditjen IKMA yang dapat {action}.")


def require_region_writer(actor, region_id: int) -> None:
    """Ditjen, or the dinas of this very region. Another region's data is 'not found' (no leak)."""
    if can_write_region(actor, region_id):
        return
    if actor is not None and getattr(actor, "region_id", None) not in (None, region_id):
        raise NotFound("Data tidak ditemukan.")
    raise NotPermitted("Anda tidak berhak mengubah data wilayah ini.")


def save_with_history(
    instance: models.Model, actor, *, update_fields: list[str] | None = None
) -> None:
    """Save and attribute the history row to `actor` (simple-history reads `_history_user`)."""
    instance._history_user = actor
    instance.save(update_fields=update_fields)
