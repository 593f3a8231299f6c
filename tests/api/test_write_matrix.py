"""Every write endpoint × every role: done (through the service), 403, 404 for another region, or 401."""

from __future__ import annotations

import pytest

from monev.models import Finding, FollowUp
from notifications.models import Notification
from realisasi.choices import ReportStatus

from .conftest import ALL_ROLES, client_for

pytestmark = pytest.mark.django_db


def _expect(table: dict, role: str) -> int:
    return table.get(role, 403)


SUBMIT = {"ditjen": 200, "dinas_own": 200, "api_region": 200, "dinas_other": 404, "anonymous": 401}
DITJEN_ONLY = {"ditjen": 200, "dinas_other": 404, "anonymous": 401}
INSPECTOR_ONLY = {"inspektorat": 200, "dinas_other": 404, "anonymous": 401}
FOLLOWUP = {
    "ditjen": 201,
    "dinas_own": 201,
    "api_region": 201,
    "dinas_other": 404,
    "anonymous": 401,
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_submit_report(world, role):
    draft = world.own.draft
    response = client_for(world, role).post(f"/api/v1/reports/{draft.pk}/submit/")
    assert response.status_code == _expect(SUBMIT, role), response.content
    draft.refresh_from_db()
    if response.status_code == 200:
        assert response.json()["status"] == draft.status == ReportStatus.SUBMITTED
        assert draft.submitted_by == world.users[role]
        assert draft.history.first().history_user == world.users[role]
    else:
        assert draft.status == ReportStatus.DRAFT
        assert set(response.json()) == {"error"}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_verify_report(world, role):
    report = world.own.report
    response = client_for(world, role).post(f"/api/v1/reports/{report.pk}/verify/")
    assert response.status_code == _expect(DITJEN_ONLY, role), response.content
    report.refresh_from_db()
    assert report.status == (
        ReportStatus.VERIFIED if response.status_code == 200 else ReportStatus.SUBMITTED
    )


def test_verify_with_a_note_keeps_it_and_tells_the_dinas(world, api):
    report = world.own.report
    response = api("ditjen").post(
        f"/api/v1/reports/{report.pk}/verify/",
        {"note": "Foto RK-02 agar dilengkapi pada triwulan berikut."},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["verification_note"].startswith("Foto RK-02")
    told = Notification.objects.get(user__region=report.region, kind="LAPORAN_DIVERIFIKASI")
    assert told.body == "Catatan verifikator: Foto RK-02 agar dilengkapi pada triwulan berikut."


@pytest.mark.parametrize("role", ALL_ROLES)
def test_return_report(world, role):
    report = world.own.report
    response = client_for(world, role).post(
        f"/api/v1/reports/{report.pk}/return/",
        {"reason": "Realisasi RK-01 melebihi kontrak."},
        format="json",
    )
    assert response.status_code == _expect(DITJEN_ONLY, role), response.content
    report.refresh_from_db()
    if response.status_code == 200:
        assert report.status == ReportStatus.RETURNED and report.return_reason.startswith(
            "Realisasi"
        )


def test_return_without_reason_is_a_400_naming_the_field(world, api):
    response = api("ditjen").post(
        f"/api/v1/reports/{world.own.report.pk}/return/", {"reason": " "}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "reason"


def test_verifying_a_draft_is_a_409(world, api):
    response = api("ditjen").post(f"/api/v1/reports/{world.own.draft.pk}/verify/")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


def _finding_body(world, **extra):
    return {
        "inspection": world.own.inspection.pk,
        "title": "Gudang belum dimanfaatkan",
        "kondisi": "Kosong",
        "kriteria": "Juknis",
        "sebab": "Belum ada operator",
        "akibat": "Manfaat tertunda",
        "rekomendasi": "Tunjuk operator",
        "due_date": "2024-12-31",
        "amount": "2500000.50",
        "problem_code": None,
        "activity": world.own.activities[1].pk,
        **extra,
    }


@pytest.mark.parametrize("role", ALL_ROLES)
def test_create_finding(world, role):
    before = Finding.objects.count()
    response = client_for(world, role).post(
        "/api/v1/findings/", _finding_body(world), format="json"
    )
    # A dinas of another region cannot even name this inspection: it reads as nonexistent (400, no leak).
    expected = {"inspektorat": 201, "dinas_other": 400, "anonymous": 401}.get(role, 403)
    assert response.status_code == expected, response.content
    if expected == 201:
        body = response.json()
        assert (body["region_code"], body["amount"], body["status"]) == (
            "71.01",
            "2500000.50",
            "BELUM",
        )
        assert Finding.objects.get(pk=body["id"]).created_by == world.users[role]
    else:
        assert Finding.objects.count() == before
    if expected == 400:
        assert {"inspection", "activity"} <= set(response.json()["error"]["details"])


@pytest.mark.parametrize("role", ALL_ROLES)
def test_update_finding(world, role):
    finding = world.own.finding
    response = client_for(world, role).patch(
        f"/api/v1/findings/{finding.pk}/", {"severity": "TINGGI"}, format="json"
    )
    assert response.status_code == _expect(INSPECTOR_ONLY, role), response.content
    finding.refresh_from_db()
    assert finding.severity == ("TINGGI" if response.status_code == 200 else "SEDANG")


@pytest.mark.parametrize("role", ALL_ROLES)
def test_submit_followup(world, role):
    finding = world.own.finding
    response = client_for(world, role).post(
        f"/api/v1/findings/{finding.pk}/followups/",
        {"description": "Operator ditunjuk", "date": "2024-08-01"},
        format="multipart",
    )
    assert response.status_code == _expect(FOLLOWUP, role), response.content
    count = FollowUp.objects.filter(finding=finding).count()
    assert count == (2 if response.status_code == 201 else 1)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_assess_followup(world, role):
    followup = world.own.followup
    response = client_for(world, role).post(
        f"/api/v1/followups/{followup.pk}/assess/", {"status": "SELESAI"}, format="json"
    )
    assert response.status_code == _expect(INSPECTOR_ONLY, role), response.content
    followup.refresh_from_db()
    assert followup.assessment_status == ("SELESAI" if response.status_code == 200 else "")
    if response.status_code == 200:
        assert Finding.objects.get(pk=followup.finding_id).status == "SELESAI"


@pytest.mark.parametrize("role", ALL_ROLES)
def test_close_finding(world, role):
    followup = world.own.followup
    client_for(world, "inspektorat").post(
        f"/api/v1/followups/{followup.pk}/assess/", {"status": "SELESAI"}, format="json"
    )
    response = client_for(world, role).post(
        f"/api/v1/findings/{followup.finding_id}/close/", {"note": "Tuntas"}, format="json"
    )
    assert response.status_code == _expect(INSPECTOR_ONLY, role), response.content
    assert Finding.objects.get(pk=followup.finding_id).is_closed == (response.status_code == 200)


def test_followup_with_evidence_file_through_multipart(world, api):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti", content_type="application/pdf")
    response = api("dinas_own").post(
        f"/api/v1/findings/{world.own.finding.pk}/followups/",
        {"description": "Bukti terlampir", "date": "2024-08-02", "files": [pdf]},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    assert [a["original_name"] for a in response.json()["attachments"]] == ["bukti.pdf"]


def test_service_rule_errors_come_back_in_the_error_body(world, api):
    response = api("dinas_own").post(
        f"/api/v1/findings/{world.own.finding.pk}/followups/",
        {"description": "Nanti", "date": "2999-01-01"},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "date"
