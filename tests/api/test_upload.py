"""POST /api/v1/reports/upload/: the import service's JSON, 201 / 200 / 422, scoped like the page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.tokens import token_issue
from realisasi.choices import ReportStatus
from realisasi.models import QuarterlyReport, ReportUpload
from tests.realisasi.report_fixtures import RK, fixture_bytes

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports/upload/"
KEYS = {"ok", "report_id", "version", "duplicate", "errors", "warnings"}


@pytest.fixture
def rk():
    return RK()


def _client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user)[1]}")
    return client


def _upload(user, name="valid.xlsx", **fields):
    data = fields.pop("data", None) or fixture_bytes(name)
    file = SimpleUploadedFile(
        name, data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return _client(user).post(URL, {"file": file, **fields}, format="multipart")


def test_accepted_is_201_with_the_import_report_json(rk):
    response = _upload(rk.dinas)
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == KEYS
    report = QuarterlyReport.objects.get()
    assert body == {
        "ok": True,
        "report_id": report.pk,
        "version": 1,
        "duplicate": False,
        "errors": [],
        "warnings": body["warnings"],
    }
    assert report.status == ReportStatus.DRAFT and report.created_by == rk.dinas


def test_same_bytes_again_is_200_duplicate_and_nothing_new(rk):
    first = _upload(rk.dinas).json()
    response = _upload(rk.dinas)
    assert response.status_code == 200
    assert (
        response.json()["duplicate"] is True and response.json()["report_id"] == first["report_id"]
    )
    assert QuarterlyReport.objects.count() == 1


def test_submit_flag_submits_the_new_version(rk):
    response = _upload(rk.dinas, submit="true")
    assert response.status_code == 201
    assert QuarterlyReport.objects.get().status == ReportStatus.SUBMITTED


def test_dry_run_stores_nothing_and_is_200(rk):
    response = _upload(rk.dinas, dry_run="true")
    assert response.status_code == 200, response.content
    assert response.json()["ok"] is True and response.json()["report_id"] is None
    assert QuarterlyReport.objects.count() == 0


def test_rejected_is_422_with_row_column_messages_and_the_error_object(rk):
    response = _upload(rk.dinas, "bad_cells.xlsx")
    assert response.status_code == 422
    body = response.json()
    assert body["ok"] is False and body["report_id"] is None and body["errors"]
    assert set(body["errors"][0]) == {"row", "column", "value", "message"}
    assert body["error"]["code"] == "rejected"
    assert QuarterlyReport.objects.count() == 0
    assert ReportUpload.objects.get().status == "DITOLAK"


def test_other_regions_file_is_rejected_not_stored(rk):
    response = _upload(rk.other_dinas)  # valid.xlsx is 32.04's report
    assert response.status_code == 422
    assert "32.04" in response.json()["errors"][0]["message"]
    assert QuarterlyReport.objects.count() == 0


def test_not_an_xlsx_is_422_with_a_clear_message(rk):
    response = _upload(rk.dinas, "laporan.csv")
    assert response.status_code == 422
    assert response.json()["errors"][0]["message"]


@pytest.mark.parametrize("role", ["inspector", "pimpinan"])
def test_roles_that_may_not_upload_get_403(rk, role):
    response = _upload(getattr(rk, role))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert ReportUpload.objects.count() == 0


def test_ditjen_may_upload_for_a_region(rk):
    assert _upload(rk.ditjen).status_code == 201


def test_missing_file_is_400_and_json_is_415(rk):
    response = _client(rk.dinas).post(URL, {}, format="multipart")
    assert response.status_code == 400 and response.json()["error"]["field"] == "file"
    response = _client(rk.dinas).post(URL, {"file": "x"}, format="json")
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


@pytest.mark.parametrize(("bound", "expected"), [(True, 201), (False, 403)])
def test_api_accounts_upload_as_their_region_would(rk, bound, expected):
    from accounts.roles import Role
    from tests.factories import make_user

    system = make_user(Role.API, rk.region if bound else None)
    assert _upload(system).status_code == expected


def test_anonymous_upload_is_401(rk):
    file = SimpleUploadedFile("valid.xlsx", fixture_bytes("valid.xlsx"))
    response = APIClient().post(URL, {"file": file}, format="multipart")
    assert response.status_code == 401 and ReportUpload.objects.count() == 0
