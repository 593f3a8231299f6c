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
from monev.models import Finding, FollowUp
from realisasi.choices import ReportStatus, UploadStatus
from realisasi.models import QuarterlyReport, ReportUpload

# The two-region world of the API tests, as fixtures (pytest injects them by parameter name).
from tests.api.conftest import _fresh_throttles, client_for, world  # noqa: F401, F811
from tests.factories import SentraFactory, menu

pytestmark = pytest.mark.django_db


def _snapshot(*objects) -> list[dict]:
    """Every column of each object as stored now."""
    out = []
    for obj in objects:
        fresh = type(obj).objects.get(pk=obj.pk)
        out.append({f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields})
    return out


def _counts() -> tuple:
    return (
        PlannedActivity.objects.count(),
        Sentra.objects.count(),
        Finding.objects.count(),
        FollowUp.objects.count(),
        QuarterlyReport.objects.count(),
        ReportUpload.objects.count(),
    )


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


# -- privileged fields --------------------------------------------------------------------------------
PRIVILEGED = {
    "status": ReportStatus.VERIFIED,
    "verified_by": None,
    "verified_at": "2024-01-01T00:00:00Z",
    "is_current": False,
    "region": None,
    "version": 99,
    "submitted_by": None,
    "created_by": None,
}


def _privileged(world) -> dict:
    return {
        **PRIVILEGED,
        "verified_by": world.users["ditjen"].pk,
        "submitted_by": world.users["ditjen"].pk,
        "created_by": world.users["ditjen"].pk,
        "region": world.other.region.pk,
    }


def test_api_submit_ignores_privileged_fields(world):
    draft = world.own.draft
    response = client_for(world, "dinas_own").post(
        f"/api/v1/reports/{draft.pk}/submit/", _privileged(world), format="json"
    )
    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert draft.status == ReportStatus.SUBMITTED  # what submit does, not what was posted
    assert draft.verified_by is None and draft.verified_at is None
    assert draft.is_current and draft.region == world.own.region and draft.version == 1
    assert draft.submitted_by == world.users["dinas_own"]


def test_page_submit_ignores_privileged_fields(world, client):
    draft = world.own.draft
    client.force_login(world.users["dinas_own"])
    response = client.post(reverse("realisasi:report_submit", args=[draft.pk]), _privileged(world))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.verified_by, draft.is_current, draft.region_id) == (
        ReportStatus.SUBMITTED,
        None,
        True,
        world.own.region.pk,
    )
    assert draft.submitted_by == world.users["dinas_own"]


def test_api_upload_ignores_privileged_fields(world):
    from tests.realisasi.report_fixtures import builder

    activities = world.own.activities
    lines = [
        (a.code, a.description, float(a.pagu), None, "PELAKSANAAN", 0, 10, 1, "", "")
        for a in activities
    ]
    data = builder.build(
        header=[("Kode Wilayah", world.own.region.code), ("Tahun Anggaran", 2024), ("Triwulan", 3)],
        lines=lines,
        totals=False,
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(world, "dinas_own").post(
        "/api/v1/reports/upload/",
        {
            "file": SimpleUploadedFile("tw3.xlsx", data),
            **{k: v for k, v in _privileged(world).items() if v is not None},
            "uploaded_by": world.users["ditjen"].pk,
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    report = QuarterlyReport.objects.get(pk=response.json()["report_id"])
    assert (
        report.status,
        report.verified_by,
        report.is_current,
        report.region_id,
        report.version,
    ) == (ReportStatus.DRAFT, None, True, world.own.region.pk, 1)
    assert report.created_by == world.users["dinas_own"]
    upload = ReportUpload.objects.get(report=report)
    assert (
        upload.uploaded_by == world.users["dinas_own"] and upload.region_id == world.own.region.pk
    )
    assert upload.status == UploadStatus.ACCEPTED


def test_api_followup_ignores_assessment_and_author_fields(world):
    finding = world.own.finding
    response = client_for(world, "dinas_own").post(
        f"/api/v1/findings/{finding.pk}/followups/",
        {
            "description": "Mesin dipakai",
            "date": "2024-08-01",
            "assessment_status": "SELESAI",
            "assessed_by": world.users["inspektorat"].pk,
            "assessed_at": "2024-08-02T00:00:00Z",
            "submitted_by": world.users["ditjen"].pk,
            "finding": world.other.finding.pk,
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    followup = FollowUp.objects.get(pk=response.json()["id"])
    assert followup.finding_id == finding.pk
    assert (followup.assessment_status, followup.assessed_by, followup.assessed_at) == (
        "",
        None,
        None,
    )
    assert followup.submitted_by == world.users["dinas_own"]
    finding.refresh_from_db()
    assert finding.status != "SELESAI" and finding.closed_at is None
    assert FollowUp.objects.filter(finding=world.other.finding).count() == 1


def test_api_finding_update_cannot_set_status_or_close(world):
    finding = world.own.finding
    response = client_for(world, "inspektorat").patch(
        f"/api/v1/findings/{finding.pk}/",
        {
            "status": "SELESAI",
            "closed_at": "2024-09-01T00:00:00Z",
            "closed_by": world.users["ditjen"].pk,
            "inspection": world.other.inspection.pk,
            "created_by": world.users["ditjen"].pk,
            "severity": "TINGGI",
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    finding.refresh_from_db()
    assert finding.severity == "TINGGI"  # the one editable field changed…
    assert (
        finding.status == "BELUM" and finding.closed_at is None and finding.closed_by is None
    )  # …nothing else
    assert (
        finding.inspection == world.own.inspection
        and finding.created_by == world.users["inspektorat"]
    )


def test_page_followup_ignores_assessment_fields(world, client):
    finding = world.own.finding
    client.force_login(world.users["dinas_own"])
    response = client.post(
        reverse("monev:followup_submit", args=[finding.pk]),
        {
            "description": "Operator ditunjuk",
            "date": "2024-08-01",
            "assessment_status": "SELESAI",
            "assessed_by": world.users["inspektorat"].pk,
            "submitted_by": world.users["ditjen"].pk,
            "finding": world.other.finding.pk,
        },
    )
    assert response.status_code == 302
    followup = FollowUp.objects.filter(finding=finding).latest("id")
    assert followup.description == "Operator ditunjuk"
    assert (followup.assessment_status, followup.assessed_by_id) == ("", None)
    assert followup.submitted_by == world.users["dinas_own"]
    assert FollowUp.objects.filter(finding=world.other.finding).count() == 1


def test_page_upload_ignores_a_posted_region(world, client, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.users["dinas_own"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("realisasi:upload"),
            {
                "file": SimpleUploadedFile("x.xlsx", b"not a workbook"),
                "region": world.other.region.pk,
                "dry_run": "",
                "status": "DITERIMA",
            },
        )
    upload = ReportUpload.objects.get()
    assert (
        upload.region_id == world.own.region.pk and upload.uploaded_by == world.users["dinas_own"]
    )
    assert upload.status == UploadStatus.REJECTED and upload.dry_run is True
