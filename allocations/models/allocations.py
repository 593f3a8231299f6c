"""A region's pagu for one TA (with the approval state of its RK) and the money disbursed."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import DisbursementStage, RKStatus
from ..scoping import RegionScopedQuerySet
from ._common import MONEY
from .fiscal_years import FiscalYear
from .regions import Region


class AllocationQuerySet(RegionScopedQuerySet):
    region_lookup = "region_id"

    def for_year(self, year: int):
        return self.filter(fiscal_year__year=year)

    def with_rk_total(self):
        """Annotate `rk_total`: the sum of the allocation's RK line pagu (0 without lines)."""
        return self.annotate(
            rk_total=Coalesce(
                Sum("activities__pagu"),
                Value(Decimal("0")),
                output_field=models.DecimalField(**MONEY),
            )
        )


class Allocation(models.Model):
    """Pagu DAK Fisik Bidang IKM of one region for one TA, and the approval state of its RK."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="allocations")
    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.PROTECT, related_name="allocations"
    )
    pagu = models.DecimalField(
        _("pagu (Rp)"), validators=[MinValueValidator(Decimal("0"))], **MONEY
    )
    rk_status = models.CharField(
        _("status RK"), max_length=20, choices=RKStatus.choices, default=RKStatus.DRAFT
    )
    rk_status_note = models.TextField(_("catatan status RK"), blank=True)
    rk_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rk_approved_at = models.DateTimeField(null=True, blank=True)
    is_synthetic = models.BooleanField(_("data sintetis (demo)"), default=False)
    history = HistoricalRecords()

    objects = AllocationQuerySet.as_manager()

    class Meta:
        ordering = ["fiscal_year__year", "region__code"]
        verbose_name = _("alokasi")
        verbose_name_plural = _("alokasi")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "fiscal_year"], name="one_allocation_per_region_year"
            ),
            models.CheckConstraint(condition=Q(pagu__gte=0), name="allocation_pagu_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.region} — {self.fiscal_year}"


class DisbursementQuerySet(RegionScopedQuerySet):
    region_lookup = "allocation__region_id"


class Disbursement(models.Model):
    """Money transferred to the region for one stage (penyaluran)."""

    allocation = models.ForeignKey(
        Allocation, on_delete=models.PROTECT, related_name="disbursements"
    )
    stage = models.PositiveSmallIntegerField(_("tahap"), choices=DisbursementStage.choices)
    amount = models.DecimalField(
        _("jumlah (Rp)"), validators=[MinValueValidator(Decimal("0"))], **MONEY
    )
    date = models.DateField(_("tanggal"))
    reference = models.CharField(_("nomor SP2D/referensi"), max_length=100, blank=True)
    history = HistoricalRecords()

    objects = DisbursementQuerySet.as_manager()

    class Meta:
        ordering = ["allocation_id", "stage"]
        verbose_name = _("penyaluran")
        verbose_name_plural = _("penyaluran")
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "stage"], name="one_disbursement_per_stage"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="disbursement_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.allocation} {self.get_stage_display()}"
