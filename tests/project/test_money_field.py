"""Money typed the Indonesian way: one form field (dakmonev.forms.MoneyField) reading text with
the importers' parser, and rupiah shown with its sen when it has some."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template

from dakmonev.forms import MoneyField
from dakmonev.spreadsheet.numbers import format_rupiah


class AmountForm(forms.Form):
    amount = MoneyField(label="Nilai", required=False)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("67.796.000", "67796000.00"),
        ("Rp 1.250.000,50", "1250000.50"),
        ("Rp1.250.000.000", "1250000000.00"),
        ("1250000", "1250000.00"),
        ("1250000,5", "1250000.50"),
        (" 2.600.000.000,50 ", "2600000000.50"),
        ("", None),
    ],
)
def test_money_field_accepts_indonesian_typing(typed, expected):
    form = AmountForm({"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12,34,56", "bukan angka rupiah"),
        ("dua juta", "bukan angka rupiah"),
        ("-5.000", "tidak boleh negatif"),
        ("99.999.999.999.999.999", "tidak melebihi 18 angka"),
    ],
)
def test_money_field_refuses_in_indonesian(typed, message):
    form = AmountForm({"amount": typed})
    assert not form.is_valid()
    assert message in form.errors["amount"][0]


def test_money_input_is_a_text_field_with_a_number_keyboard():
    html = str(AmountForm()["amount"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html and 'type="number"' not in html


def test_a_stored_amount_is_shown_as_it_would_be_typed_and_typing_is_kept():
    assert 'value="67.796.000"' in str(
        AmountForm(initial={"amount": Decimal("67796000")})["amount"]
    )
    assert 'value="1.250.000,50"' in str(
        AmountForm(initial={"amount": Decimal("1250000.5")})["amount"]
    )
    assert 'value="12,34,56"' in str(AmountForm({"amount": "12,34,56"})["amount"])


def test_rupiah_shows_sen_only_when_there_are_some():
    assert format_rupiah(Decimal("2600000000.50")) == "Rp2.600.000.000,50"
    assert format_rupiah(Decimal("2600000000.00")) == "Rp2.600.000.000"
    assert format_rupiah(Decimal("2600000000.50"), decimals=False) == "Rp2.600.000.001"
    assert format_rupiah(Decimal("-1250.5")) == "-Rp1.250,50"
    html = Template("{% load dakfmt %}{{ v|rupiah }}").render(
        Context({"v": Decimal("2600000000.50")})
    )
    assert html == "Rp2.600.000.000,50"
