"""Choices of the allocations app. Stored values are the users' own codes, in Indonesian (as
DOMAIN.md writes the procurement stages); member names are the English identifiers code uses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")


class RegionTimezone(models.TextChoices):
    WIB = "Asia/Jakarta", "WIB"
    WITA = "Asia/Makassar", "WITA"
    WIT = "Asia/Jayapura", "WIT"


class RKStatus(models.TextChoices):
    DRAFT = "DRAF", _("Draf")
    SUBMITTED = "DIAJUKAN", _("Diajukan")
    APPROVED = "DISETUJUI", _("Disetujui")
    RETURNED = "DIKEMBALIKAN", _("Dikembalikan")


class ProcurementStage(models.TextChoices):
    BELUM_MULAI = "BELUM_MULAI", _("Belum dimulai")
    PERSIAPAN = "PERSIAPAN", _("Persiapan/DED")
    PENGADAAN = "PENGADAAN", _("Proses pengadaan/tender")
    KONTRAK = "KONTRAK", _("Kontrak ditandatangani")
    PELAKSANAAN = "PELAKSANAAN", _("Pelaksanaan")
    SELESAI = "SELESAI", _("Selesai (BAST)")
    BATAL = "BATAL", _("Gagal/batal")


class ProcurementMethod(models.TextChoices):
    TENDER = "TENDER", _("Tender")
    E_PURCHASING = "E_PURCHASING", _("E-purchasing")
    LANGSUNG = "LANGSUNG", _("Pengadaan langsung/penunjukan langsung")
    SWAKELOLA = "SWAKELOLA", _("Swakelola")


class DisbursementStage(models.IntegerChoices):
    SEKALIGUS = 0, _("Sekaligus")
    TAHAP_I = 1, _("Tahap I")
    TAHAP_II = 2, _("Tahap II")
    TAHAP_III = 3, _("Tahap III")


class HolidayKind(models.TextChoices):
    NASIONAL = "NASIONAL", _("Hari libur nasional")
    CUTI_BERSAMA = "CUTI_BERSAMA", _("Cuti bersama")


class DeadlineRule(models.TextChoices):
    HARI_KERJA = "HARI_KERJA", _("Hari kerja")
    HARI_KALENDER = "HARI_KALENDER", _("Hari kalender")
