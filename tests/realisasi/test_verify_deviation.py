"""The verification screen shows each line's deviation from its target for the quarter (issue 18)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from allocations.models import ActivityTarget
from realisasi.models import QuarterlyReport
from tests.factories import ditjen
from tests.realisasi.test_deviation import world  # noqa: F401 — the hand-computed example

pytestmark = pytest.mark.django_db


def test_verification_screen_shows_line_deviation(client, world):  # noqa: F811
    report = QuarterlyReport.objects.get(region__code="71.01", quarter=2, status="TERVERIFIKASI")
    report.status = "DIAJUKAN"
    report.save()
    client.force_login(ditjen())
    html = client.get(reverse("realisasi:verification_detail", args=[report.pk])).content.decode()
    assert 'data-panel="line-deviation"' in html
    row = html.split('data-deviation-line="RK-01"')[1].split("</tr>")[0]
    # RK-01: 50 % against a plan of 60 % → −10; Rp300 juta of 600 = 50 % against 350/600 = 58,33 %
    assert "60,00 %" in row and "-10,00 %" in row and "58,33 %" in row and "-8,33 %" in row
    ActivityTarget.objects.filter(quarter=2).delete()
    html = client.get(reverse("realisasi:verification_detail", args=[report.pk])).content.decode()
    row = html.split('data-deviation-line="RK-01"')[1].split("</tr>")[0]
    assert "—" in row and "-10,00 %" not in row
