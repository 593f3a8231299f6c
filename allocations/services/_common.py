"""History helper shared by the allocations services (who may act: allocations.permissions)."""

from __future__ import annotations

from django.db import models


def save_with_history(
    instance: models.Model, actor, *, update_fields: list[str] | None = None
) -> None:
    """Save and attribute the history row to `actor` (simple-history reads `_history_user`)."""
    instance._history_user = actor
    instance.save(update_fields=update_fields)
