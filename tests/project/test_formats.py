import datetime as dt
from decimal import Decimal

from django.template import Context, Template


def render(src: str, **ctx) -> str:
    return Template("{% load dakfmt %}" + src).render(Context(ctx))


def test_indonesian_display_formats():
    assert render("{{ v|rupiah }}", v=Decimal("1250000000.00")) == "Rp1.250.000.000"
    assert render("{{ v|persen }}", v=Decimal("88.4567")) == "88,46 %"
    assert render("{{ v|persen }}", v=None) == "-"
    assert render("{{ v|tanggal }}", v=dt.date(2026, 7, 22)) == "22 Juli 2026"
    assert render("{{ v|triwulan }}", v=3) == "TW III"
