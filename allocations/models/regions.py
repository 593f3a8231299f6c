"""Regions: provinsi, kabupaten and kota with their Kemendagri codes."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import RegionLevel, RegionTimezone
from ..scoping import RegionScopedQuerySet


class RegionQuerySet(RegionScopedQuerySet):
    region_lookup = "id"

    def provinces(self):
        return self.filter(level=RegionLevel.PROVINSI)

    def kabkota(self):
        return self.exclude(level=RegionLevel.PROVINSI)

    def receiving(self, fiscal_year=None):
        """Regions with a DAK IKM allocation (in the given TA, or in any), ordered by code."""
        # Imported here: allocations.py imports Region for its foreign key.
        from .allocations import Allocation

        allocations = Allocation.objects.all()
        if fiscal_year is not None:
            allocations = allocations.filter(fiscal_year=fiscal_year)
        return self.filter(pk__in=allocations.values("region_id")).order_by("code")


class Region(models.Model):
    """Provinsi, kabupaten or kota with its Kemendagri code (`32`, `32.04`)."""

    code = models.CharField(_("kode wilayah"), max_length=8, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    level = models.CharField(_("tingkat"), max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("provinsi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    timezone = models.CharField(
        _("zona waktu"), max_length=20, choices=RegionTimezone.choices, default=RegionTimezone.WIB
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        constraints = [
            models.CheckConstraint(
                condition=Q(level=RegionLevel.PROVINSI, parent__isnull=True)
                | (~Q(level=RegionLevel.PROVINSI) & Q(parent__isnull=False)),
                name="region_parent_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def province_code(self) -> str:
        return self.code.split(".")[0]

    @property
    def is_province(self) -> bool:
        return self.level == RegionLevel.PROVINSI
