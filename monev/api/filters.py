"""Query filters of the findings and follow-ups API. Filtering narrows; scoping is visible_to."""

from __future__ import annotations

import django_filters as df

from dakmonev.api.filters import IntFilter
from monev.choices import FollowUpStatus, Severity
from monev.models import Finding, FollowUp


class FindingFilter(df.FilterSet):
    year = IntFilter(field_name="inspection__fiscal_year__year")
    region = df.CharFilter(field_name="region__code", label="Kode wilayah")
    province = df.CharFilter(method="filter_province", label="Kode provinsi")
    inspection = IntFilter(field_name="inspection_id")
    problem_code = IntFilter(field_name="problem_code__code")
    status = df.ChoiceFilter(choices=FollowUpStatus.choices)
    severity = df.ChoiceFilter(choices=Severity.choices)
    is_closed = df.BooleanFilter(
        field_name="closed_at", lookup_expr="isnull", exclude=True, label="Sudah ditutup"
    )
    is_overdue = df.BooleanFilter(field_name="is_overdue", label="Tindak lanjut lewat batas")

    class Meta:
        model = Finding
        fields = [
            "year",
            "region",
            "province",
            "inspection",
            "problem_code",
            "status",
            "severity",
            "is_closed",
            "is_overdue",
        ]

    def filter_province(self, queryset, name, value):
        return queryset.in_province(value)


class FollowUpFilter(df.FilterSet):
    finding = IntFilter(field_name="finding_id")
    region = df.CharFilter(field_name="finding__region__code", label="Kode wilayah")
    assessed = df.BooleanFilter(
        field_name="assessed_at", lookup_expr="isnull", exclude=True, label="Sudah dinilai"
    )
    assessment_status = df.ChoiceFilter(choices=FollowUpStatus.choices)

    class Meta:
        model = FollowUp
        fields = ["finding", "region", "assessed", "assessment_status"]
