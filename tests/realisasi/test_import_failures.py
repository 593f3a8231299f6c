"""An upload whose processing fails unexpectedly ends REJECTED with a message (page and API),
never stuck and never a 500; and the upload limits per account and per region."""

from __future__ import annotations

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.tokens import token_issue
from realisasi.choices import UploadStatus
from realisasi.models import QuarterlyReport, ReportUpload
from realisasi.services import imports

from .report_fixtures import RK, fixture_bytes

pytestmark = pytest.mark.django_db
API_URL = "/api/v1/reports/upload/"


@pytest.fixture
def rk():
    return RK()


@pytest.fixture
def broken_parser(monkeypatch):
    """A parser that fails in a way nobody foresaw (what a new odd file may do one day)."""

    def explode(*args, **kwargs):
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(imports, "parse_report", explode)


def _api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user)[1]}")
    return client


def _api_upload(user, name="valid.xlsx"):
    file = SimpleUploadedFile(name, fixture_bytes("valid.xlsx"))
    return _api(user).post(API_URL, {"file": file}, format="multipart")


def test_page_upload_that_fails_unexpectedly_ends_rejected_with_a_message(
    client, rk, broken_parser, django_capture_on_commit_callbacks, caplog
):
    client.force_login(rk.dinas)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("realisasi:upload"),
            {"file": SimpleUploadedFile("valid.xlsx", fixture_bytes("valid.xlsx"))},
        )
    upload = ReportUpload.objects.get()
    assert upload.status == UploadStatus.REJECTED and upload.finished_at is not None
    assert "something nobody foresaw" in caplog.text  # the traceback is logged
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Berkas rusak / tidak dapat dibaca" in page.content.decode()
    status = client.get(reverse("realisasi:upload_status_json", args=[upload.pk])).json()
    assert status["finished"] and status["status"] == UploadStatus.REJECTED
    assert not QuarterlyReport.objects.exists()
    assert upload.original.read() == fixture_bytes("valid.xlsx")  # the original is kept


def test_api_upload_that_fails_unexpectedly_is_a_4xx_json(rk, broken_parser):
    response = _api_upload(rk.dinas)
    assert response.status_code == 422
    body = response.json()
    assert body["ok"] is False and body["error"]["code"] == "rejected"
    assert body["errors"][0]["row"] is None
    assert "Berkas rusak / tidak dapat dibaca" in body["errors"][0]["message"]
    assert ReportUpload.objects.get().status == UploadStatus.REJECTED
    assert not QuarterlyReport.objects.exists()


def test_uploads_per_account_per_hour_are_limited(client, rk, settings):
    settings.DAK_UPLOADS_PER_USER_PER_HOUR = 2
    assert _api_upload(rk.dinas).status_code == 201
    assert _api_upload(rk.dinas, "lagi.xlsx").status_code == 200  # the same bytes: duplicate
    refused = _api_upload(rk.dinas, "ketiga.xlsx")
    assert refused.status_code == 429
    assert "dalam satu jam terakhir (batasnya 2 per jam)" in refused.json()["error"]["message"]
    client.force_login(rk.dinas)
    page = client.post(
        reverse("realisasi:upload"),
        {"file": SimpleUploadedFile("valid.xlsx", fixture_bytes("valid.xlsx"))},
        follow=True,
    )
    assert "batasnya 2 per jam" in page.content.decode()
    assert ReportUpload.objects.count() == 2
    # Another account of the same region is not held back by this one.
    assert _api_upload(rk.ditjen).status_code in (200, 201)


def test_originals_kept_per_region_are_limited(rk, settings):
    settings.DAK_STORED_UPLOADS_PER_REGION = 1
    assert _api_upload(rk.dinas).status_code == 201
    refused = _api_upload(rk.dinas, "kedua.xlsx")
    assert refused.status_code == 429
    assert "Wilayah Anda sudah menyimpan 1 berkas unggahan" in refused.json()["error"]["message"]
    assert ReportUpload.objects.count() == 1


def test_uploads_whose_task_was_lost_are_queued_again_or_rejected_after_a_day(
    rk, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    from realisasi.services.imports import report_upload_receive, stalled_uploads_requeue

    lost = report_upload_receive(
        actor=rk.dinas, name="valid.xlsx", data=fixture_bytes("valid.xlsx"), queue=False
    )
    ancient = report_upload_receive(
        actor=rk.dinas, name="lama.xlsx", data=fixture_bytes("warnings.xlsx"), queue=False
    )
    fresh = report_upload_receive(
        actor=rk.dinas, name="baru.xlsx", data=fixture_bytes("valid.xlsx"), queue=False
    )
    now = timezone.now()
    ReportUpload.objects.filter(pk=lost.pk).update(created_at=now - dt.timedelta(minutes=20))
    ReportUpload.objects.filter(pk=ancient.pk).update(created_at=now - dt.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert stalled_uploads_requeue() == 1
    statuses = dict(ReportUpload.objects.values_list("pk", "status"))
    assert statuses[lost.pk] == UploadStatus.ACCEPTED
    assert statuses[fresh.pk] == UploadStatus.RECEIVED  # its own task may still come
    ancient.refresh_from_db()
    assert ancient.status == UploadStatus.REJECTED
    assert "Pemrosesan berkas ini terhenti" in ancient.errors[0]["message"]
