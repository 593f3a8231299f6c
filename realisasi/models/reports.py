"""Quarterly realisation reports: versions, lines, and the record of every upload."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from allocations.choices import ProcurementStage
from allocations.scoping import RegionScopedQuerySet
from dakmonev.quarters import Quarter

from ..choices import COUNTED_STATUSES, ReportStatus, UploadStatus

FINISHED_UPLOAD_STATUSES = (
    UploadStatus.ACCEPTED,
    UploadStatus.PREVIEWED,
    UploadStatus.REJECTED,
    UploadStatus.DUPLICATE,
)

MONEY = {"max_digits": 18, "decimal_places": 2}


class QuarterlyReportQuerySet(RegionScopedQuerySet):
    region_lookup = "region_id"

    def counted(self):
        """Versions that count in figures: submitted or verified (at most one per quarter)."""
        return self.filter(status__in=COUNTED_STATUSES)

    def current(self):
        return self.filter(is_current=True)


class QuarterlyReport(models.Model):
    """One version of a region's realisation report for a TA and quarter.

    The database guarantees exactly one current (latest) version and at most one counted
    (submitted/verified) version per region, TA and quarter.
    """

    region = models.ForeignKey(
        "allocations.Region", on_delete=models.PROTECT, related_name="reports"
    )
    fiscal_year = models.ForeignKey(
        "allocations.FiscalYear", on_delete=models.PROTECT, related_name="reports"
    )
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=Quarter.choices)
    version = models.PositiveIntegerField(_("versi"))
    is_current = models.BooleanField(_("versi terbaru"), default=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    report_date = models.DateField(_("tanggal laporan"), null=True, blank=True)
    warnings = models.JSONField(_("peringatan"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(_("alasan dikembalikan"), blank=True)
    verification_note = models.TextField(_("catatan verifikasi"), blank=True)
    is_synthetic = models.BooleanField(_("data sintetis (demo)"), default=False)
    history = HistoricalRecords()

    objects = QuarterlyReportQuerySet.as_manager()

    class Meta:
        ordering = ["fiscal_year__year", "quarter", "region__code", "-version"]
        verbose_name = _("laporan realisasi triwulan")
        verbose_name_plural = _("laporan realisasi triwulan")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "fiscal_year", "quarter", "version"], name="unique_report_version"
            ),
            models.UniqueConstraint(
                fields=["region", "fiscal_year", "quarter"],
                condition=Q(is_current=True),
                name="one_current_report_version",
            ),
            models.UniqueConstraint(
                fields=["region", "fiscal_year", "quarter"],
                condition=Q(status__in=COUNTED_STATUSES),
                name="one_counted_report_version",
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="report_quarter_1_4"
            ),
        ]
        indexes = [
            models.Index(
                fields=["fiscal_year", "quarter", "status"], name="report_year_quarter_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} TA {self.fiscal_year.year} TW{self.quarter} v{self.version}"


class ReportLineQuerySet(RegionScopedQuerySet):
    region_lookup = "report__region_id"


class ReportLine(models.Model):
    """One RK line's cumulative realisation in one report version."""

    report = models.ForeignKey(QuarterlyReport, on_delete=models.CASCADE, related_name="lines")
    activity = models.ForeignKey(
        "allocations.PlannedActivity", on_delete=models.PROTECT, related_name="report_lines"
    )
    excel_row = models.PositiveIntegerField(_("baris Excel"), null=True, blank=True)
    reported_pagu = models.DecimalField(_("pagu di berkas (Rp)"), null=True, blank=True, **MONEY)
    contract_value = models.DecimalField(_("nilai kontrak (Rp)"), null=True, blank=True, **MONEY)
    procurement_stage = models.CharField(
        _("status pengadaan"), max_length=20, choices=ProcurementStage.choices
    )
    financial_realisation = models.DecimalField(_("realisasi keuangan (Rp)"), **MONEY)
    physical_progress = models.DecimalField(
        _("realisasi fisik (%)"), max_digits=5, decimal_places=2
    )
    workers = models.PositiveIntegerField(_("tenaga kerja"), null=True, blank=True)
    problem_codes = models.JSONField(_("kode masalah"), default=list, blank=True)
    remarks = models.TextField(_("keterangan"), blank=True)

    objects = ReportLineQuerySet.as_manager()

    class Meta:
        ordering = ["report_id", "excel_row", "id"]
        verbose_name = _("baris laporan")
        verbose_name_plural = _("baris laporan")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "activity"], name="one_line_per_activity_per_report"
            ),
            models.CheckConstraint(
                condition=Q(financial_realisation__gte=0), name="line_financial_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(physical_progress__gte=0, physical_progress__lte=100),
                name="line_physical_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}/{self.activity_id}: Rp{self.financial_realisation}, {self.physical_progress} %"


def upload_path(instance: ReportUpload, filename: str) -> str:
    # Never the user's file name: a generated one, so `../../x.xlsx` cannot escape.
    return f"uploads/reports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.xlsx"


def annotated_path(instance: ReportUpload, filename: str) -> str:
    return f"uploads/reports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}-kesalahan.xlsx"


class ReportUploadQuerySet(RegionScopedQuerySet):
    region_lookup = "region_id"


class ReportUpload(models.Model):
    """Every upload attempt: who, when, the original bytes (SHA-256), outcome, errors, warnings."""

    region = models.ForeignKey(
        "allocations.Region",
        on_delete=models.PROTECT,
        related_name="report_uploads",
        null=True,
        blank=True,
    )
    fiscal_year = models.PositiveSmallIntegerField(null=True, blank=True)
    quarter = models.PositiveSmallIntegerField(null=True, blank=True, choices=Quarter.choices)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    original = models.FileField(_("berkas asli"), upload_to=upload_path, max_length=200)
    original_name = models.CharField(_("nama berkas"), max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, db_index=True)
    status = models.CharField(
        max_length=12, choices=UploadStatus.choices, default=UploadStatus.RECEIVED
    )
    dry_run = models.BooleanField(_("pratinjau saja"), default=False)
    submit = models.BooleanField(_("langsung ajukan"), default=False)
    progress = models.PositiveSmallIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    # A dry run keeps the parsed lines here so the person can check them before confirming.
    preview = models.JSONField(_("pratinjau baris"), default=list, blank=True)
    report = models.ForeignKey(
        QuarterlyReport, null=True, blank=True, on_delete=models.SET_NULL, related_name="uploads"
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    # The person's workbook with the bad cells highlighted, built once when the upload was
    # rejected (downloads serve this copy; the original is never opened again for them).
    annotated = models.FileField(
        _("berkas dengan tanda kesalahan"),
        upload_to=annotated_path,
        max_length=200,
        blank=True,
    )

    objects = ReportUploadQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("unggahan laporan")
        verbose_name_plural = _("unggahan laporan")
        constraints = [
            # The same bytes are accepted once per region: a second upload is a duplicate.
            models.UniqueConstraint(
                fields=["region", "sha256"],
                condition=Q(status=UploadStatus.ACCEPTED),
                name="accept_same_bytes_once_per_region",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_UPLOAD_STATUSES

    @property
    def has_cell_errors(self) -> bool:
        """Whether an annotated copy of the workbook can show where the errors are."""
        return self.status == UploadStatus.REJECTED and any(e.get("row") for e in self.errors)
