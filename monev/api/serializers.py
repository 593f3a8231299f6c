"""Serializers of findings and follow-ups (API v1). Inputs check shape; monev's services decide."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from allocations.models import PlannedActivity, ProblemCode, Region
from monev.choices import FollowUpStatus, Severity
from monev.models import Attachment, Finding, FollowUp, Inspection


class AttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attachment
        fields = ["id", "original_name", "content_type", "size", "uploaded_at"]


class FollowUpSerializer(serializers.ModelSerializer):
    finding_id = serializers.IntegerField(read_only=True)
    submitted_by = serializers.CharField(source="submitted_by.username", read_only=True)
    assessed_by = serializers.CharField(
        source="assessed_by.username", read_only=True, allow_null=True, default=None
    )
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "finding_id",
            "description",
            "date",
            "submitted_by",
            "submitted_at",
            "assessment_status",
            "assessment_note",
            "assessed_by",
            "assessed_at",
            "attachments",
        ]


class FindingSerializer(serializers.ModelSerializer):
    inspection_id = serializers.IntegerField(read_only=True)
    year = serializers.IntegerField(source="inspection.fiscal_year.year", read_only=True)
    region_code = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    activity_id = serializers.IntegerField(read_only=True, allow_null=True)
    activity_code = serializers.CharField(
        source="activity.code", read_only=True, allow_null=True, default=None
    )
    problem_code = serializers.IntegerField(
        source="problem_code.code", read_only=True, allow_null=True, default=None
    )
    is_closed = serializers.BooleanField(read_only=True)
    is_overdue = serializers.BooleanField(
        read_only=True, help_text="Lewat batas dan tindak lanjut masih BELUM/PROSES."
    )
    followup_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Finding
        fields = [
            "id",
            "inspection_id",
            "year",
            "region_code",
            "region_name",
            "title",
            "kondisi",
            "kriteria",
            "sebab",
            "akibat",
            "rekomendasi",
            "amount",
            "activity_id",
            "activity_code",
            "problem_code",
            "severity",
            "due_date",
            "status",
            "is_closed",
            "is_overdue",
            "closed_at",
            "closing_note",
            "created_at",
            "followup_count",
            "is_synthetic",
        ]


class FindingDetailSerializer(FindingSerializer):
    followups = FollowUpSerializer(many=True, read_only=True)
    attachments = serializers.SerializerMethodField()

    class Meta(FindingSerializer.Meta):
        fields = FindingSerializer.Meta.fields + ["followups", "attachments"]

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, finding) -> list[dict]:
        """Files of the finding itself (a follow-up's evidence is listed under that follow-up)."""
        return AttachmentSerializer(
            [a for a in finding.attachments.all() if a.followup_id is None], many=True
        ).data


def _user(serializer) -> object:
    return serializer.context["request"].user


class _ScopedPk(serializers.PrimaryKeyRelatedField):
    """A reference to an object the user may see; another region's id reads as "does not exist"."""

    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(queryset=model.objects.none(), **kwargs)

    def get_queryset(self):
        return self.model.objects.visible_to(_user(self.parent))


class _ScopedRegion(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=Region.objects.none(), **kwargs)

    def get_queryset(self):
        return Region.objects.visible_to(_user(self.parent))


TEXT = {"max_length": 20000}


class FindingInput(serializers.Serializer):
    """A new finding, or (partial) corrections of an open one."""

    inspection = _ScopedPk(Inspection, help_text="Id inspeksi.")
    title = serializers.CharField(max_length=200)
    kondisi = serializers.CharField(**TEXT)
    kriteria = serializers.CharField(**TEXT)
    sebab = serializers.CharField(**TEXT)
    akibat = serializers.CharField(**TEXT)
    rekomendasi = serializers.CharField(**TEXT)
    due_date = serializers.DateField()
    severity = serializers.ChoiceField(choices=Severity.choices, default=Severity.SEDANG)
    region = _ScopedRegion(
        required=False, help_text="Kode wilayah penanggung jawab (bawaan: wilayah inspeksi)."
    )
    amount = serializers.DecimalField(
        max_digits=18, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    activity = _ScopedPk(
        PlannedActivity, required=False, allow_null=True, help_text="Id kegiatan RK terkait."
    )
    problem_code = serializers.SlugRelatedField(
        slug_field="code",
        queryset=ProblemCode.objects.all(),
        required=False,
        allow_null=True,
        help_text="Kode masalah 1–11.",
    )


class FindingUpdateInput(FindingInput):
    """PATCH: every field optional; the inspection of a finding never changes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)
        self.fields.pop("inspection")


class FindingCloseInput(serializers.Serializer):
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class FollowUpInput(serializers.Serializer):
    description = serializers.CharField(**TEXT)
    date = serializers.DateField(help_text="Tanggal tindak lanjut (tidak di masa depan).")
    files = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        default=list,
        help_text="Bukti (pdf, jpg, png, xlsx, docx) — hanya lewat multipart/form-data.",
    )


class FollowUpAssessInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=FollowUpStatus.choices)
    note = serializers.CharField(
        max_length=4000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Wajib bila status bukan SELESAI.",
    )
