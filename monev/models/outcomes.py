"""Outcome indicators of a sentra for a TA: baseline (before the DAK) and after."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from allocations.scoping import RegionScopedQuerySet

from ..choices import Formality, MarketReach

# (field stem, label) of the count indicators aggregated as Σ after vs Σ baseline.
COUNT_INDICATORS = (
    ("ikm_units", _("Unit IKM")),
    ("product_types", _("Jenis produk")),
    ("workforce", _("Tenaga kerja")),
    ("capacity", _("Kapasitas produksi")),
)
# (field stem, label) of the ordered indicators aggregated as the share of sentra that moved up.
LEVEL_INDICATORS = (
    ("formality", _("Kelembagaan formal")),
    ("market_reach", _("Jangkauan pasar")),
)


class OutcomeSurveyQuerySet(RegionScopedQuerySet):
    region_lookup = "sentra__region_id"


class OutcomeSurvey(models.Model):
    """The six outcome indicators of one sentra for one TA (baseline and after)."""

    sentra = models.ForeignKey(
        "allocations.Sentra", on_delete=models.PROTECT, related_name="outcome_surveys"
    )
    fiscal_year = models.ForeignKey(
        "allocations.FiscalYear",
        verbose_name=_("TA"),
        on_delete=models.PROTECT,
        related_name="outcome_surveys",
    )
    survey_date = models.DateField(_("tanggal survei"))
    ikm_units_baseline = models.PositiveIntegerField(_("unit IKM (awal)"))
    ikm_units_after = models.PositiveIntegerField(_("unit IKM (sesudah)"))
    product_types_baseline = models.PositiveIntegerField(_("jenis produk (awal)"))
    product_types_after = models.PositiveIntegerField(_("jenis produk (sesudah)"))
    formality_baseline = models.PositiveSmallIntegerField(
        _("kelembagaan (awal)"), choices=Formality.choices
    )
    formality_after = models.PositiveSmallIntegerField(
        _("kelembagaan (sesudah)"), choices=Formality.choices
    )
    market_reach_baseline = models.PositiveSmallIntegerField(
        _("jangkauan pasar (awal)"), choices=MarketReach.choices
    )
    market_reach_after = models.PositiveSmallIntegerField(
        _("jangkauan pasar (sesudah)"), choices=MarketReach.choices
    )
    workforce_baseline = models.PositiveIntegerField(_("tenaga kerja (awal)"))
    workforce_after = models.PositiveIntegerField(_("tenaga kerja (sesudah)"))
    capacity_baseline = models.DecimalField(
        _("kapasitas produksi (awal)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    capacity_after = models.DecimalField(
        _("kapasitas produksi (sesudah)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    capacity_unit = models.CharField(
        _("satuan kapasitas"), max_length=40, help_text=_("mis. pcs/bulan, kg/bulan")
    )
    notes = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)
    is_synthetic = models.BooleanField(_("data sintetis (demo)"), default=False)
    history = HistoricalRecords()

    objects = OutcomeSurveyQuerySet.as_manager()

    class Meta:
        ordering = ["fiscal_year__year", "sentra__region__code", "sentra__name"]
        verbose_name = _("survei outcome sentra")
        verbose_name_plural = _("survei outcome sentra")
        constraints = [
            models.UniqueConstraint(
                fields=["sentra", "fiscal_year"], name="one_outcome_survey_per_sentra_year"
            ),
            models.CheckConstraint(
                condition=Q(capacity_baseline__gte=0, capacity_after__gte=0),
                name="outcome_capacity_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(formality_baseline__lte=4, formality_after__lte=4),
                name="outcome_formality_0_4",
            ),
            models.CheckConstraint(
                condition=Q(
                    market_reach_baseline__gte=1,
                    market_reach_baseline__lte=4,
                    market_reach_after__gte=1,
                    market_reach_after__lte=4,
                ),
                name="outcome_market_reach_1_4",
            ),
        ]

    def __str__(self) -> str:
        return f"Outcome {self.sentra} TA {self.fiscal_year.year}"
