"""Pages that agree with themselves (issue 17): one count of reports received, one quarter on
the region page, a red flag for spending more than was received, an unknown TA named."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import Role
from allocations.models import Disbursement
from realisasi.selectors.eligibility import disbursement_eligibility
from tests.dashboard_world import build_world
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PERIOD = {"year": 2024, "quarter": 2}


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_received_and_reporting_count_the_same_reports(client):
    build_world(10)  # every third region has no counted TW II report: 7 of 10 reported
    client.force_login(make_user(Role.DITJEN))
    page = _text(client.get(reverse("portal:dashboard"), PERIOD))
    assert re.search(r'data-kpi="laporan">.*?<div class="value">7 / 10<', page)
    assert "Melapor TW II" in page
    rows = re.findall(r'<tr data-province="(\d+)">(.*?)</tr>', page)
    reporting = [re.findall(r'<td class="num">(\d+)/(\d+)</td>', row)[0] for _, row in rows]
    assert sum(int(r) for r, _ in reporting) == 7 and sum(int(n) for _, n in reporting) == 10
    assert re.search(r"<tfoot>.*?<th class=\"num\">7/10</th>", page)
    # As of TW I every region had reported TW I: the same two numbers agree again.
    page = _text(client.get(reverse("portal:dashboard"), {"year": 2024, "quarter": 1}))
    assert re.search(r'data-kpi="laporan">.*?<div class="value">10 / 10<', page)
    assert re.search(r"<tfoot>.*?<th class=\"num\">10/10</th>", page)


@pytest.mark.parametrize("param", ["year", "ta"])
def test_an_unknown_ta_is_named_not_silently_replaced(client, param):
    build_world(2)
    client.force_login(make_user(Role.DITJEN))
    page = _text(client.get(reverse("portal:dashboard"), {param: "2031", "quarter": 2}))
    assert "TA 2031 tidak ada dalam sistem; yang ditampilkan TA 2024." in page
    page = _text(client.get(reverse("portal:dashboard"), PERIOD))
    assert "tidak ada dalam sistem" not in page
    page = _text(client.get(reverse("realisasi:overdue_list"), {param: "1999"}))
    assert "TA 1999 tidak ada dalam sistem" in page


def test_the_region_pages_disbursement_panel_uses_the_pages_quarter(client):
    region = build_world(1)[0]
    client.force_login(make_user(Role.DITJEN))
    url = reverse("portal:region_eligibility", args=[region.code])
    tw1 = _text(client.get(url, {"year": 2024, "quarter": 1}, HTTP_HX_REQUEST="true"))
    tw2 = _text(client.get(url, {"year": 2024, "quarter": 2}, HTTP_HX_REQUEST="true"))
    assert "Realisasi per TW I" in tw1 and "Rp100.000.000" in tw1  # TW I: 60 + 40 juta
    assert "Realisasi per TW II" in tw2 and "Rp400.000.000" in tw2  # TW II: 300 + 100 juta
    region_page = _text(client.get(reverse("portal:region_detail", args=[region.code]), PERIOD))
    assert "year=2024&amp;quarter=2" in region_page  # the panel is asked for the page's quarter


def test_spending_more_than_received_is_a_red_flag(client):
    region = build_world(1)[0]
    e = disbursement_eligibility(region, 2024, quarter=2)
    assert e.financial_realisation == Decimal("400000000") and e.received == 0
    assert e.spent_more_than_received
    Disbursement.objects.create(
        allocation=e.allocation, stage=1, amount=Decimal("250000000"), date="2024-03-01"
    )
    client.force_login(make_user(Role.DITJEN))
    html = _text(
        client.get(
            reverse("portal:region_eligibility", args=[region.code]),
            PERIOD,
            HTTP_HX_REQUEST="true",
        )
    )
    assert 'data-flag="spent-more-than-received"' in html
    assert "realisasi keuangan Rp400.000.000 melebihi dana yang diterima Rp250.000.000" in html
    Disbursement.objects.create(
        allocation=e.allocation, stage=2, amount=Decimal("150000000"), date="2024-06-01"
    )
    assert not disbursement_eligibility(region, 2024, quarter=2).spent_more_than_received
