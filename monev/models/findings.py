"""Findings (temuan), the region's follow-ups (tindak lanjut) and evidence attachments."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import BooleanField, Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from allocations.scoping import RegionScopedQuerySet

from ..choices import PENDING_STATUSES, FollowUpStatus, Severity

MONEY = {"max_digits": 18, "decimal_places": 2}


class FindingQuerySet(RegionScopedQuerySet):
    region_lookup = "region_id"

    def open(self):
        """Not yet closed by an inspector."""
        return self.filter(closed_at__isnull=True)

    def closed(self):
        return self.filter(closed_at__isnull=False)

    def overdue(self, as_of: dt.date):
        """Open findings past their due date whose follow-up is still pending (BELUM/PROSES)."""
        return self.filter(followup_overdue_q(as_of))

    def with_overdue_flag(self, as_of: dt.date):
        """Annotate `is_overdue`: the same rule, for lists, exports and the finding page."""
        return self.annotate(
            is_overdue=Case(
                When(followup_overdue_q(as_of), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )


def followup_overdue_q(as_of: dt.date) -> Q:
    """The one rule of an overdue follow-up (also counted in the selectors' aggregates): an open
    finding past its due date whose follow-up is still pending."""
    return Q(closed_at__isnull=True, status__in=PENDING_STATUSES, due_date__lt=as_of)


class Finding(models.Model):
    """A temuan: kondisi, kriteria, sebab, akibat and the recommendation a region must follow up.

    `status` is the inspector's last assessment of a follow-up (BELUM until the first one);
    only an inspector closes a finding, and only from SELESAI or TIDAK_DAPAT.
    """

    inspection = models.ForeignKey(
        "monev.Inspection",
        verbose_name=_("inspeksi"),
        on_delete=models.PROTECT,
        related_name="findings",
    )
    region = models.ForeignKey(
        "allocations.Region",
        verbose_name=_("wilayah penanggung jawab"),
        on_delete=models.PROTECT,
        related_name="findings",
    )
    title = models.CharField(_("judul temuan"), max_length=200)
    kondisi = models.TextField(_("kondisi"))
    kriteria = models.TextField(_("kriteria"))
    sebab = models.TextField(_("sebab"))
    akibat = models.TextField(_("akibat"))
    rekomendasi = models.TextField(_("rekomendasi"))
    amount = models.DecimalField(
        _("nilai temuan (Rp)"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY
    )
    activity = models.ForeignKey(
        "allocations.PlannedActivity",
        verbose_name=_("kegiatan RK terkait"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
    )
    problem_code = models.ForeignKey(
        "allocations.ProblemCode",
        verbose_name=_("kode masalah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
    )
    severity = models.CharField(
        _("tingkat"), max_length=10, choices=Severity.choices, default=Severity.SEDANG
    )
    due_date = models.DateField(_("batas tindak lanjut"))
    status = models.CharField(
        _("status tindak lanjut"),
        max_length=12,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.BELUM,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    closing_note = models.TextField(_("catatan penutupan"), blank=True)
    is_synthetic = models.BooleanField(_("data sintetis (demo)"), default=False)
    history = HistoricalRecords()

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("temuan")
        verbose_name_plural = _("temuan")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="finding_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(status__in=["SELESAI", "TIDAK_DAPAT"]),
                name="finding_closed_only_when_done",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="finding_status_due")]

    def __str__(self) -> str:
        return f"Temuan #{self.pk}: {self.title}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class FollowUpQuerySet(RegionScopedQuerySet):
    region_lookup = "finding__region_id"

    def pending_assessment(self):
        return self.filter(assessed_at__isnull=True)


class FollowUp(models.Model):
    """A tindak lanjut submitted by the region, and the inspector's assessment of it."""

    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="followups")
    description = models.TextField(_("uraian tindak lanjut"))
    date = models.DateField(_("tanggal tindak lanjut"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    assessment_status = models.CharField(
        _("hasil penilaian"), max_length=12, choices=FollowUpStatus.choices, blank=True
    )
    assessment_note = models.TextField(_("catatan penilaian"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    assessed_at = models.DateTimeField(null=True, blank=True)
    is_synthetic = models.BooleanField(_("data sintetis (demo)"), default=False)
    history = HistoricalRecords()

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["finding_id", "submitted_at", "id"]
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        constraints = [
            models.CheckConstraint(
                condition=(Q(assessed_at__isnull=True) & Q(assessment_status=""))
                | (Q(assessed_at__isnull=False) & ~Q(assessment_status="")),
                name="followup_assessment_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"Tindak lanjut {self.date:%d-%m-%Y} atas temuan #{self.finding_id}"


def attachment_path(instance: Attachment, filename: str) -> str:
    # Never the user's file name: a generated one (only the whitelisted extension is kept), so a
    # name like `../../x.pdf` cannot escape MEDIA_ROOT or collide with another file.
    ext = (instance.extension or "bin").lower()
    return f"monev/attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


class AttachmentQuerySet(RegionScopedQuerySet):
    region_lookup = "finding__region_id"


class Attachment(models.Model):
    """A file kept for a finding (and, when evidence of a follow-up, that follow-up)."""

    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="attachments")
    followup = models.ForeignKey(
        FollowUp, null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(_("berkas"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("nama berkas"), max_length=255)
    extension = models.CharField(max_length=10)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    is_synthetic = models.BooleanField(_("data sintetis (demo)"), default=False)
    history = HistoricalRecords()

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")

    def __str__(self) -> str:
        return self.original_name
