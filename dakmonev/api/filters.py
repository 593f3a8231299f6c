"""Filter types shared by the API's FilterSets."""

from __future__ import annotations

import django_filters as df
from django import forms
from drf_spectacular.utils import extend_schema_field

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
