"""GET /api/v1/fiscal-years/{year}/: the TA's rules and its deadlines as dates — the TA's own,
or a region's after its extensions (scoped: a dinas account only for its own region)."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.roles import Role
from allocations.choices import DeadlineRule
from allocations.models import QuarterDeadline
from allocations.services.fiscal_years import deadline_extension_grant
from allocations.services.holidays import holidays_seed
from tests import factories
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def ta():
    holidays_seed(years=[2024, 2025])
    fy = factories.fiscal_year(2024, deadline_rule=DeadlineRule.HARI_KERJA, report_deadline_days=10)
    QuarterDeadline.objects.create(
        fiscal_year=fy, quarter=2, deadline=dt.date(2024, 7, 31), decree="SE 7/2024"
    )
    flooded = factories.region("32.04")
    factories.region("32.05")
    deadline_extension_grant(
        actor=make_user(Role.DITJEN), fiscal_year=fy, region=flooded, quarter=1,
        until=dt.date(2024, 5, 31), reason="Banjir bandang",
    )  # fmt: skip
    return fy


def test_rules_and_the_decreed_deadlines(client, ta):
    client.force_login(make_user(Role.PIMPINAN))
    body = client.get("/api/v1/fiscal-years/2024/").json()
    assert body["deadline_rule"] == "HARI_KERJA" and body["report_deadline_days"] == 10
    assert body["deadline_overrides"] == {"2": "2024-07-31"}
    assert [r["stage"] for r in body["disbursement_rules"]] == [0, 1, 2, 3]  # the defaults
    assert body["region"] is None and body["extensions"] == []
    assert body["report_deadlines"] == {
        "1": "2024-04-22",  # 10 working days after Idul Fitri and its cuti bersama
        "2": "2024-07-31",  # the decree
        "3": "2024-10-14",
        "4": "2025-01-15",  # January of the next year
    }


def test_a_regions_deadlines_after_its_extension(client, ta):
    client.force_login(make_user(Role.DINAS, region=factories.region("32.04")))
    body = client.get("/api/v1/fiscal-years/2024/?region=32.04").json()
    assert body["region"] == "32.04"
    assert body["report_deadlines"]["1"] == "2024-05-31"
    assert body["report_deadlines"]["2"] == "2024-07-31"
    assert body["extensions"] == [{"quarter": 1, "until": "2024-05-31", "reason": "Banjir bandang"}]


def test_another_regions_deadlines_are_404_for_a_dinas_account(client, ta):
    client.force_login(make_user(Role.DINAS, region=factories.region("32.05")))
    response = client.get("/api/v1/fiscal-years/2024/?region=32.04")
    assert response.status_code == 404 and "Banjir" not in response.content.decode()
    own = client.get("/api/v1/fiscal-years/2024/?region=32.05").json()
    assert own["report_deadlines"]["1"] == "2024-04-22" and own["extensions"] == []
    assert client.get("/api/v1/fiscal-years/2031/").status_code == 404


def test_a_year_that_is_no_number_is_the_apis_json_404(client, ta):
    client.force_login(make_user(Role.PIMPINAN))
    response = client.get("/api/v1/fiscal-years/%0Ai/")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
