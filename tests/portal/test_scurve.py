"""The S-curve (issue 18) on the region page, the province page and the dashboard: planned and
actual cumulative curves with the deviation, from the page's own figures (no query added)."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import make_user
from tests.realisasi.test_deviation import world  # noqa: F401 — the hand-computed example

pytestmark = pytest.mark.django_db
PERIOD = "?year=2024&quarter=2"


def _curve(html: str) -> dict:
    data = re.search(r'<script id="scurve-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(data.group(1))


def _rows(html: str) -> list[list[str]]:
    table = re.search(r'<table data-table="s-curve">(.*?)</table>', html, re.S).group(1)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    ]


def test_region_page_shows_plan_actual_and_deviation(client, world):  # noqa: F811
    client.force_login(make_user(Role.DITJEN))
    html = client.get(reverse("portal:region_detail", args=["71.01"]) + PERIOD).content.decode()
    assert 'data-panel="s-curve"' in html and 'data-chart="scurve"' in html
    rows = _rows(html)
    assert rows[1] == ["TW II", "46,00 %", "42,00 %", "-4,00 %", "45,00 %", "40,00 %", "-5,00 %"]
    assert rows[2] == ["TW III", "—", "—", "—", "—", "—", "—"]  # not reached, no target
    assert rows[3][1] == "100,00 %"  # the plan goes on to TW IV
    data = _curve(html)
    assert data["labels"] == ["TW I", "TW II", "TW III", "TW IV"]
    assert data["plannedPhysical"] == [16.0, 46.0, None, 100.0]
    assert data["actualPhysical"][1] == 42.0 and data["actualPhysical"][2:] == [None, None]


def test_province_page_and_dashboard_have_their_curves(client, world):  # noqa: F811
    client.force_login(make_user(Role.DITJEN))
    province = client.get(reverse("portal:province_detail", args=["71"]) + PERIOD).content.decode()
    assert _rows(province)[1][1:4] == ["28,67 %", "26,29 %", "-2,38 %"]
    national = client.get(reverse("portal:dashboard") + PERIOD).content.decode()
    assert _rows(national)[1][1:4] == ["28,67 %", "26,05 %", "-2,62 %"]


def test_without_targets_the_curve_says_so(client, world):  # noqa: F811
    client.force_login(make_user(Role.DITJEN))
    html = client.get(reverse("portal:region_detail", args=["73.01"]) + PERIOD).content.decode()
    assert "Belum ada target triwulan pada RK" in html
    assert "scurve-data" not in html
