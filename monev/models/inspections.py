"""An Itjen inspection (monev) of one region for one TA, with the three rated aspects."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from allocations.scoping import RegionScopedQuerySet

from ..choices import InspectionKind, Rating

# The three aspects of DOMAIN.md §4 step 6: (field prefix, label).
ASPECTS = (
    ("output", _("Capaian output dan outcome")),
    ("reporting", _("Transparansi dan akuntabilitas laporan realisasi keuangan dan fisik")),
    ("performance", _("Capaian kinerja yang disepakati")),
)


class InspectionQuerySet(RegionScopedQuerySet):
    region_lookup = "region_id"


class Inspection(models.Model):
    """Desk review or field visit of one region's DAK for one TA, rated on three aspects."""

    fiscal_year = models.ForeignKey(
        "allocations.FiscalYear",
        verbose_name=_("TA dievaluasi"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    region = models.ForeignKey(
        "allocations.Region",
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    kind = models.CharField(
        _("jenis"), max_length=10, choices=InspectionKind.choices, default=InspectionKind.FIELD
    )
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tim inspektur"),
        related_name="inspections",
        blank=True,
    )
    letter_number = models.CharField(_("nomor surat tugas"), max_length=100, blank=True)
    rating_output = models.PositiveSmallIntegerField(
        _("nilai capaian output dan outcome"), choices=Rating.choices, null=True, blank=True
    )
    notes_output = models.TextField(_("catatan capaian output dan outcome"), blank=True)
    rating_reporting = models.PositiveSmallIntegerField(
        _("nilai transparansi dan akuntabilitas laporan"),
        choices=Rating.choices,
        null=True,
        blank=True,
    )
    notes_reporting = models.TextField(
        _("catatan transparansi dan akuntabilitas laporan"), blank=True
    )
    rating_performance = models.PositiveSmallIntegerField(
        _("nilai capaian kinerja yang disepakati"), choices=Rating.choices, null=True, blank=True
    )
    notes_performance = models.TextField(_("catatan capaian kinerja yang disepakati"), blank=True)
    summary = models.TextField(_("ringkasan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_synthetic = models.BooleanField(_("data sintetis (demo)"), default=False)
    history = HistoricalRecords(m2m_fields=[team])

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "region__code"]
        verbose_name = _("inspeksi")
        verbose_name_plural = _("inspeksi")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="inspection_dates_ordered"
            ),
            models.CheckConstraint(
                condition=(
                    Q(rating_output__isnull=True) | Q(rating_output__gte=1, rating_output__lte=4)
                )
                & (
                    Q(rating_reporting__isnull=True)
                    | Q(rating_reporting__gte=1, rating_reporting__lte=4)
                )
                & (
                    Q(rating_performance__isnull=True)
                    | Q(rating_performance__gte=1, rating_performance__lte=4)
                ),
                name="inspection_ratings_1_4",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(kind)s %(region)s TA %(year)s (%(date)s)") % {
            "kind": self.get_kind_display(),
            "region": self.region,
            "year": self.fiscal_year.year,
            "date": f"{self.start_date:%d-%m-%Y}",
        }

    def aspects(self) -> list[dict]:
        """(label, rating label, notes) of the three aspects, in the order of DOMAIN.md §4."""
        return [
            {
                "label": label,
                "rating": getattr(self, f"rating_{key}"),
                "rating_label": getattr(self, f"get_rating_{key}_display")()
                if getattr(self, f"rating_{key}")
                else "",
                "notes": getattr(self, f"notes_{key}"),
            }
            for key, label in ASPECTS
        ]
