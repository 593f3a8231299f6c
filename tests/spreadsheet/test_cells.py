import pytest

from dakmonev.spreadsheet.cells import cell_text, is_blank, region_code


@pytest.mark.parametrize(
    "typed, code",
    [
        ("32.04", "32.04"),
        ("3204", "32.04"),
        (" 32.04 ", "32.04"),
        (3204, "32.04"),
        (3204.0, "32.04"),
        (32.1, "32.10"),
        (32.04, "32.04"),
        ("32", "32"),
        (32, "32"),
    ],
)
def test_region_codes_as_people_type_them(typed, code):
    assert region_code(typed) == code


@pytest.mark.parametrize("typed", ["Bandung", "320", "32.4.1", ""])
def test_not_a_region_code(typed):
    with pytest.raises(ValueError, match="kode wilayah Kemendagri"):
        region_code(typed)


def test_text_and_blank():
    assert cell_text(12.0) == "12" and cell_text(None) == "" and cell_text("  a ") == "a"
    assert is_blank("  ") and is_blank(None) and not is_blank(0)
