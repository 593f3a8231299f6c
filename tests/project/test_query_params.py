"""One set of query-parameter names for pages, exports and the API; old bookmarks keep working."""

from __future__ import annotations

import re

import pytest
from django.http import QueryDict
from django.urls import reverse

from accounts.roles import Role
from dakmonev.quarters import Quarter
from dakmonev.query import canonical, parse
from tests.dashboard_world import build_world
from tests.factories import make_user


def test_old_names_and_values_read_as_the_current_ones():
    old = QueryDict(
        "ta=2024&tw=2&provinsi=32&wilayah=3204&urut=-serapan&jenis=OVERDUE&status=SUBMITTED"
    )
    assert canonical(old).dict() == {
        "year": "2024",
        "quarter": "2",
        "province": "32",
        "region": "3204",
        "sort": "-absorption",
        "kind": "TERLAMBAT",
        "status": "DIAJUKAN",
    }
    q = parse(old)
    assert (q.year, q.quarter, q.province, q.region) == (2024, Quarter.Q2, "32", "32.04")


def test_a_current_name_wins_over_an_old_one_in_the_same_url():
    assert parse(QueryDict("ta=2023&year=2024&tw=1&quarter=3")).year == 2024
    assert parse(QueryDict("tw=1&quarter=3")).quarter == Quarter.Q3


@pytest.mark.parametrize(
    "query",
    ["year=abc&quarter=9", "year=1999&quarter=0", "year=&quarter=", "province=3204&region=32"],
)
def test_malformed_values_read_as_not_given(query):
    q = parse(QueryDict(query))
    assert (q.year, q.quarter, q.province, q.region) == (None, None, "", "")


@pytest.mark.django_db
class TestBookmarks:
    @pytest.fixture(autouse=True)
    def world(self, client):
        build_world(10)
        client.force_login(make_user(Role.DITJEN))

    @staticmethod
    def _main(response) -> str:
        html = response.content.decode()
        return re.sub(r"\s+", " ", html[html.index("<main") : html.index("</main>")])

    def test_dashboard(self, client):
        url = reverse("portal:dashboard")
        old = client.get(url, {"ta": 2024, "tw": 2, "urut": "-serapan"})
        new = client.get(url, {"year": 2024, "quarter": 2, "sort": "-absorption"})
        assert "TA 2024, TW II" in self._main(new)
        assert self._main(old) == self._main(new)

    def test_report_list_and_export(self, client):
        url = reverse("realisasi:report_list")
        old = client.get(
            url, {"tahun": 2024, "triwulan": 2, "provinsi": "61", "status": "SUBMITTED"}
        )
        new = client.get(url, {"year": 2024, "quarter": 2, "province": "61", "status": "DIAJUKAN"})
        assert [r.pk for r in old.context["reports"]] == [r.pk for r in new.context["reports"]]
        assert new.context["page"].paginator.count == 1
        export = reverse("realisasi:report_export")
        expected = f"{export}?year=2024&amp;quarter=2&amp;province=61&amp;status=DIAJUKAN"
        assert expected in old.content.decode()

    def test_alert_list(self, client):
        url = reverse("realisasi:alert_list")
        old = client.get(url, {"ta": 2024, "jenis": "OVERDUE", "provinsi": "63"})
        new = client.get(url, {"year": 2024, "kind": "TERLAMBAT", "province": "63"})
        assert [a.pk for a in old.context["page"]] == [a.pk for a in new.context["page"]]
        assert len(new.context["page"]) == 1

    def test_rk_list(self, client):
        url = reverse("allocations:activity_list")
        old = client.get(url, {"tahun": 2024, "wilayah": "61.01"})
        new = client.get(url, {"year": 2024, "region": "61.01"})
        assert old.context["allocation"] == new.context["allocation"] is not None

    def test_api_sort_and_its_old_name(self, client):
        new = client.get("/api/v1/allocations/", {"sort": "-region__code"}).json()
        old = client.get("/api/v1/allocations/", {"ordering": "-region__code"}).json()
        codes = [a["region_code"] for a in new["results"]]
        assert codes == sorted(codes, reverse=True) == [a["region_code"] for a in old["results"]]
