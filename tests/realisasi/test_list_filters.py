"""Report and alert lists: pagination, province filter, and an Excel export with the same filters."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.dashboard_world import build_world
from tests.exports import response_export
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world(60, findings=False)


def test_report_list_pages_and_filters_by_province(client, world):
    client.force_login(make_user(Role.DITJEN))
    url = reverse("realisasi:report_list")
    first = client.get(url, {"year": 2024})
    assert len(first.context["reports"]) == 50
    assert first.context["page"].paginator.count == 120  # TW I and TW II of 60 regions
    assert "Halaman 1 dari 3" in first.content.decode()
    province = client.get(url, {"year": 2024, "province": "61"})
    codes = {r.region.code[:2] for r in province.context["reports"]}
    assert codes == {"61"} and province.context["page"].paginator.count == 24
    assert (
        reverse("realisasi:report_export") + "?year=2024&amp;province=61"
        in province.content.decode()
    )


def test_report_export_has_the_same_filters(client, world):
    client.force_login(make_user(Role.DITJEN))
    response = client.get(
        reverse("realisasi:report_export"), {"year": 2024, "province": "61", "quarter": "2"}
    )
    rows = response_export(response).rows
    assert len(rows) == 12 and {r[0][:2] for r in rows} == {"61"}


def test_alert_list_filters_by_province_and_links_its_export(client, world):
    client.force_login(make_user(Role.DITJEN))
    page = client.get(reverse("realisasi:alert_list"), {"province": "62"})
    regions = {a.region.code[:2] for a in page.context["page"]}
    assert regions == {"62"}
    assert reverse("realisasi:alert_export") + "?province=62" in page.content.decode()
    export = client.get(reverse("realisasi:alert_export"), {"province": "62"})
    assert {r[1][:2] for r in response_export(export).rows} == {"62"}
