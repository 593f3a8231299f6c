"""Photos documenting an RK line's physical progress (DOMAIN.md §8), with what their files say.

`PhotoEvidence` holds what every evidence photo keeps — the original under a generated name,
a display copy and a thumbnail without EXIF, hashes, capture time and place, distance from the
sentra and the flags — so monev's field-visit photos keep exactly the same facts.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from allocations.scoping import RegionScopedQuerySet

from ..choices import LocationSource, PhotoReview, ProgressPoint

COORDINATE = {"max_digits": 9, "decimal_places": 6}


def photo_path(instance, filename: str) -> str:
    """A generated name, never the person's: `foto/YYYY/MM/<uuid>-<role>.<ext>`, where the
    services pass `<role>.<ext>` themselves (`asli.heic`, `tampilan.jpg`, `kecil.jpg`)."""
    role, _dot, ext = filename.rpartition("/")[-1].partition(".")
    role = role if role in ("asli", "tampilan", "kecil") else "berkas"
    ext = ext if ext in ("jpg", "png", "heic") else "bin"
    return f"foto/{timezone.now():%Y/%m}/{uuid.uuid4().hex}-{role}.{ext}"


class PhotoEvidence(models.Model):
    """What a photo's bytes and its upload say about where and when it was taken."""

    original = models.FileField(_("berkas asli"), upload_to=photo_path, max_length=200)
    display = models.FileField(_("salinan tampilan"), upload_to=photo_path, max_length=200)
    thumbnail = models.FileField(_("gambar kecil"), upload_to=photo_path, max_length=200)
    content_type = models.CharField(max_length=40)
    size_bytes = models.PositiveIntegerField(_("ukuran (bita)"))
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    phash = models.CharField(_("hash perseptual"), max_length=16, db_index=True)
    taken_at = models.DateTimeField(_("waktu pengambilan"), null=True, blank=True)
    latitude = models.DecimalField(_("lintang"), null=True, blank=True, **COORDINATE)
    longitude = models.DecimalField(_("bujur"), null=True, blank=True, **COORDINATE)
    location_source = models.CharField(
        _("sumber lokasi"), max_length=8, choices=LocationSource.choices, blank=True
    )
    accuracy_m = models.DecimalField(
        _("akurasi lokasi peramban (m)"), max_digits=9, decimal_places=1, null=True, blank=True
    )
    distance_km = models.DecimalField(
        _("jarak dari sentra (km)"), max_digits=8, decimal_places=3, null=True, blank=True
    )
    flags = models.JSONField(_("tanda"), default=list, blank=True)  # PhotoFlag codes
    flag_notes = models.JSONField(_("penjelasan tanda"), default=dict, blank=True)  # code → text
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah"), default=timezone.now)
    is_synthetic = models.BooleanField(_("data sintetis (demo)"), default=False)

    class Meta:
        abstract = True


class ActivityPhotoQuerySet(RegionScopedQuerySet):
    region_lookup = "activity__allocation__region_id"

    def flagged(self):
        return self.exclude(flags=[])


class ActivityPhoto(PhotoEvidence):
    """A photo of one RK line at a progress point (0, 25, 50, 75, 100 %), reviewed by a verifier."""

    activity = models.ForeignKey(
        "allocations.PlannedActivity", on_delete=models.PROTECT, related_name="photos"
    )
    progress_point = models.PositiveSmallIntegerField(
        _("titik kemajuan"), choices=ProgressPoint.choices
    )
    quarter = models.PositiveSmallIntegerField(_("triwulan yang didokumentasikan"))
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_status = models.CharField(
        _("pemeriksaan"), max_length=10, choices=PhotoReview.choices, default=PhotoReview.PENDING
    )
    review_note = models.TextField(_("catatan pemeriksa"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = ActivityPhotoQuerySet.as_manager()

    class Meta:
        ordering = ["activity_id", "progress_point", "uploaded_at", "id"]
        verbose_name = _("foto kemajuan kegiatan")
        verbose_name_plural = _("foto kemajuan kegiatan")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "sha256"], name="one_copy_of_a_photo_per_activity"
            ),
            models.CheckConstraint(
                condition=Q(progress_point__in=ProgressPoint.values),
                name="photo_progress_point_known",
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="photo_quarter_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"Foto {self.progress_point} % kegiatan #{self.activity_id}"
