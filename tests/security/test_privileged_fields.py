"""Privileged fields (status, verified_by, is_current, region, submitted_by …) cannot be set by a
dinas account, on the pages or in the API (split from test_write_scoping.py)."""
# ruff: noqa: F811 -- fixtures imported from tests.api.conftest are test parameters by design

from __future__ import annotations

import pytest
from django.urls import reverse

from monev.models import FollowUp
from realisasi.choices import ReportStatus, UploadStatus
from realisasi.models import QuarterlyReport, ReportUpload

# The two-region world of the API tests, as fixtures (pytest injects them by parameter name).
from tests.api.conftest import _fresh_throttles, client_for, world  # noqa: F401, F811

pytestmark = pytest.mark.django_db


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
