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


class ProgressPoint(models.IntegerChoices):
    """The progress points a line's physical progress is documented at (DOMAIN.md §8)."""

    P0 = 0, "0 %"
    P25 = 25, "25 %"
    P50 = 50, "50 %"
    P75 = 75, "75 %"
    P100 = 100, "100 %"


class LocationSource(models.TextChoices):
    EXIF = "exif", _("GPS di berkas foto (EXIF)")
    BROWSER = "browser", _("lokasi peramban saat mengunggah")


class PhotoFlag(models.TextChoices):
    """Why a verifier should look twice at a photo (codes are the API's, labels the people's)."""

    NO_LOCATION = "NO_LOCATION", _("Tanpa lokasi")
    FAR_FROM_SITE = "FAR_FROM_SITE", _("Jauh dari lokasi sentra")
    OUTSIDE_PERIOD = "OUTSIDE_PERIOD", _("Diambil di luar periode")
    NO_TIME = "NO_TIME", _("Tanpa waktu pengambilan")
    DUPLICATE = "DUPLICATE", _("Foto sama sudah dipakai")


class PhotoReview(models.TextChoices):
    PENDING = "BELUM", _("Belum diperiksa")
    ACCEPTED = "DITERIMA", _("Diterima")
    REJECTED = "DITOLAK", _("Ditolak")
