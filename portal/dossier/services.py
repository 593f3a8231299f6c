"""Requesting and building an auditor dossier (the writes; the contents are `contents.py`)."""

from __future__ import annotations

import hashlib
import logging
import tempfile

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from allocations.models import FiscalYear, Region
from dakmonev.errors import NotFound

from ..models import AuditDossier, DossierStatus
from ..permissions import can_request_dossier
from .contents import write_dossier

__all__ = ["dossier_build", "dossier_request"]

logger = logging.getLogger(__name__)


@transaction.atomic
def dossier_request(*, actor: User, region: Region, fiscal_year: FiscalYear) -> AuditDossier:
    """Queue the dossier of `region` for `fiscal_year`; it is built by a Celery task after commit.
    A dossier of the same region and TA still waiting or being built is returned instead."""
    can_request_dossier(actor, region).require()
    pending = (
        AuditDossier.objects.select_for_update()
        .filter(
            region=region,
            fiscal_year=fiscal_year,
            requested_by=actor,
            status__in=(DossierStatus.QUEUED, DossierStatus.BUILDING),
        )
        .first()
    )
    if pending is not None:
        return pending
    dossier = AuditDossier.objects.create(
        region=region, fiscal_year=fiscal_year, requested_by=actor, step="Menunggu giliran"
    )
    from ..tasks import build_dossier_task

    transaction.on_commit(lambda: build_dossier_task.delay(dossier.pk))
    return dossier


def _progress(dossier_id: int):
    def report(percent: int, step: str) -> None:
        # Its own small write (no transaction around the build), so the page sees it at once.
        AuditDossier.objects.filter(pk=dossier_id).update(progress=percent, step=step)

    return report


def dossier_build(*, dossier_id: int) -> AuditDossier:
    """Build the dossier's ZIP and keep it; a dossier already built is left as it is (a task run
    twice does nothing twice). Any failure ends it GAGAL with the reason, never half a file."""
    claimed = AuditDossier.objects.filter(
        pk=dossier_id, status__in=(DossierStatus.QUEUED, DossierStatus.FAILED)
    ).update(status=DossierStatus.BUILDING, progress=1, step="Dimulai", error="")
    dossier = (
        AuditDossier.objects.select_related("region", "fiscal_year", "requested_by")
        .filter(pk=dossier_id)
        .first()
    )
    if dossier is None:
        raise NotFound("Dosir tidak ditemukan.")
    if not claimed:
        return dossier  # already built, or being built by another run
    try:
        with tempfile.TemporaryFile() as tmp:
            entries = write_dossier(dossier, tmp, _progress(dossier.pk))
            tmp.seek(0)
            digest = hashlib.sha256()
            for chunk in iter(lambda: tmp.read(1 << 20), b""):
                digest.update(chunk)
            size = tmp.tell()
            tmp.seek(0)
            name = f"dosir-{dossier.region.code}-TA{dossier.fiscal_year.year}-{dossier.pk}.zip"
            dossier.file.save(name, File(tmp), save=False)
        dossier.size, dossier.sha256, dossier.file_count = (
            size,
            digest.hexdigest(),
            len(entries) + 1,
        )
        dossier.status, dossier.progress, dossier.step = DossierStatus.READY, 100, "Selesai"
        dossier.finished_at = timezone.now()
        dossier.save(
            update_fields=[
                "file",
                "size",
                "sha256",
                "file_count",
                "status",
                "progress",
                "step",
                "finished_at",
            ]
        )
    except Exception as exc:  # the reason is kept on the dossier; the traceback goes to the log
        logger.exception("Dossier %s could not be built", dossier.pk)
        AuditDossier.objects.filter(pk=dossier.pk).update(
            status=DossierStatus.FAILED,
            step="Gagal",
            error=f"Dosir gagal dibuat ({type(exc).__name__}). Coba lagi atau hubungi admin.",
            finished_at=timezone.now(),
        )
        dossier.refresh_from_db()
    return dossier
