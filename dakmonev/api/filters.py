"""Filter types and backends shared by the API's views: one set of parameter names (dakmonev.query)."""

from __future__ import annotations

import django_filters as df
from django import forms
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework.filters import OrderingFilter

from dakmonev.query import canonical

MAX_INT = 2_147_483_647


class BoundedIntegerField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_INT)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": MAX_INT})
class IntFilter(df.NumberFilter):
    """An integer (id, year, quarter) — out-of-range or non-integer input is a 400, never a DB error."""

    field_class = BoundedIntegerField


class QueryFilterBackend(DjangoFilterBackend):
    """django-filter reading the request's parameters as dakmonev.query names them (old names accepted)."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        kwargs["data"] = canonical(request.query_params)
        return kwargs


class SortFilter(OrderingFilter):
    """`?sort=-pagu,region__code` (the API called it `ordering` before; still accepted)."""

    ordering_param = "sort"

    def get_ordering(self, request, queryset, view):
        params = canonical(request.query_params).get(self.ordering_param)
        if params:
            fields = [param.strip() for param in params.split(",")]
            ordering = self.remove_invalid_fields(queryset, fields, view, request)
            if ordering:
                return ordering
        return self.get_default_ordering(view)
