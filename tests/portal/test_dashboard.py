"""Dashboard pages as users see them: who may open what, the figures and their labels, sorting."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import Role
from dakmonev.spreadsheet.numbers import format_percent
from tests.dashboard_world import build_world, expected_absorption
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PERIOD = {"year": 2024, "quarter": 2}


@pytest.fixture
def world():
    return build_world(10)


def _login(client, role, region=None):
    user = make_user(role, region=region)
    client.force_login(user)
    return user


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.parametrize("role", [Role.DITJEN, Role.PIMPINAN, Role.INSPEKTORAT])
def test_central_roles_see_the_national_dashboard_with_labelled_figures(client, world, role):
    _login(client, role)
    page = _text(client.get(reverse("portal:dashboard"), PERIOD))
    assert "Penyerapan (tertimbang nilai)" in page
    assert "Rata-rata penyerapan kabupaten/kota (tidak tertimbang)" in page
    assert format_percent(expected_absorption(10)) in page  # money-weighted, 2 decimals, comma
    assert "Rp10.000.000.000" in page  # Σ pagu of 10 regions × Rp1 miliar
    assert "Laporan TW II diterima / diharapkan" in page
    assert re.search(
        r'data-kpi="laporan">.*?<div class="value">7 / 10<', page
    )  # every third lacks TW II
    assert re.search(r'data-kpi="terlambat">.*?>3</a>', page)


def test_dashboard_defaults_to_a_quarter_past_its_deadline_and_shows_findings_by_status(
    client, world
):
    _login(client, Role.DITJEN)
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 200
    page = _text(response)
    assert 'data-panel="monev.findings"' in page and "Belum ditindaklanjuti" in page
    assert re.search(
        r"data-findings-total>5<", page
    )  # every second of 10 regions has one open finding


def test_dinas_is_sent_to_its_own_region_page(client, world):
    _login(client, Role.DINAS, region=world[0])
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 302 and response["Location"] == reverse("portal:my_region")
    page = _text(client.get(reverse("portal:my_region"), PERIOD))
    assert world[0].name in page and "Rencana kegiatan (RK)" in page


def test_dinas_gets_404_for_another_region_and_for_provinces(client, world):
    _login(client, Role.DINAS, region=world[0])
    assert client.get(reverse("portal:region_detail", args=[world[1].code])).status_code == 404
    assert client.get(reverse("portal:region_eligibility", args=[world[1].code])).status_code == 404
    assert client.get(reverse("portal:province_detail", args=["61"])).status_code == 404
    assert client.get(reverse("portal:region_detail", args=[world[0].code])).status_code == 200


def test_anonymous_users_are_sent_to_login(client, world):
    for url in (
        reverse("portal:dashboard"),
        reverse("portal:my_region"),
        reverse("portal:region_detail", args=[world[0].code]),
        reverse("realisasi:overdue_list"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_province_table_sorts_by_absorption_without_javascript(client, world):
    _login(client, Role.PIMPINAN)
    page = _text(client.get(reverse("portal:dashboard"), {**PERIOD, "sort": "-absorption"}))
    body = page[page.index('data-table="provinces"') :]
    order = re.findall(r'data-province="(\d+)"', body)
    figures = [
        Decimal(v.replace(".", "").replace(",", "."))
        for v in re.findall(
            r'data-province="\d+">.*?<td class="num">.*?</td><td class="num">.*?</td>'
            r'<td class="num">.*?</td>\s*<td class="num">([\d.,]+) %</td>',
            body,
        )
    ]
    assert len(order) == 5 and figures == sorted(figures, reverse=True)
    ascending = _text(client.get(reverse("portal:dashboard"), {**PERIOD, "sort": "absorption"}))
    body = ascending[ascending.index('data-table="provinces"') :]
    assert re.findall(r'data-province="(\d+)"', body) == list(reversed(order))


def test_region_page_shows_rk_lines_versions_chart_data_and_alerts(client, world):
    late = world[2]  # no counted TW II: a draft and an open overdue alert
    _login(client, Role.DITJEN)
    response = client.get(reverse("portal:region_detail", args=[late.code]), PERIOD)
    page = _text(response)
    assert (
        "RK-01" in page and "RK-02" in page and "Belum dimulai" in page
    )  # RK lines with their stage
    assert page.count('data-table="reports"') == 1 and "Draf" in page and "Terverifikasi" in page
    assert "Terlambat: laporan TW II" in page  # the open alert
    assert 'id="quarter-data"' in page and 'hx-get="/realisasi/daerah/' in page
    d = response.context["d"]
    assert d.overdue and not d.received and d.counted.quarter == 1  # TW I carried forward
    assert [p.quarter for p in d.series] == [1, 2]
    assert d.series[1].absorption == d.figures.absorption == Decimal(10)


def test_eligibility_partial_and_full_page(client, world):
    _login(client, Role.DITJEN)
    url = reverse("portal:region_eligibility", args=[world[0].code])
    partial = _text(client.get(url, PERIOD, headers={"HX-Request": "true"}))
    assert partial.startswith("<h2>Penyaluran dana") and "<html" not in partial
    full = _text(client.get(url, PERIOD))
    assert "<html" in full and "Penyaluran dana" in full and "Yang masih kurang" in full


def test_province_page_lists_only_its_regions(client, world):
    _login(client, Role.INSPEKTORAT)
    response = client.get(reverse("portal:province_detail", args=["62"]), PERIOD)
    codes = {r.code for r in response.context["d"].regions}
    assert codes == {r.code for r in world if r.code.startswith("62.")}
    assert response.context["d"].coverage.expected == 2


def test_pages_render_on_an_empty_installation(client):
    _login(client, Role.DITJEN)
    for url in (reverse("portal:dashboard"), reverse("realisasi:overdue_list")):
        response = client.get(url)
        assert response.status_code == 200
    assert "Belum ada alokasi pada TA ini." in _text(client.get(reverse("portal:dashboard")))


def test_a_region_without_allocation_says_so(client, world):
    from tests import factories

    other = factories.region("61.90")
    _login(client, Role.DITJEN)
    page = _text(client.get(reverse("portal:region_detail", args=[other.code]), PERIOD))
    assert "tidak menerima alokasi DAK Fisik IKM pada TA 2024" in page


def test_an_api_account_bound_to_a_region_has_no_national_dashboard(client, world):
    _login(client, Role.API, region=world[0])
    assert client.get(reverse("portal:dashboard")).status_code == 403


def _chart(page: str, source: str) -> dict:
    import json

    return json.loads(
        re.search(rf'<script id="{source}" type="application/json">(.*?)</script>', page).group(1)
    )


def test_chart_legends_follow_the_chosen_language(client, world):
    _login(client, Role.DITJEN)
    national = _chart(_text(client.get(reverse("portal:dashboard"), PERIOD)), "trend-data")
    assert national["labels"][-1] == "TA 2024" and national["series"]["pagu"] == "Pagu (miliar Rp)"
    client.cookies["django_language"] = "en"
    national = _chart(_text(client.get(reverse("portal:dashboard"), PERIOD)), "trend-data")
    assert national["labels"][-1] == "FY 2024"
    assert national["series"] == {
        "pagu": "Allocation (billion Rp)",
        "paguAxis": "billion Rp",
        "absorption": "Absorption (value-weighted)",
        "meanKabkota": "Regency/city mean (unweighted)",
    }
    region = _chart(
        _text(client.get(reverse("portal:region_detail", args=[world[0].code]), PERIOD)),
        "quarter-data",
    )
    assert region["series"] == {"absorption": "Financial (absorption)", "physical": "Physical"}
