"""Choices of the realisasi app. Stored values are the users' own codes, in Indonesian, like
every enum of the project (DOMAIN.md's procurement stages and follow-up statuses); member names
are the English identifiers code uses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    DRAFT = "DRAF", _("Draf")
    SUBMITTED = "DIAJUKAN", _("Diajukan")
    VERIFIED = "TERVERIFIKASI", _("Terverifikasi")
    RETURNED = "DIKEMBALIKAN", _("Dikembalikan")
    SUPERSEDED = "DIGANTIKAN", _("Digantikan versi baru")


# The statuses whose version counts in figures (DOMAIN.md §6).
COUNTED_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.VERIFIED)


class UploadStatus(models.TextChoices):
    RECEIVED = "MENUNGGU", _("Diterima, menunggu diproses")
    PROCESSING = "DIPROSES", _("Sedang diproses")
    ACCEPTED = "DITERIMA", _("Diterima")
    PREVIEWED = "PRATINJAU", _("Pratinjau (belum disimpan)")
    REJECTED = "DITOLAK", _("Ditolak")
    DUPLICATE = "DUPLIKAT", _("Sudah pernah diterima")
