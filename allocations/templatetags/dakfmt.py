"""Indonesian display formats for templates: {% load dakfmt %} then `|rupiah`, `|persen`, `|tanggal`, `|triwulan`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language

from dakmonev.messages import render
from dakmonev.quarters import Quarter
from dakmonev.spreadsheet.numbers import format_date, format_percent, format_rupiah

register = template.Library()


@register.filter
def rupiah(value) -> str:
    """`Rp1.250.000.000`; `-` when empty."""
    if value in (None, ""):
        return "-"
    return format_rupiah(Decimal(value))


@register.filter
def persen(value) -> str:
    """`88,46 %` (half-up, 2 decimals); `-` when there is no figure."""
    if value in (None, ""):
        return "-"
    return format_percent(Decimal(value))


@register.filter
def deviation(value) -> str:
    """A deviation from plan (points): a red badge when behind, green when on or ahead of plan
    (`+2,50 %`), `—` without a target — never 0. One filter, so a 514-row table costs no
    template include per row."""
    if value is None:
        return "—"
    if value < 0:
        return format_html(
            '<span class="badge bad" data-deviation="behind">{}</span>', persen(value)
        )
    return format_html('<span class="badge ok" data-deviation="on-track">+{}</span>', persen(value))


# English month names fixed here: calendar.month_name follows the server's locale.
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _english() -> bool:
    return (get_language() or "").startswith("en")


def _date(d) -> str:
    if _english():  # the English interface: `22 July 2026`
        return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
    return format_date(d)


@register.filter
def tanggal(value, with_time: bool = False) -> str:
    """`22 November 2026` (and `, 13.05 WIB` for datetimes when asked); English month names in
    the English interface."""
    if not value:
        return "-"
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        text = _date(local)
        return f"{text}, {local:%H.%M}" if with_time else text
    return _date(value)


@register.filter
def triwulan(value) -> str:
    """`TW III` for 3 — the ministry's notation in both languages; `-` when there is no quarter."""
    quarter = Quarter.of(value)
    return quarter.label if quarter else "-"


@register.simple_tag
def quarter_choices() -> list[tuple[int, str]]:
    """`(1, "TW I")`…`(4, "TW IV")` for a quarter picker."""
    return Quarter.choices


@register.filter
def issue_text(issue) -> str:
    """A stored import error or report warning in the reader's language (dakmonev.messages)."""
    return render(issue) if isinstance(issue, dict) else str(issue or "")
