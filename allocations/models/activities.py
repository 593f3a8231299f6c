"""RK lines (rencana kegiatan) with their procurement state."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import ProcurementMethod, ProcurementStage
from ..scoping import RegionScopedQuerySet
from ._common import MONEY
from .allocations import Allocation
from .reference import ActivityMenu
from .sentra import Sentra


class PlannedActivityQuerySet(RegionScopedQuerySet):
    region_lookup = "allocation__region_id"

    def for_region_year(self, region_id: int, year: int):
        return self.filter(allocation__region_id=region_id, allocation__fiscal_year__year=year)


class PlannedActivity(models.Model):
    """One RK line (rencana kegiatan) with its procurement state."""

    allocation = models.ForeignKey(Allocation, on_delete=models.PROTECT, related_name="activities")
    code = models.CharField(_("kode kegiatan"), max_length=30)
    menu = models.ForeignKey(ActivityMenu, on_delete=models.PROTECT, related_name="+")
    sentra = models.ForeignKey(
        Sentra, null=True, blank=True, on_delete=models.PROTECT, related_name="activities"
    )
    description = models.TextField(_("uraian kegiatan"))
    volume = models.DecimalField(_("volume"), max_digits=12, decimal_places=2, default=Decimal("1"))
    unit = models.CharField(_("satuan"), max_length=40, blank=True)
    pagu = models.DecimalField(
        _("pagu (Rp)"), validators=[MinValueValidator(Decimal("0"))], **MONEY
    )
    # Procurement (pengadaan/kontrak)
    ded_ready = models.BooleanField(_("DED siap"), default=False)
    procurement_method = models.CharField(
        _("metode pengadaan"), max_length=20, choices=ProcurementMethod.choices, blank=True
    )
    procurement_stage = models.CharField(
        _("tahap pengadaan"),
        max_length=20,
        choices=ProcurementStage.choices,
        default=ProcurementStage.BELUM_MULAI,
    )
    contract_number = models.CharField(_("nomor kontrak"), max_length=100, blank=True)
    contract_date = models.DateField(_("tanggal kontrak"), null=True, blank=True)
    contract_value = models.DecimalField(_("nilai kontrak (Rp)"), null=True, blank=True, **MONEY)
    supplier = models.CharField(_("penyedia"), max_length=200, blank=True)
    planned_completion = models.DateField(_("rencana selesai"), null=True, blank=True)
    actual_completion = models.DateField(_("realisasi selesai"), null=True, blank=True)
    history = HistoricalRecords()

    objects = PlannedActivityQuerySet.as_manager()

    class Meta:
        ordering = ["allocation_id", "code"]
        verbose_name = _("kegiatan (RK)")
        verbose_name_plural = _("kegiatan (RK)")
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "code"], name="unique_activity_code_per_allocation"
            ),
            models.CheckConstraint(condition=Q(pagu__gte=0), name="activity_pagu_not_negative"),
            models.CheckConstraint(
                condition=Q(contract_value__isnull=True) | Q(contract_value__gte=0),
                name="activity_contract_value_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.description[:40]}"
