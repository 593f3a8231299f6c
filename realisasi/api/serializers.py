"""Serializers of reports, uploads, alerts and absorption (API v1). Inputs check shape only."""

from __future__ import annotations

from decimal import ROUND_HALF_UP

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dakmonev.quarters import Quarter
from realisasi.models import Alert, QuarterlyReport, ReportLine
from realisasi.services.import_outcome import public_issue


class IssueSerializer(serializers.Serializer):
    """One cell problem: Excel row, column, the value found and an Indonesian message."""

    row = serializers.IntegerField(allow_null=True)
    column = serializers.CharField(allow_blank=True, allow_null=True)
    value = serializers.CharField(allow_blank=True, allow_null=True)
    message = serializers.CharField()


class _IssuesField(serializers.ListField):
    child = IssueSerializer()

    def to_representation(self, data):
        return [public_issue(issue) for issue in data or []]


class ReportListSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    year = serializers.IntegerField(source="fiscal_year.year", read_only=True)
    created_by = serializers.CharField(
        source="created_by.username", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = QuarterlyReport
        fields = [
            "id",
            "region_code",
            "region_name",
            "year",
            "quarter",
            "version",
            "is_current",
            "status",
            "report_date",
            "created_by",
            "created_at",
            "submitted_at",
            "verified_at",
            "returned_at",
            "return_reason",
            "is_synthetic",
        ]


class ReportLineSerializer(serializers.ModelSerializer):
    activity_id = serializers.IntegerField(read_only=True)
    activity_code = serializers.CharField(source="activity.code", read_only=True)
    activity_description = serializers.CharField(source="activity.description", read_only=True)
    activity_pagu = serializers.DecimalField(
        source="activity.pagu", max_digits=18, decimal_places=2, read_only=True
    )
    problem_codes = serializers.ListField(child=serializers.IntegerField(), read_only=True)

    class Meta:
        model = ReportLine
        fields = [
            "id",
            "activity_id",
            "activity_code",
            "activity_description",
            "activity_pagu",
            "excel_row",
            "reported_pagu",
            "contract_value",
            "procurement_stage",
            "financial_realisation",
            "physical_progress",
            "workers",
            "problem_codes",
            "remarks",
        ]


class ReportVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = QuarterlyReport
        fields = [
            "id",
            "version",
            "status",
            "is_current",
            "created_at",
            "submitted_at",
            "verified_at",
            "returned_at",
        ]


class ReportDetailSerializer(ReportListSerializer):
    """A report version with its lines, warnings and every version of the same quarter."""

    warnings = _IssuesField(read_only=True)
    lines = ReportLineSerializer(many=True, read_only=True)
    versions = serializers.SerializerMethodField()

    class Meta(ReportListSerializer.Meta):
        fields = ReportListSerializer.Meta.fields + [
            "verification_note",
            "warnings",
            "lines",
            "versions",
        ]

    @extend_schema_field(ReportVersionSerializer(many=True))
    def get_versions(self, report) -> list[dict]:
        siblings = self.context.get("versions")
        if siblings is None:
            siblings = QuarterlyReport.objects.filter(
                region_id=report.region_id,
                fiscal_year_id=report.fiscal_year_id,
                quarter=report.quarter,
            ).order_by("-version")
        return ReportVersionSerializer(siblings, many=True).data


class ReportUploadInput(serializers.Serializer):
    file = serializers.FileField(help_text="Berkas laporan triwulan `.xlsx` (EXCEL-FORMATS.md §1).")
    dry_run = serializers.BooleanField(default=False, help_text="Periksa saja, tanpa menyimpan.")
    submit = serializers.BooleanField(
        default=False, help_text="Langsung ajukan versi baru bila diterima."
    )

    def read_file(self) -> tuple[str, bytes]:
        """Name and bytes; reads at most one byte past the limit so the service can refuse it."""
        upload = self.validated_data["file"]
        return upload.name, upload.read(settings.DAK_UPLOAD_MAX_BYTES + 1)


class ImportResultSerializer(serializers.Serializer):
    """The JSON of `import_report --json`."""

    ok = serializers.BooleanField()
    report_id = serializers.IntegerField(allow_null=True)
    version = serializers.IntegerField(allow_null=True)
    duplicate = serializers.BooleanField()
    errors = IssueSerializer(many=True)
    warnings = IssueSerializer(many=True)


class _RejectionSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class ImportRejectedSerializer(ImportResultSerializer):
    """The same JSON when rejected, plus the API's usual `error` object."""

    error = _RejectionSerializer()


class ReturnInput(serializers.Serializer):
    reason = serializers.CharField(
        max_length=4000, allow_blank=True, help_text="Alasan dikembalikan (wajib; dibaca dinas)."
    )


class VerifyInput(serializers.Serializer):
    note = serializers.CharField(
        max_length=4000,
        required=False,
        allow_blank=True,
        help_text="Catatan verifikator (opsional; dibaca dinas bersama pemberitahuan).",
    )


class AlertSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    year = serializers.IntegerField(source="fiscal_year.year", read_only=True)
    quarter = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="0 = bukan laporan triwulan."
    )
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = Alert
        fields = [
            "id",
            "kind",
            "region_code",
            "region_name",
            "year",
            "quarter",
            "subject_key",
            "title",
            "message",
            "url",
            "due_date",
            "created_at",
            "resolved_at",
            "is_open",
        ]


# -- absorption ------------------------------------------------------------------------------
def _money(**kwargs):
    return serializers.DecimalField(
        max_digits=20, decimal_places=2, rounding=ROUND_HALF_UP, **kwargs
    )


def _percent(help_text: str, *, null_when: str = "pagu 0"):
    return serializers.DecimalField(
        max_digits=None,
        decimal_places=2,
        rounding=ROUND_HALF_UP,
        allow_null=True,
        help_text=f"{help_text} Dua desimal (pembulatan setengah ke atas); null bila {null_when}.",
    )


def _plan_percent(help_text: str):
    return _percent(help_text, null_when="tidak ada target (tidak pernah 0)")


class PlanFields(serializers.Serializer):
    """Plan versus actual as of the quarter (DOMAIN.md §7)."""

    planned_physical_pct = _plan_percent("Rencana fisik kumulatif, tertimbang pagu baris RK.")
    planned_financial_pct = _plan_percent("Rencana keuangan kumulatif ÷ pagu × 100.")
    deviation_physical_pct = _plan_percent(
        "Deviasi fisik: realisasi − rencana, poin persen (negatif: tertinggal)."
    )
    deviation_financial_pct = _plan_percent(
        "Deviasi keuangan: penyerapan − rencana keuangan, poin persen."
    )


class AbsorptionQuery(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, help_text="Tahun anggaran.")
    quarter = serializers.ChoiceField(
        choices=Quarter.choices, default=4, help_text="Per akhir triwulan ini (1–4; bawaan 4)."
    )


class RegionAbsorptionQuery(AbsorptionQuery):
    province = serializers.RegexField(
        r"^\d{2}$", required=False, help_text="Kode provinsi, mis. `32`."
    )


class AbsorptionSerializer(PlanFields):
    """National figures as of a quarter (DOMAIN.md §6–7)."""

    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    regions_count = serializers.IntegerField(help_text="Jumlah daerah penerima.")
    pagu = _money()
    financial_realisation = _money()
    absorption_pct = _percent("Penyerapan tertimbang uang: Σ realisasi ÷ Σ pagu × 100.")
    mean_region_absorption_pct = _percent("Rata-rata (tak tertimbang) penyerapan semua daerah.")
    mean_kabkota_absorption_pct = _percent(
        "Rata-rata (tak tertimbang) penyerapan kabupaten/kota saja."
    )
    physical_progress_pct = _percent("Realisasi fisik tertimbang pagu baris RK.")


class AreaRowSerializer(PlanFields):
    """One province or region row."""

    region_code = serializers.CharField()
    region_name = serializers.CharField()
    level = serializers.CharField()
    province_code = serializers.CharField()
    pagu = _money()
    financial_realisation = _money()
    absorption_pct = _percent("Σ realisasi ÷ Σ pagu × 100.")
    physical_progress_pct = _percent("Realisasi fisik tertimbang pagu baris RK.")
    quarter_reported = serializers.IntegerField(
        allow_null=True,
        help_text="Triwulan terakhir (≤ triwulan diminta) yang laporannya dihitung; "
        "untuk provinsi: triwulan sampai mana semua daerahnya sudah melapor. null bila belum ada.",
    )
    overdue = serializers.BooleanField(
        help_text="Laporan triwulan diminta belum masuk dan batasnya sudah lewat "
        "(untuk provinsi: ada daerah yang terlambat)."
    )
