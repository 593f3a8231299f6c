"""Query filters of the allocations API (django-filter). Filtering narrows; scoping is visible_to."""

from __future__ import annotations

import django_filters as df

from allocations.choices import DisbursementStage, ProcurementStage, RegionLevel, RKStatus
from allocations.models import Allocation, Disbursement, PlannedActivity, Region
from dakmonev.api.filters import IntFilter


def in_province(queryset, name, value):
    """A filter on the province code: the provinsi itself and its kabupaten/kota."""
    return queryset.in_province(value)


class RegionFilter(df.FilterSet):
    code = df.CharFilter(field_name="code")
    level = df.ChoiceFilter(choices=RegionLevel.choices)
    province = df.CharFilter(method=in_province, label="Kode provinsi")

    class Meta:
        model = Region
        fields = ["code", "level", "province"]


class AllocationFilter(df.FilterSet):
    year = IntFilter(field_name="fiscal_year__year")
    region = df.CharFilter(field_name="region__code", label="Kode wilayah")
    province = df.CharFilter(method=in_province, label="Kode provinsi")
    rk_status = df.ChoiceFilter(choices=RKStatus.choices)

    class Meta:
        model = Allocation
        fields = ["year", "region", "province", "rk_status"]


class ActivityFilter(df.FilterSet):
    year = IntFilter(field_name="allocation__fiscal_year__year")
    region = df.CharFilter(field_name="allocation__region__code", label="Kode wilayah")
    province = df.CharFilter(method=in_province, label="Kode provinsi")
    allocation = IntFilter(field_name="allocation_id")
    menu = df.CharFilter(field_name="menu__code")
    procurement_stage = df.ChoiceFilter(choices=ProcurementStage.choices)

    class Meta:
        model = PlannedActivity
        fields = ["year", "region", "province", "allocation", "menu", "procurement_stage"]


class DisbursementFilter(df.FilterSet):
    year = IntFilter(field_name="allocation__fiscal_year__year")
    region = df.CharFilter(field_name="allocation__region__code", label="Kode wilayah")
    province = df.CharFilter(method=in_province, label="Kode provinsi")
    stage = df.TypedChoiceFilter(choices=DisbursementStage.choices, coerce=int)

    class Meta:
        model = Disbursement
        fields = ["year", "region", "province", "stage"]
