"""National holidays and cuti bersama, skipped by working-day deadlines."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import HolidayKind


class Holiday(models.Model):
    """A day off for the whole country: a national holiday or a cuti bersama (joint leave fixed
    each year by decree). Working-day deadlines skip them (allocations.selectors.deadlines)."""

    date = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=HolidayKind.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}"
