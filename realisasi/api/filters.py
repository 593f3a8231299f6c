"""Query filters of the reports and alerts API. Filtering narrows; scoping is visible_to."""

from __future__ import annotations

import django_filters as df

from dakmonev.api.filters import IntFilter
from realisasi.choices import COUNTED_STATUSES, ReportStatus
from realisasi.models import Alert, AlertKind, QuarterlyReport


def _province(queryset, name, value):
    return queryset.in_province(value)


class ReportFilter(df.FilterSet):
    year = IntFilter(field_name="fiscal_year__year")
    quarter = IntFilter(field_name="quarter")
    region = df.CharFilter(field_name="region__code", label="Kode wilayah")
    province = df.CharFilter(method=_province, label="Kode provinsi")
    status = df.ChoiceFilter(choices=ReportStatus.choices)
    is_current = df.BooleanFilter(field_name="is_current", label="Hanya versi terbaru")
    counted = df.BooleanFilter(
        method="filter_counted", label="Hanya versi yang dihitung (diajukan/terverifikasi)"
    )

    class Meta:
        model = QuarterlyReport
        fields = ["year", "quarter", "region", "province", "status", "is_current", "counted"]

    def filter_counted(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.counted() if value else queryset.exclude(status__in=COUNTED_STATUSES)


class AlertFilter(df.FilterSet):
    year = IntFilter(field_name="fiscal_year__year")
    quarter = IntFilter(field_name="quarter")
    region = df.CharFilter(field_name="region__code", label="Kode wilayah")
    province = df.CharFilter(method=_province, label="Kode provinsi")
    kind = df.ChoiceFilter(choices=AlertKind.choices)
    is_open = df.BooleanFilter(
        field_name="resolved_at", lookup_expr="isnull", label="Masih terbuka"
    )

    class Meta:
        model = Alert
        fields = ["year", "quarter", "region", "province", "kind", "is_open"]
