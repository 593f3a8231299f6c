"""Absorption snapshots: the selector's figures materialised per region, province and nation."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from allocations.scoping import RegionScopedQuerySet
from dakmonev.quarters import Quarter

__all__ = ["AbsorptionSnapshot", "SnapshotScope"]

MONEY = {"max_digits": 18, "decimal_places": 2}
# Ratios are kept with 10 decimals so a snapshot reproduces the fresh computation; they are
# rounded half-up to 2 decimals only when shown.
RATIO = {"max_digits": 22, "decimal_places": 10, "null": True, "blank": True}


class SnapshotScope(models.TextChoices):
    REGION = "DAERAH", _("Daerah")
    PROVINCE = "PROVINSI", _("Provinsi")
    NATION = "NASIONAL", _("Nasional")


class AbsorptionSnapshotQuerySet(RegionScopedQuerySet):
    region_lookup = "region_id"

    def visible_to(self, user):
        # Province and national rows aggregate many regions: only central roles see them.
        from accounts.roles import sees_all_regions

        if sees_all_regions(user):
            return self.all()
        return super().visible_to(user).filter(scope=SnapshotScope.REGION)


class AbsorptionSnapshot(models.Model):
    """Absorption of one region, province (region = the provinsi) or the nation as of a quarter."""

    scope = models.CharField(_("cakupan"), max_length=10, choices=SnapshotScope.choices)
    region = models.ForeignKey(
        "allocations.Region",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    fiscal_year = models.ForeignKey(
        "allocations.FiscalYear", on_delete=models.CASCADE, related_name="+"
    )
    quarter = models.PositiveSmallIntegerField(_("per triwulan"), choices=Quarter.choices)
    pagu = models.DecimalField(_("pagu (Rp)"), **MONEY)
    financial_realisation = models.DecimalField(_("realisasi keuangan (Rp)"), **MONEY)
    absorption = models.DecimalField(_("penyerapan (%)"), **RATIO)
    physical_progress = models.DecimalField(_("realisasi fisik (%)"), **RATIO)
    mean_absorption = models.DecimalField(_("rata-rata penyerapan daerah (%)"), **RATIO)
    mean_absorption_kabkota = models.DecimalField(
        _("rata-rata penyerapan kabupaten/kota (%)"), **RATIO
    )
    region_count = models.PositiveIntegerField(_("jumlah daerah penerima"), default=1)
    reporting_count = models.PositiveIntegerField(_("jumlah daerah melapor"), default=0)
    latest_quarter = models.PositiveSmallIntegerField(
        _("triwulan terakhir dilaporkan"), null=True, blank=True
    )
    computed_at = models.DateTimeField(_("dihitung pada"))

    objects = AbsorptionSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["fiscal_year__year", "quarter", "scope", "region__code"]
        verbose_name = _("snapshot penyerapan")
        verbose_name_plural = _("snapshot penyerapan")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "region", "fiscal_year", "quarter"],
                condition=Q(region__isnull=False),
                name="one_snapshot_per_region_quarter",
            ),
            models.UniqueConstraint(
                fields=["scope", "fiscal_year", "quarter"],
                condition=Q(region__isnull=True),
                name="one_national_snapshot_per_quarter",
            ),
            models.CheckConstraint(
                condition=Q(scope=SnapshotScope.NATION, region__isnull=True)
                | (~Q(scope=SnapshotScope.NATION) & Q(region__isnull=False)),
                name="snapshot_region_matches_scope",
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="snapshot_quarter_1_4"
            ),
        ]

    def __str__(self) -> str:
        where = self.region or _("Nasional")
        return f"{where} TA {self.fiscal_year.year} TW{self.quarter}"
