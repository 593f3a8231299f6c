"""Regions, fiscal-year rules, allocations, sentra and RK lines (the vocabulary of planning)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dakmonev.quarters import Quarter

from . import geo
from .choices import (
    DeadlineRule,
    DisbursementStage,
    HolidayKind,
    ProcurementMethod,
    ProcurementStage,
    RegionLevel,
    RegionTimezone,
    RKStatus,
)
from .scoping import RegionScopedQuerySet

MONEY = {"max_digits": 18, "decimal_places": 2}
PERCENT = {"max_digits": 5, "decimal_places": 2}
COORDINATE = {"max_digits": 9, "decimal_places": 6}  # degrees, ≈ 0,1 m


class RegionQuerySet(RegionScopedQuerySet):
    region_lookup = "id"

    def provinces(self):
        return self.filter(level=RegionLevel.PROVINSI)

    def kabkota(self):
        return self.exclude(level=RegionLevel.PROVINSI)

    def receiving(self, fiscal_year=None):
        """Regions with a DAK IKM allocation (in the given TA, or in any), ordered by code."""
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


class FiscalYear(models.Model):
    """A Tahun Anggaran and its configurable rules (editable in the admin, with history)."""

    year = models.PositiveSmallIntegerField(_("tahun anggaran"), unique=True)
    # A new TA counts 10 working days (DOMAIN.md §9); TAs created before keep their calendar days.
    deadline_rule = models.CharField(
        _("hitungan hari"),
        max_length=20,
        choices=DeadlineRule.choices,
        default=DeadlineRule.HARI_KERJA,
        help_text=_(
            "Hari kerja: Senin–Jumat tanpa hari libur nasional dan cuti bersama. Berlaku juga "
            "untuk pengingat dan eskalasi."
        ),
    )
    report_deadline_days = models.PositiveSmallIntegerField(
        _("batas laporan (hari setelah akhir triwulan)"), default=10
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("pengingat (hari sebelum batas)"), default=5
    )
    escalation_days_after = models.PositiveSmallIntegerField(
        _("eskalasi (hari setelah batas)"), default=14
    )
    one_off_max_pagu = models.DecimalField(
        _("pagu maksimal penyaluran sekaligus"), default=Decimal("1000000000.00"), **MONEY
    )
    # Progress photos (DOMAIN.md §8): how far from the sentra, how long after a quarter's end a
    # photo may be taken, and from which physical progress a report line needs one.
    photo_max_distance_km = models.DecimalField(
        _("jarak foto maksimal dari sentra (km)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("2.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    photo_grace_days = models.PositiveSmallIntegerField(
        _("tenggang foto setelah akhir triwulan (hari)"), default=14
    )
    photo_required_physical_pct = models.DecimalField(
        _("realisasi fisik yang wajib didukung foto (%)"), default=Decimal("50.00"), **PERCENT
    )
    behind_plan_threshold = models.DecimalField(
        _("batas tertinggal dari rencana (poin persen fisik)"),
        default=Decimal("10.00"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "Daerah yang realisasi fisiknya lebih dari sekian poin di bawah rencana "
            "mendapat peringatan 'tertinggal dari rencana' (DOMAIN.md §7)."
        ),
        **PERCENT,
    )
    notes = models.TextField(_("catatan"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year"]
        verbose_name = _("tahun anggaran")
        verbose_name_plural = _("tahun anggaran")

    def __str__(self) -> str:
        return gettext("TA %(year)s") % {"year": self.year}


class QuarterDeadline(models.Model):
    """An override of one quarter's report deadline (e.g. after an extension decree)."""

    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.CASCADE, related_name="deadline_overrides"
    )
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=Quarter.choices)
    deadline = models.DateField(_("batas waktu"))
    decree = models.CharField(_("dasar (surat/keputusan)"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("batas laporan triwulan")
        verbose_name_plural = _("batas laporan triwulan")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "quarter"], name="one_deadline_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="deadline_quarter_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} TW{self.quarter}: {self.deadline}"


class DeadlineExtensionQuerySet(RegionScopedQuerySet):
    region_lookup = "region_id"


class DeadlineExtension(models.Model):
    """Ditjen IKMA extends one region's report deadline (e.g. after a local disaster) until a
    date, for one quarter or (quarter empty) every quarter of the TA; read by report_deadline."""

    fiscal_year = models.ForeignKey(
        FiscalYear,
        verbose_name=_("tahun anggaran"),
        on_delete=models.CASCADE,
        related_name="deadline_extensions",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="deadline_extensions",
    )
    quarter = models.PositiveSmallIntegerField(
        _("triwulan"),
        choices=Quarter.choices,
        null=True,
        blank=True,
        help_text=_("Kosong = semua triwulan."),
    )
    until = models.DateField(_("diperpanjang sampai"))
    reason = models.TextField(_("alasan"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diberikan oleh"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("diberikan pada"), auto_now_add=True)
    history = HistoricalRecords()

    objects = DeadlineExtensionQuerySet.as_manager()

    class Meta:
        ordering = ["fiscal_year__year", "region__code", "quarter"]
        verbose_name = _("perpanjangan batas laporan")
        verbose_name_plural = _("perpanjangan batas laporan")
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
                name="extension_quarter_1_4",
            ),
        ]

    def __str__(self) -> str:
        quarter = f"TW{self.quarter}" if self.quarter else _("semua triwulan")
        return f"{self.fiscal_year} {self.region} {quarter}: {self.until}"


class DisbursementRule(models.Model):
    """One disbursement stage of a TA: share of pagu, conditions, window and deadline."""

    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.CASCADE, related_name="disbursement_rules"
    )
    stage = models.PositiveSmallIntegerField(_("tahap"), choices=DisbursementStage.choices)
    percent_of_pagu = models.DecimalField(
        _("persentase pagu"), null=True, blank=True, help_text=_("Kosong = sisa pagu."), **PERCENT
    )
    min_absorption_of_received_pct = models.DecimalField(
        _("minimal penyerapan dana yang diterima (%)"), default=Decimal("0"), **PERCENT
    )
    min_physical_pct = models.DecimalField(
        _("minimal capaian fisik (%)"), default=Decimal("0"), **PERCENT
    )
    requires_approved_rk = models.BooleanField(_("RK harus disetujui"), default=False)
    requires_contracts = models.BooleanField(_("daftar kontrak harus ada"), default=False)
    window_start = models.DateField(_("mulai penyaluran"), null=True, blank=True)
    deadline = models.DateField(_("batas penyaluran"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["fiscal_year", "stage"]
        verbose_name = _("aturan penyaluran")
        verbose_name_plural = _("aturan penyaluran")
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "stage"], name="one_rule_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.get_stage_display()}"


class AllocationQuerySet(RegionScopedQuerySet):
    region_lookup = "region_id"

    def for_year(self, year: int):
        return self.filter(fiscal_year__year=year)

    def with_rk_total(self):
        """Annotate `rk_total`: the sum of the allocation's RK line pagu (0 without lines)."""
        return self.annotate(
            rk_total=Coalesce(
                Sum("activities__pagu"),
                Value(Decimal("0")),
                output_field=models.DecimalField(**MONEY),
            )
        )


class Allocation(models.Model):
    """Pagu DAK Fisik Bidang IKM of one region for one TA, and the approval state of its RK."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="allocations")
    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.PROTECT, related_name="allocations"
    )
    pagu = models.DecimalField(
        _("pagu (Rp)"), validators=[MinValueValidator(Decimal("0"))], **MONEY
    )
    rk_status = models.CharField(
        _("status RK"), max_length=20, choices=RKStatus.choices, default=RKStatus.DRAFT
    )
    rk_status_note = models.TextField(_("catatan status RK"), blank=True)
    rk_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rk_approved_at = models.DateTimeField(null=True, blank=True)
    is_synthetic = models.BooleanField(_("data sintetis (demo)"), default=False)
    history = HistoricalRecords()

    objects = AllocationQuerySet.as_manager()

    class Meta:
        ordering = ["fiscal_year__year", "region__code"]
        verbose_name = _("alokasi")
        verbose_name_plural = _("alokasi")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "fiscal_year"], name="one_allocation_per_region_year"
            ),
            models.CheckConstraint(condition=Q(pagu__gte=0), name="allocation_pagu_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.region} — {self.fiscal_year}"


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


class PlannedActivityQuerySet(RegionScopedQuerySet):
    region_lookup = "allocation__region_id"

    def for_region_year(self, region_id: int, year: int):
        return self.filter(allocation__region_id=region_id, allocation__fiscal_year__year=year)


class PlannedActivity(models.Model):
    """One RK line (rencana kegiatan) with its procurement state."""

    allocation = models.ForeignKey(Allocation, on_delete=models.PROTECT, related_name="activities")
    code = models.CharField(_("kode kegiatan"), max_length=30)
    menu = models.ForeignKey(ActivityMenu, on_delete=models.PROTECT, related_name="+")
    sentra = models.ForeignKey(
        Sentra, null=True, blank=True, on_delete=models.PROTECT, related_name="activities"
    )
    description = models.TextField(_("uraian kegiatan"))
    volume = models.DecimalField(_("volume"), max_digits=12, decimal_places=2, default=Decimal("1"))
    unit = models.CharField(_("satuan"), max_length=40, blank=True)
    pagu = models.DecimalField(
        _("pagu (Rp)"), validators=[MinValueValidator(Decimal("0"))], **MONEY
    )
    # Procurement (pengadaan/kontrak)
    ded_ready = models.BooleanField(_("DED siap"), default=False)
    procurement_method = models.CharField(
        _("metode pengadaan"), max_length=20, choices=ProcurementMethod.choices, blank=True
    )
    procurement_stage = models.CharField(
        _("tahap pengadaan"),
        max_length=20,
        choices=ProcurementStage.choices,
        default=ProcurementStage.BELUM_MULAI,
    )
    contract_number = models.CharField(_("nomor kontrak"), max_length=100, blank=True)
    contract_date = models.DateField(_("tanggal kontrak"), null=True, blank=True)
    contract_value = models.DecimalField(_("nilai kontrak (Rp)"), null=True, blank=True, **MONEY)
    supplier = models.CharField(_("penyedia"), max_length=200, blank=True)
    planned_completion = models.DateField(_("rencana selesai"), null=True, blank=True)
    actual_completion = models.DateField(_("realisasi selesai"), null=True, blank=True)
    history = HistoricalRecords()

    objects = PlannedActivityQuerySet.as_manager()

    class Meta:
        ordering = ["allocation_id", "code"]
        verbose_name = _("kegiatan (RK)")
        verbose_name_plural = _("kegiatan (RK)")
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "code"], name="unique_activity_code_per_allocation"
            ),
            models.CheckConstraint(condition=Q(pagu__gte=0), name="activity_pagu_not_negative"),
            models.CheckConstraint(
                condition=Q(contract_value__isnull=True) | Q(contract_value__gte=0),
                name="activity_contract_value_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.description[:40]}"


class DisbursementQuerySet(RegionScopedQuerySet):
    region_lookup = "allocation__region_id"


class Disbursement(models.Model):
    """Money transferred to the region for one stage (penyaluran)."""

    allocation = models.ForeignKey(
        Allocation, on_delete=models.PROTECT, related_name="disbursements"
    )
    stage = models.PositiveSmallIntegerField(_("tahap"), choices=DisbursementStage.choices)
    amount = models.DecimalField(
        _("jumlah (Rp)"), validators=[MinValueValidator(Decimal("0"))], **MONEY
    )
    date = models.DateField(_("tanggal"))
    reference = models.CharField(_("nomor SP2D/referensi"), max_length=100, blank=True)
    history = HistoricalRecords()

    objects = DisbursementQuerySet.as_manager()

    class Meta:
        ordering = ["allocation_id", "stage"]
        verbose_name = _("penyaluran")
        verbose_name_plural = _("penyaluran")
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "stage"], name="one_disbursement_per_stage"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="disbursement_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.allocation} {self.get_stage_display()}"


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
