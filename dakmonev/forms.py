"""Form fields shared by every app: money typed the Indonesian way.

A browser number field refuses `67.796.000` (with an English message) although that is how a
clerk writes rupiah. `MoneyField` is a text input with `inputmode="decimal"` (the phone shows
digits) read by the same parser as the spreadsheet importers
(`dakmonev.spreadsheet.numbers.parse_money`), so `67.796.000`, `Rp 1.250.000,50` and
`1250000` mean the same on a page as in a workbook.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import DecimalValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dakmonev.spreadsheet.numbers import format_rupiah, parse_money


class MoneyInput(forms.TextInput):
    """A text input for rupiah: digits keyboard on phones, no browser number rules."""

    def __init__(self, attrs=None):
        super().__init__(
            {
                "inputmode": "decimal",
                "autocomplete": "off",
                "class": "money",
                "placeholder": "0",
                **(attrs or {}),
            }
        )


class SearchableSelect(forms.Select):
    """A select with a filter box above it (static/js/layout.js) for long lists such as ~500
    regions: typing `32.04` or `bandung` narrows the options. Without JavaScript it is a plain
    select. (A <datalist> would give free text that still has to be matched to one region, and
    phones show datalists inconsistently; the select keeps one valid choice.)"""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-searchable": "1", **(attrs or {})}, choices)


class MoneyField(forms.Field):
    """Rupiah as Decimal with 2 decimals, typed `67.796.000`, `Rp 1.250.000,50` or `1250000`."""

    widget = MoneyInput
    default_error_messages = {
        "invalid": _(
            "“%(value)s” bukan angka rupiah. Tulis misalnya 67.796.000 atau Rp 1.250.000,50 "
            "(titik pemisah ribuan, koma sebelum sen)."
        ),
        "negative": _("Nilai rupiah tidak boleh negatif."),
    }

    def __init__(self, *, min_value: Decimal | int | None = 0, max_digits: int = 18, **kwargs):
        kwargs.pop("decimal_places", None)  # always 2: rupiah and sen
        kwargs.pop("max_value", None)
        kwargs.pop("localize", None)
        super().__init__(**kwargs)
        self.min_value = None if min_value is None else Decimal(min_value)
        self.validators.append(DecimalValidator(max_digits, 2))
        if self.min_value:
            self.validators.append(MinValueValidator(self.min_value))

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        try:
            amount = parse_money(value)
        except ValueError:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None
        if self.min_value == 0 and amount < 0:
            raise forms.ValidationError(self.error_messages["negative"], code="negative")
        return amount

    def prepare_value(self, value):
        """A stored amount shown as it would be typed (`67.796.000`, `1.250.000,50`); what the
        person typed is shown back unchanged."""
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return format_rupiah(value).replace("Rp", "", 1)
        return value


def is_money_field(db_field) -> bool:
    """A model field holding rupiah: DecimalField(max_digits=18, decimal_places=2)."""
    return (
        isinstance(db_field, models.DecimalField)
        and db_field.decimal_places == 2
        and db_field.max_digits == 18
    )


class MoneyAdminMixin:
    """ModelAdmin mixin: every rupiah field of the model is a MoneyField in the admin forms."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if is_money_field(db_field):
            return db_field.formfield(form_class=MoneyField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
