"""Every read endpoint × every role: allowed, 401, or 404 for another region; lists equal the scope."""

from __future__ import annotations

import pytest

from allocations.models import Allocation, Disbursement, PlannedActivity, Region
from monev.models import Finding, FollowUp
from realisasi.models import Alert, QuarterlyReport

from .conftest import ALL_ROLES, SEES_ALL, client_for

pytestmark = pytest.mark.django_db

# endpoint → (model, attribute of RegionData holding the object of that region)
READ = {
    "regions": (Region, "region"),
    "allocations": (Allocation, "allocation"),
    "activities": (PlannedActivity, "activities"),
    "disbursements": (Disbursement, "disbursement"),
    "reports": (QuarterlyReport, "report"),
    "alerts": (Alert, "alert"),
    "findings": (Finding, "finding"),
    "followups": (FollowUp, "followup"),
}


def _obj(data, attr):
    value = getattr(data, attr)
    return value[0] if isinstance(value, list) else value


def _all_ids(client, url):
    ids, page = [], 1
    while url:
        body = client.get(url).json()
        ids += [row["id"] for row in body["results"]]
        url = body["next"]
        page += 1
    return ids


@pytest.mark.parametrize("endpoint", READ)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_list_shows_exactly_the_scope(world, endpoint, role):
    model, _attr = READ[endpoint]
    response = client_for(world, role).get(f"/api/v1/{endpoint}/")
    if role == "anonymous":
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"
        return
    assert response.status_code == 200, response.content
    user = world.users[role]
    expected = set(model.objects.visible_to(user).values_list("pk", flat=True))
    assert response.json()["count"] == len(expected) > 0
    assert set(_all_ids(client_for(world, role), f"/api/v1/{endpoint}/?page_size=2")) == expected
    if role not in SEES_ALL:
        foreign = world.own if role == "dinas_other" else world.other
        assert _obj(foreign, READ[endpoint][1]).pk not in expected


@pytest.mark.parametrize("endpoint", READ)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_detail_own_region_vs_other_region(world, endpoint, role):
    _model, attr = READ[endpoint]
    client = client_for(world, role)
    own = client.get(f"/api/v1/{endpoint}/{_obj(world.own, attr).pk}/")
    other = client.get(f"/api/v1/{endpoint}/{_obj(world.other, attr).pk}/")
    if role == "anonymous":
        assert (own.status_code, other.status_code) == (401, 401)
    elif role in SEES_ALL:
        assert (own.status_code, other.status_code) == (200, 200)
    else:  # bound to the "own" region, except dinas_other, bound to the other one
        mine, theirs = (other, own) if role == "dinas_other" else (own, other)
        assert mine.status_code == 200
        assert theirs.status_code == 404
        assert theirs.json() == {"error": {"code": "not_found", "message": "Data tidak ditemukan."}}


def test_report_detail_has_lines_and_versions(world, api):
    report = world.own.report
    body = api("dinas_own").get(f"/api/v1/reports/{report.pk}/").json()
    assert body["status"] == "DIAJUKAN" and body["quarter"] == 1 and body["year"] == 2024
    assert [line["activity_code"] for line in body["lines"]] == ["RK-01", "RK-02"]
    assert body["lines"][0]["financial_realisation"] == "300000000.00"
    assert body["lines"][0]["physical_progress"] == "40.00"
    assert [v["version"] for v in body["versions"]] == [1]


def test_filters_and_ordering(world, api):
    client = api("ditjen")
    body = client.get("/api/v1/reports/?region=71.01&status=DRAFT").json()
    assert [r["id"] for r in body["results"]] == [world.own.draft.pk]
    body = client.get("/api/v1/allocations/?sort=-region__code").json()
    assert [r["region_code"] for r in body["results"]] == ["72.01", "71.01"]
    body = client.get("/api/v1/activities/?province=72").json()
    assert {r["region_code"] for r in body["results"]} == {"72.01"}
    assert client.get("/api/v1/reports/?year=abc").status_code == 400
    assert client.get("/api/v1/reports/?page=99").status_code == 404
