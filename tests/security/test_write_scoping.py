"""Writes whose foreign keys point into another region are refused and change nothing; privileged
fields (status, verified_by, is_current, region, submitted_by …) cannot be set by a dinas account.

test_access_matrix.py proves that another region's object *in the URL* is a 404 for every route;
this module is about references *in the body* (a sentra, an RK line, an inspection of another
region) and about extra fields a client might add to a write, on the pages and in the API.
"""
# ruff: noqa: F811 -- fixtures imported from tests.api.conftest are test parameters by design

from __future__ import annotations

import pytest
from django.urls import reverse

from allocations.models import PlannedActivity, Sentra
from allocations.services.activities import ActivityInput, activity_update
from dakmonev.errors import DomainError

# The two-region world of the API tests, as fixtures (pytest injects them by parameter name).
from tests.api.conftest import _fresh_throttles, client_for, world  # noqa: F401, F811
from tests.factories import SentraFactory, menu

from .write_checks import _counts, _snapshot

pytestmark = pytest.mark.django_db


# -- pages: RK line with another region's sentra ------------------------------------------------------
def _activity_post(activity: PlannedActivity, sentra: Sentra | None, **extra) -> dict:
    return {
        "code": activity.code,
        "menu": activity.menu_id,
        "sentra": sentra.pk if sentra else "",
        "description": "Diubah",
        "volume": "1",
        "unit": "paket",
        "pagu": str(activity.pagu),
        **extra,
    }


@pytest.mark.parametrize("role", ["dinas_own", "ditjen"])
def test_rk_line_form_refuses_another_regions_sentra(world, client, role):
    own_sentra, other_sentra = (
        SentraFactory(region=world.own.region),
        SentraFactory(region=world.other.region),
    )
    activity = world.own.activities[0]
    client.force_login(world.users[role])
    before, counts = _snapshot(activity), _counts()
    for url in (
        reverse("allocations:activity_edit", args=[activity.pk]),
        reverse("allocations:activity_create", args=[world.own.allocation.pk]),
    ):
        data = _activity_post(activity, other_sentra)
        if "baru" in url:
            data |= {"code": "RK-99", "pagu": "0"}
        response = client.post(url, data)
        assert response.status_code == 200  # the form again, with the error on the sentra field
        assert response.context["form"].errors.get("sentra"), response.context["form"].errors
    assert _snapshot(activity) == before and _counts() == counts
    # The same form with the region's own sentra is accepted (the refusal above is about the region).
    response = client.post(
        reverse("allocations:activity_edit", args=[activity.pk]),
        _activity_post(activity, own_sentra),
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.sentra == own_sentra and activity.description == "Diubah"


def test_rk_line_service_refuses_another_regions_sentra_even_without_the_form(world):
    other_sentra = SentraFactory(region=world.other.region)
    activity = world.own.activities[0]
    before = _snapshot(activity)
    data = ActivityInput(
        code=activity.code, menu=menu(), description="x", pagu=activity.pagu, sentra=other_sentra
    )
    with pytest.raises(DomainError, match="Sentra harus berada di wilayah yang sama"):
        activity_update(actor=world.users["ditjen"], activity=activity, data=data)
    assert _snapshot(activity) == before


def test_rk_line_form_ignores_a_posted_allocation_of_another_region(world, client):
    own_alloc, other_alloc = world.own.allocation, world.other.allocation
    activity = world.own.activities[1]
    client.force_login(world.users["dinas_own"])
    other_lines = list(
        PlannedActivity.objects.filter(allocation=other_alloc).values_list("pk", flat=True)
    )
    response = client.post(
        reverse("allocations:activity_edit", args=[activity.pk]),
        _activity_post(
            activity,
            None,
            allocation=other_alloc.pk,
            allocation_id=other_alloc.pk,
            rk_status="DISETUJUI",
        ),
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.allocation_id == own_alloc.pk
    assert (
        list(PlannedActivity.objects.filter(allocation=other_alloc).values_list("pk", flat=True))
        == other_lines
    )
    own_alloc.refresh_from_db()
    assert own_alloc.rk_status == "DRAF"


# -- pages: follow-ups and report actions on another region's objects ---------------------------------
def test_followup_page_on_another_regions_finding_is_404_and_changes_nothing(world, client):
    client.force_login(world.users["dinas_own"])
    before, counts = _snapshot(world.other.finding), _counts()
    response = client.post(
        reverse("monev:followup_submit", args=[world.other.finding.pk]),
        {"description": "Sudah ditindaklanjuti", "date": "2024-08-01"},
    )
    assert response.status_code == 404
    assert _snapshot(world.other.finding) == before and _counts() == counts


@pytest.mark.parametrize(
    "name, role, report_attr",
    [
        ("realisasi:report_submit", "dinas_own", "draft"),
        ("realisasi:report_verify", "dinas_own", "report"),
        ("realisasi:report_return", "dinas_own", "report"),
        ("realisasi:upload_confirm", "dinas_own", None),
    ],
)
def test_report_actions_on_another_regions_report_are_404(world, client, name, role, report_attr):
    if report_attr is None:
        from realisasi.services.imports import report_upload_receive

        target = report_upload_receive(
            actor=world.users["dinas_other"],
            name="x.xlsx",
            data=b"PK\x03\x04x",
            dry_run=True,
            queue=False,
        )
    else:
        target = getattr(world.other, report_attr)
    client.force_login(world.users[role])
    before, counts = _snapshot(target), _counts()
    response = client.post(reverse(name, args=[target.pk]), {"reason": "x", "submit": "on"})
    assert response.status_code == 404
    assert _snapshot(target) == before and _counts() == counts


def test_finding_page_refuses_an_rk_line_of_another_region(world, client):
    client.force_login(world.users["inspektorat"])
    counts = _counts()
    response = client.post(
        reverse("monev:finding_create", args=[world.own.inspection.pk]),
        {
            "title": "Mesin belum dipakai",
            "kondisi": "k",
            "kriteria": "k",
            "sebab": "s",
            "akibat": "a",
            "rekomendasi": "r",
            "activity": world.other.activities[0].pk,
            "severity": "SEDANG",
            "due_date": "2024-12-31",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get("activity")
    assert _counts() == counts


# -- API: references in the body ----------------------------------------------------------------------
def _finding_body(world, **extra) -> dict:
    return {
        "inspection": world.own.inspection.pk,
        "title": "Gudang kosong",
        "kondisi": "k",
        "kriteria": "k",
        "sebab": "s",
        "akibat": "a",
        "rekomendasi": "r",
        "due_date": "2024-12-31",
        **extra,
    }


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"activity": "other"}, "activity"),  # own inspection, an RK line of another region
        (
            {"inspection": "other", "activity": "own"},
            "activity",
        ),  # another region's inspection, our RK line
    ],
)
def test_api_finding_with_an_rk_line_of_another_region_is_400(world, extra, field):
    body = _finding_body(world)
    for key, which in extra.items():
        data = getattr(world, which)
        body[key] = (data.activities[0] if key == "activity" else data.inspection).pk
    counts = _counts()
    response = client_for(world, "inspektorat").post("/api/v1/findings/", body, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["error"]["field"] == field
    assert _counts() == counts


def test_api_finding_update_to_another_regions_rk_line_is_400(world):
    finding = world.own.finding
    before = _snapshot(finding)
    response = client_for(world, "inspektorat").patch(
        f"/api/v1/findings/{finding.pk}/", {"activity": world.other.activities[0].pk}, format="json"
    )
    assert response.status_code == 400, response.content
    assert _snapshot(finding) == before


def test_api_dinas_cannot_name_another_regions_inspection_or_rk_line(world):
    counts = _counts()
    body = _finding_body(
        world, inspection=world.other.inspection.pk, activity=world.other.activities[0].pk
    )
    response = client_for(world, "dinas_own").post("/api/v1/findings/", body, format="json")
    assert response.status_code in (400, 403)
    assert _counts() == counts


@pytest.mark.parametrize("role", ["dinas_own", "api_region"])
def test_api_followup_for_another_regions_finding_is_404(world, role):
    before, counts = _snapshot(world.other.finding), _counts()
    response = client_for(world, role).post(
        f"/api/v1/findings/{world.other.finding.pk}/followups/",
        {"description": "Selesai", "date": "2024-08-01"},
        format="multipart",
    )
    assert response.status_code == 404
    assert _snapshot(world.other.finding) == before and _counts() == counts


@pytest.mark.parametrize(
    "action, attr, role",
    [
        ("submit", "draft", "dinas_own"),
        ("submit", "draft", "api_region"),
        ("verify", "report", "dinas_own"),
        ("return", "report", "dinas_own"),
    ],
)
def test_api_report_actions_on_another_regions_report_are_404(world, action, attr, role):
    target = getattr(world.other, attr)
    before = _snapshot(target)
    response = client_for(world, role).post(
        f"/api/v1/reports/{target.pk}/{action}/", {"reason": "x"}, format="json"
    )
    assert response.status_code == 404
    assert _snapshot(target) == before
