"""An RK line's quarterly plan: cumulative physical % and Rp at the end of each quarter."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dakmonev.quarters import Quarter

from ..scoping import RegionScopedQuerySet
from ._common import MONEY, PERCENT
from .activities import PlannedActivity


class ActivityTargetQuerySet(RegionScopedQuerySet):
    region_lookup = "activity__allocation__region_id"


class ActivityTarget(models.Model):
    """An RK line's plan at the end of a quarter (DOMAIN.md §7): cumulative physical % and
    cumulative Rp; either may be empty ("no target"). Rules: `services.targets.targets_check`."""

    activity = models.ForeignKey(PlannedActivity, on_delete=models.CASCADE, related_name="targets")
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=Quarter.choices)
    target_physical_pct = models.DecimalField(
        _("target fisik kumulatif (%)"), null=True, blank=True, **PERCENT
    )
    target_financial = models.DecimalField(
        _("target keuangan kumulatif (Rp)"), null=True, blank=True, **MONEY
    )
    is_synthetic = models.BooleanField(_("data sintetis (demo)"), default=False)
    history = HistoricalRecords()

    objects = ActivityTargetQuerySet.as_manager()

    class Meta:
        ordering = ["activity_id", "quarter"]
        verbose_name = _("target kegiatan")
        verbose_name_plural = _("target kegiatan")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "quarter"], name="one_target_per_activity_quarter"
            ),
            models.CheckConstraint(
                condition=Q(target_physical_pct__isnull=True)
                | Q(target_physical_pct__gte=0, target_physical_pct__lte=100),
                name="target_physical_between_0_and_100",
            ),
            models.CheckConstraint(
                condition=Q(target_financial__isnull=True) | Q(target_financial__gte=0),
                name="target_financial_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.get_quarter_display()}"
