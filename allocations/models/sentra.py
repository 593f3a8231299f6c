"""Sentra IKM: clusters of small industries in a region, with their location."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import geo
from ..scoping import RegionScopedQuerySet
from ._common import COORDINATE
from .regions import Region


class Sentra(models.Model):
    """A sentra IKM: a cluster of small industries making similar products in one region."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="sentra")
    name = models.CharField(_("nama sentra"), max_length=200)
    commodity = models.CharField(_("komoditas"), max_length=120, blank=True)
    ikm_units = models.PositiveIntegerField(_("jumlah unit IKM"), default=0)
    workforce = models.PositiveIntegerField(_("tenaga kerja"), default=0)
    is_ovop = models.BooleanField(_("OVOP"), default=False)
    # Where the sentra is (WGS84 degrees); photos of its RK lines are measured against it.
    latitude = models.DecimalField(_("lintang"), null=True, blank=True, **COORDINATE)
    longitude = models.DecimalField(_("bujur"), null=True, blank=True, **COORDINATE)
    history = HistoricalRecords()

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["region__code", "name"]
        verbose_name = _("sentra IKM")
        verbose_name_plural = _("sentra IKM")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"], name="unique_sentra_name_per_region"
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__gte=geo.LAT_MIN,
                    latitude__lte=geo.LAT_MAX,
                    longitude__gte=geo.LON_MIN,
                    longitude__lte=geo.LON_MAX,
                ),
                name="sentra_location_in_indonesia",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        problem = geo.coordinates_problem(self.latitude, self.longitude)
        if problem:
            raise ValidationError({"latitude": problem})

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None
