"""RK lines carry their quarterly targets in `/api/v1/activities/`, and `PUT …/targets/` sets them
through the service (every role × the same answers as other RK changes)."""

from __future__ import annotations

import pytest

from allocations.choices import RKStatus
from allocations.models import ActivityTarget

from .conftest import ALL_ROLES, client_for

pytestmark = pytest.mark.django_db

PLAN = {
    "targets": [
        {"quarter": 1, "target_physical_pct": "10", "target_financial": "60000000"},
        {"quarter": 2, "target_physical_pct": "40", "target_financial": None},
        {"quarter": 4, "target_physical_pct": "100", "target_financial": "600000000"},
    ]
}
# the RK of the own region is a draft: its writers and Ditjen may set targets
SET = {"ditjen": 200, "dinas_own": 200, "api_region": 200, "dinas_other": 404, "anonymous": 401}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_put_targets_every_role(world, role):
    line = world.own.activities[0]
    response = client_for(world, role).put(
        f"/api/v1/activities/{line.pk}/targets/", PLAN, format="json"
    )
    assert response.status_code == SET.get(role, 403), response.content
    if response.status_code == 200:
        assert response.json()["targets"] == [
            {"quarter": 1, "target_physical_pct": "10.00", "target_financial": "60000000.00"},
            {"quarter": 2, "target_physical_pct": "40.00", "target_financial": None},
            {"quarter": 3, "target_physical_pct": None, "target_financial": None},
            {"quarter": 4, "target_physical_pct": "100.00", "target_financial": "600000000.00"},
        ]
        assert ActivityTarget.objects.filter(activity=line).count() == 3
        assert (
            ActivityTarget.objects.get(activity=line, quarter=4).history.latest().history_user
            == world.users[role]
        )
    else:
        assert not ActivityTarget.objects.exists()
        assert set(response.json()) == {"error"}


def test_list_carries_targets(world):
    response = client_for(world, "dinas_own").get("/api/v1/activities/")
    rows = response.json()["results"]
    assert all(len(r["targets"]) == 4 for r in rows)
    assert rows[0]["targets"][0] == {
        "quarter": 1,
        "target_physical_pct": None,
        "target_financial": None,
    }


def test_a_broken_rule_names_the_field(world):
    line = world.own.activities[0]
    body = {"targets": [{"quarter": 4, "target_physical_pct": "90"}]}
    response = client_for(world, "dinas_own").put(
        f"/api/v1/activities/{line.pk}/targets/", body, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "target_fisik_tw4"
    assert "harus 100 %" in response.json()["error"]["message"]


def test_after_approval_the_dinas_gets_409(world):
    allocation = world.own.allocation
    allocation.rk_status = RKStatus.APPROVED
    allocation.save()
    line = world.own.activities[0]
    response = client_for(world, "dinas_own").put(
        f"/api/v1/activities/{line.pk}/targets/", PLAN, format="json"
    )
    assert response.status_code == 409
    assert not ActivityTarget.objects.exists()
