"""Field-visit photos an inspector attaches to a finding: the same facts as progress photos
(realisasi.models.photos.PhotoEvidence), read and checked by the same code."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from allocations.scoping import RegionScopedQuerySet
from realisasi.models import PhotoEvidence


class FieldPhotoQuerySet(RegionScopedQuerySet):
    region_lookup = "finding__region_id"


class FieldPhoto(PhotoEvidence):
    """A photo taken on a monitoring visit, as evidence of a finding."""

    finding = models.ForeignKey(
        "monev.Finding", on_delete=models.PROTECT, related_name="field_photos"
    )
    history = HistoricalRecords()

    objects = FieldPhotoQuerySet.as_manager()

    class Meta:
        ordering = ["finding_id", "uploaded_at", "id"]
        verbose_name = _("foto kunjungan lapangan")
        verbose_name_plural = _("foto kunjungan lapangan")
        constraints = [
            models.UniqueConstraint(
                fields=["finding", "sha256"], name="one_copy_of_a_field_photo_per_finding"
            )
        ]

    def __str__(self) -> str:
        return f"Foto lapangan temuan #{self.finding_id}"
