"""Reference catalogues: the activity menu and the problem codes of the monitoring forms."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityMenu(models.Model):
    """Menu kegiatan: the catalogue of allowed activity types."""

    code = models.CharField(_("kode"), max_length=30, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("menu kegiatan")
        verbose_name_plural = _("menu kegiatan")

    def __str__(self) -> str:
        return self.name


class ProblemCode(models.Model):
    """Kodefikasi masalah 1–11 of the DAK monitoring forms."""

    code = models.PositiveSmallIntegerField(_("kode"), unique=True)
    name = models.CharField(_("uraian"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kode masalah")
        verbose_name_plural = _("kode masalah")

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"
