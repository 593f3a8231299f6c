from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Draf")
    SUBMITTED = "SUBMITTED", _("Diajukan")
    VERIFIED = "VERIFIED", _("Terverifikasi")
    RETURNED = "RETURNED", _("Dikembalikan")
    SUPERSEDED = "SUPERSEDED", _("Digantikan versi baru")


# The statuses whose version counts in figures (DOMAIN.md §6).
COUNTED_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.VERIFIED)


class UploadStatus(models.TextChoices):
    RECEIVED = "RECEIVED", _("Diterima, menunggu diproses")
    PROCESSING = "PROCESSING", _("Sedang diproses")
    ACCEPTED = "ACCEPTED", _("Diterima")
    PREVIEWED = "PREVIEWED", _("Pratinjau (belum disimpan)")
    REJECTED = "REJECTED", _("Ditolak")
    DUPLICATE = "DUPLICATE", _("Sudah pernah diterima")
