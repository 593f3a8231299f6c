"""The auditor dossier: one region's TA packed for auditors, built in the background."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from allocations.scoping import RegionScopedQuerySet


class DossierStatus(models.TextChoices):
    QUEUED = "MENUNGGU", _("Menunggu dibuat")
    BUILDING = "DIBUAT", _("Sedang dibuat")
    READY = "SIAP", _("Siap diunduh")
    FAILED = "GAGAL", _("Gagal")


def dossier_path(instance: AuditDossier, filename: str) -> str:
    return f"dossiers/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.zip"


class AuditDossierQuerySet(RegionScopedQuerySet):
    pass


class AuditDossier(models.Model):
    """A ZIP of every original upload, each version's lines, the history of changes, the
    findings with their files and a PDF summary of one region and TA (portal.dossier)."""

    region = models.ForeignKey(
        "allocations.Region", on_delete=models.PROTECT, related_name="dossiers"
    )
    fiscal_year = models.ForeignKey(
        "allocations.FiscalYear", on_delete=models.PROTECT, related_name="dossiers"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10, choices=DossierStatus.choices, default=DossierStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    step = models.CharField(_("langkah"), max_length=200, blank=True)
    file = models.FileField(_("berkas ZIP"), upload_to=dossier_path, max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    file_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    objects = AuditDossierQuerySet.as_manager()

    class Meta:
        ordering = ("-requested_at", "-pk")
        verbose_name = _("dosir auditor")
        verbose_name_plural = _("dosir auditor")

    def __str__(self) -> str:
        return f"Dosir {self.region.code} TA {self.fiscal_year.year} #{self.pk}"
