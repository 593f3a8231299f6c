"""The English interface shows dates, quarters and stored import messages in English; the
Indonesian one is unchanged (issue 17)."""

from __future__ import annotations

import datetime as dt

from django.template import Context, Template
from django.utils import translation

from dakmonev.messages import CATALOGUE, compose, render
from dakmonev.spreadsheet.issues import CellIssue


def _render(src: str, **ctx) -> str:
    return Template("{% load dakfmt %}" + src).render(Context(ctx))


def test_month_names_follow_the_language_and_quarters_keep_the_ministrys_notation():
    day = dt.date(2026, 7, 22)
    with translation.override("id"):
        assert _render("{{ d|tanggal }} {{ q|triwulan }}", d=day, q=3) == "22 Juli 2026 TW III"
    with translation.override("en"):
        assert _render("{{ d|tanggal }} {{ q|triwulan }}", d=day, q=3) == "22 July 2026 TW III"


def test_a_stored_message_keeps_its_code_and_is_shown_in_the_readers_language():
    composed = compose("financial_below_previous", quarter=2, previous="Rp1.250.000")
    issue = CellIssue.said(composed, row=12, column="Realisasi Keuangan (Rp)", value="1")
    stored = issue.as_dict()
    assert stored["code"] == "financial_below_previous"
    assert stored["params"] == {"quarter": "2", "previous": "Rp1.250.000"}
    assert stored["message"].startswith("Realisasi keuangan lebih rendah dari laporan TW 2")
    with translation.override("id"):
        assert render(stored) == stored["message"]
    with translation.override("en"):
        english = render(stored)
    assert english != stored["message"] and "Rp1.250.000" in english
    # Messages stored before codes existed are shown as stored.
    assert render({"message": "Pesan lama"}) == "Pesan lama"


def test_every_stored_message_has_an_english_translation():
    missing = []
    with translation.override("en"):
        for code, template in CATALOGUE.items():
            if translation.gettext(template) == template:
                missing.append(code)
    assert missing == []
