"""Choices of the monev app (DOMAIN.md §4). Stored values are the users' own codes, in Indonesian."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectionKind(models.TextChoices):
    DESK = "DOKUMEN", _("Reviu dokumen (desk review)")
    FIELD = "LAPANGAN", _("Kunjungan lapangan")


class Rating(models.IntegerChoices):
    """Rating of one inspection aspect; higher is better, so averages and comparisons make sense."""

    KURANG = 1, _("Kurang")
    CUKUP = 2, _("Cukup")
    BAIK = 3, _("Baik")
    SANGAT_BAIK = 4, _("Sangat baik")


class Severity(models.TextChoices):
    RENDAH = "RENDAH", _("Rendah")
    SEDANG = "SEDANG", _("Sedang")
    TINGGI = "TINGGI", _("Tinggi")


class FollowUpStatus(models.TextChoices):
    """The four follow-up categories auditors use; a finding's status is its last assessment."""

    BELUM = "BELUM", _("Belum ditindaklanjuti")
    PROSES = "PROSES", _("Belum sesuai rekomendasi (proses)")
    SELESAI = "SELESAI", _("Sesuai rekomendasi")
    TIDAK_DAPAT = "TIDAK_DAPAT", _("Tidak dapat ditindaklanjuti")


# A finding may be closed (by an inspector) only from these statuses.
CLOSABLE_STATUSES = (FollowUpStatus.SELESAI, FollowUpStatus.TIDAK_DAPAT)
# A finding past its due date in one of these statuses has an overdue follow-up.
PENDING_STATUSES = (FollowUpStatus.BELUM, FollowUpStatus.PROSES)


class Formality(models.IntegerChoices):
    """Institutional formality of a sentra, ordered from none to a business entity."""

    NONE = 0, _("Belum ada kelembagaan")
    KELOMPOK = 1, _("Kelompok")
    KOPERASI = 2, _("Koperasi")
    UPT = 3, _("UPT")
    BADAN_USAHA = 4, _("Badan usaha")


class MarketReach(models.IntegerChoices):
    """Market reach of a sentra, ordered from local to export."""

    LOKAL = 1, _("Lokal")
    REGIONAL = 2, _("Regional")
    NASIONAL = 3, _("Nasional")
    EKSPOR = 4, _("Ekspor")
