"""Background work of the portal: building auditor dossiers."""

from __future__ import annotations

from celery import shared_task

__all__ = ["build_dossier_task"]


@shared_task(name="portal.tasks.build_dossier_task")
def build_dossier_task(dossier_id: int) -> str:
    """Build one auditor dossier; one already built is left untouched (safe to run twice)."""
    from .dossier.services import dossier_build

    return dossier_build(dossier_id=dossier_id).status
