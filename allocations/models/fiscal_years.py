"""A Tahun Anggaran's rules: deadlines, their overrides and extensions, disbursement stages."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dakmonev.quarters import Quarter

from ..choices import DeadlineRule, DisbursementStage
from ..scoping import RegionScopedQuerySet
from ._common import MONEY, PERCENT
from .regions import Region


class FiscalYear(models.Model):
    """A Tahun Anggaran and its configurable rules (editable in the admin, with history)."""

    year = models.PositiveSmallIntegerField(_("tahun anggaran"), unique=True)
    # A new TA counts 10 working days (DOMAIN.md §9); TAs created before keep their calendar days.
    deadline_rule = models.CharField(
        _("hitungan hari"),
        max_length=20,
        choices=DeadlineRule.choices,
        default=DeadlineRule.HARI_KERJA,
        help_text=_(
            "Hari kerja: Senin–Jumat tanpa hari libur nasional dan cuti bersama. Berlaku juga "
            "untuk pengingat dan eskalasi."
        ),
    )
    report_deadline_days = models.PositiveSmallIntegerField(
        _("batas laporan (hari setelah akhir triwulan)"), default=10
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("pengingat (hari sebelum batas)"), default=5
    )
    escalation_days_after = models.PositiveSmallIntegerField(
        _("eskalasi (hari setelah batas)"), default=14
    )
    one_off_max_pagu = models.DecimalField(
        _("pagu maksimal penyaluran sekaligus"), default=Decimal("1000000000.00"), **MONEY
    )
    # Progress photos (DOMAIN.md §8): how far from the sentra, how long after a quarter's end a
    # photo may be taken, and from which physical progress a report line needs one.
    photo_max_distance_km = models.DecimalField(
        _("jarak foto maksimal dari sentra (km)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("2.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    photo_grace_days = models.PositiveSmallIntegerField(
        _("tenggang foto setelah akhir triwulan (hari)"), default=14
    )
    photo_required_physical_pct = models.DecimalField(
        _("realisasi fisik yang wajib didukung foto (%)"), default=Decimal("50.00"), **PERCENT
    )
    behind_plan_threshold = models.DecimalField(
        _("batas tertinggal dari rencana (poin persen fisik)"),
        default=Decimal("10.00"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "Daerah yang realisasi fisiknya lebih dari sekian poin di bawah rencana "
            "mendapat peringatan 'tertinggal dari rencana' (DOMAIN.md §7)."
        ),
        **PERCENT,
    )
    notes = models.TextField(_("catatan"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year"]
        verbose_name = _("tahun anggaran")
        verbose_name_plural = _("tahun anggaran")

    def __str__(self) -> str:
        return gettext("TA %(year)s") % {"year": self.year}


class QuarterDeadline(models.Model):
    """An override of one quarter's report deadline (e.g. after an extension decree)."""

    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.CASCADE, related_name="deadline_overrides"
    )
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=Quarter.choices)
    deadline = models.DateField(_("batas waktu"))
    decree = models.CharField(_("dasar (surat/keputusan)"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("batas laporan triwulan")
        verbose_name_plural = _("batas laporan triwulan")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "quarter"], name="one_deadline_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="deadline_quarter_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} TW{self.quarter}: {self.deadline}"


class DeadlineExtensionQuerySet(RegionScopedQuerySet):
    region_lookup = "region_id"


class DeadlineExtension(models.Model):
    """Ditjen IKMA extends one region's report deadline (e.g. after a local disaster) until a
    date, for one quarter or (quarter empty) every quarter of the TA; read by report_deadline."""

    fiscal_year = models.ForeignKey(
        FiscalYear,
        verbose_name=_("tahun anggaran"),
        on_delete=models.CASCADE,
        related_name="deadline_extensions",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="deadline_extensions",
    )
    quarter = models.PositiveSmallIntegerField(
        _("triwulan"),
        choices=Quarter.choices,
        null=True,
        blank=True,
        help_text=_("Kosong = semua triwulan."),
    )
    until = models.DateField(_("diperpanjang sampai"))
    reason = models.TextField(_("alasan"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diberikan oleh"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("diberikan pada"), auto_now_add=True)
    history = HistoricalRecords()

    objects = DeadlineExtensionQuerySet.as_manager()

    class Meta:
        ordering = ["fiscal_year__year", "region__code", "quarter"]
        verbose_name = _("perpanjangan batas laporan")
        verbose_name_plural = _("perpanjangan batas laporan")
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
                name="extension_quarter_1_4",
            ),
        ]

    def __str__(self) -> str:
        quarter = f"TW{self.quarter}" if self.quarter else _("semua triwulan")
        return f"{self.fiscal_year} {self.region} {quarter}: {self.until}"


class DisbursementRule(models.Model):
    """One disbursement stage of a TA: share of pagu, conditions, window and deadline."""

    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.CASCADE, related_name="disbursement_rules"
    )
    stage = models.PositiveSmallIntegerField(_("tahap"), choices=DisbursementStage.choices)
    percent_of_pagu = models.DecimalField(
        _("persentase pagu"), null=True, blank=True, help_text=_("Kosong = sisa pagu."), **PERCENT
    )
    min_absorption_of_received_pct = models.DecimalField(
        _("minimal penyerapan dana yang diterima (%)"), default=Decimal("0"), **PERCENT
    )
    min_physical_pct = models.DecimalField(
        _("minimal capaian fisik (%)"), default=Decimal("0"), **PERCENT
    )
    requires_approved_rk = models.BooleanField(_("RK harus disetujui"), default=False)
    requires_contracts = models.BooleanField(_("daftar kontrak harus ada"), default=False)
    window_start = models.DateField(_("mulai penyaluran"), null=True, blank=True)
    deadline = models.DateField(_("batas penyaluran"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["fiscal_year", "stage"]
        verbose_name = _("aturan penyaluran")
        verbose_name_plural = _("aturan penyaluran")
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "stage"], name="one_rule_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.get_stage_display()}"
