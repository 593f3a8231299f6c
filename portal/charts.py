"""Chart data for the dashboard pages: plain JSON-able dicts, passed to the page with `json_script`.

Percentages are rounded half-up to 2 decimals for the axis and also sent pre-formatted
(`88,46 %`, `Rp1.250.000.000`) so tooltips read exactly like the tables. Legend and axis
texts (`series`) come from here too, in the page's language (static JS is not translated).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _

from dakmonev.quarters import Quarter
from dakmonev.spreadsheet.numbers import format_percent, format_rupiah
from realisasi.selectors.absorption import round_percent

from .selectors.dashboard import QuarterPoint, TrendPoint

MILIAR = Decimal("1000000000")


def _pct(value: Decimal | None) -> float | None:
    rounded = round_percent(value)
    return None if rounded is None else float(rounded)


def _pct_text(value: Decimal | None) -> str:
    return "-" if value is None else format_percent(value)


def trend_chart(points: Iterable[TrendPoint]) -> dict:
    points = list(points)
    return {
        "labels": [f"{_('TA')} {p.year}" for p in points],
        "pagu": [
            None if p.pagu is None else float((p.pagu / MILIAR).quantize(Decimal("0.1")))
            for p in points
        ],
        "paguText": ["-" if p.pagu is None else format_rupiah(p.pagu) for p in points],
        "absorption": [_pct(p.absorption) for p in points],
        "absorptionText": [_pct_text(p.absorption) for p in points],
        "meanKabkota": [_pct(p.mean_absorption_kabkota) for p in points],
        "meanKabkotaText": [_pct_text(p.mean_absorption_kabkota) for p in points],
        "series": {
            "pagu": _("Pagu (miliar Rp)"),
            "paguAxis": _("miliar Rp"),
            "absorption": _("Penyerapan (tertimbang nilai)"),
            "meanKabkota": _("Rata-rata kab/kota (tidak tertimbang)"),
        },
    }


def area_bar_chart(areas: Iterable) -> dict:
    areas = list(areas)
    return {
        "labels": [a.name for a in areas],
        "absorption": [_pct(a.absorption) for a in areas],
        "absorptionText": [_pct_text(a.absorption) for a in areas],
        "series": {"absorption": _("Penyerapan (tertimbang nilai)")},
    }


def quarter_chart(points: Iterable[QuarterPoint]) -> dict:
    points = list(points)
    return {
        "labels": [Quarter(p.quarter).label for p in points],
        "absorption": [_pct(p.absorption) for p in points],
        "absorptionText": [_pct_text(p.absorption) for p in points],
        "physical": [_pct(p.physical_progress) for p in points],
        "physicalText": [_pct_text(p.physical_progress) for p in points],
        "series": {"absorption": _("Keuangan (penyerapan)"), "physical": _("Fisik")},
    }
