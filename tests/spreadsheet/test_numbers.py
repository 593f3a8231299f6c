from decimal import Decimal

import pytest

from dakmonev.spreadsheet.numbers import (
    format_percent,
    format_rupiah,
    normalize_header,
    parse_int,
    parse_money,
    parse_percent,
)


@pytest.mark.parametrize(
    "typed, expected",
    [
        (1250000000, "1250000000.00"),
        (1250000000.5, "1250000000.50"),
        ("Rp 1.250.000.000", "1250000000.00"),
        ("Rp1.250.000.000", "1250000000.00"),
        ("1.250.000.000,50", "1250000000.50"),
        ("1250000,5", "1250000.50"),
        ("  750.000 ", "750000.00"),
        ("45.5", "45.50"),
        ("1,250,000,000", "1250000000.00"),
        ("0", "0.00"),
        ("-1.000", "-1000.00"),
        (Decimal("0.005"), "0.01"),
    ],
)
def test_money_as_people_type_it(typed, expected):
    assert parse_money(typed) == Decimal(expected)


@pytest.mark.parametrize("typed", ["abc", "1.2.3,4,5", "Rp", "12..5", True])
def test_money_rejects_non_numbers_with_an_indonesian_message(typed):
    with pytest.raises(ValueError, match="bukan angka"):
        parse_money(typed)


def test_empty_money_says_fill_it():
    with pytest.raises(ValueError, match="kosong"):
        parse_money("  ")


@pytest.mark.parametrize(
    "typed, fmt, expected",
    [
        ("45,5", False, "45.50"),
        ("45,5%", False, "45.50"),
        ("45,5 %", False, "45.50"),
        (0.455, True, "45.50"),
        (45.5, False, "45.50"),
        (1, True, "100.00"),
        ("100", False, "100.00"),
    ],
)
def test_percent(typed, fmt, expected):
    assert parse_percent(typed, is_percent_format=fmt) == Decimal(expected)


def test_int():
    assert parse_int(12.0) == 12 and parse_int("1.200") == 1200
    with pytest.raises(ValueError, match="bilangan bulat"):
        parse_int("12,5")


def test_normalize_header():
    assert normalize_header("Realisasi\nKeuangan  (Rp)") == "realisasi keuangan"
    assert normalize_header(" Kode Wilayah : ") == "kode wilayah"
    assert normalize_header("Realisasi Fisik (%)") == "realisasi fisik"


def test_display_formats():
    assert format_rupiah(Decimal("1250000000")) == "Rp1.250.000.000"
    assert format_percent(Decimal("88.455")) == "88,46 %"
    assert format_percent(Decimal("1234.5")) == "1.234,50 %"
    assert format_percent(None) == "-"
