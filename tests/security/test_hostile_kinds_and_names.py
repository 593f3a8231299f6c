"""Wrong kinds of file and hostile file names through the import pages, API and services
(issue 9, imports; split from test_hostile_imports.py): clear Indonesian messages, and stored
files under generated names that cannot escape MEDIA_ROOT."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from realisasi.choices import UploadStatus
from realisasi.models import ReportUpload
from realisasi.services.imports import report_import
from tests.realisasi.report_fixtures import fixture_bytes

from . import hostile_files as h
from .hostile_checks import API_UPLOAD, _api, _nothing_stored

pytestmark = pytest.mark.django_db


# -- wrong kinds of file: clear Indonesian messages on the page and in the API ------------------------
WRONG_KINDS = [
    pytest.param("laporan.xlsm", h.macro_workbook, "berisi makro", id="xlsm-by-name"),
    pytest.param("laporan.xlsx", h.macro_workbook, "berisi makro", id="macros-renamed-xlsx"),
    pytest.param("laporan.xlsx", h.encrypted_workbook, "dilindungi kata sandi", id="encrypted"),
    pytest.param(
        "laporan.xls", lambda: h.XLS_97, "Format .xls (Excel 97–2003) tidak diterima", id="xls"
    ),
    pytest.param(
        "laporan.xlsx",
        lambda: h.XLS_97,
        "Format .xls (Excel 97–2003) tidak diterima",
        id="xls-renamed",
    ),
    pytest.param("laporan.csv", lambda: h.CSV_REPORT, "Berkas CSV tidak diterima", id="csv"),
    pytest.param(
        "laporan.xlsx", lambda: h.CSV_REPORT, "Berkas bukan Excel .xlsx yang sah", id="csv-renamed"
    ),
    pytest.param(
        "laporan.xlsx", lambda: h.HTML_AS_XLSX, "halaman web (HTML/XML)", id="html-renamed"
    ),
]


@pytest.mark.parametrize("name, make, expected", WRONG_KINDS)
def test_wrong_kind_on_the_upload_page_gets_a_clear_message(
    client, rk, django_capture_on_commit_callbacks, name, make, expected
):
    client.force_login(rk.dinas)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("realisasi:upload"), {"file": SimpleUploadedFile(name, make())}
        )
    upload = ReportUpload.objects.get()
    assert response.status_code == 302
    assert upload.status == UploadStatus.REJECTED
    page = client.get(reverse("realisasi:upload_status", args=[upload.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Berkas ditolak" in body and expected in body
    assert "Save As" in body or "kata sandi" in body  # it says what to do next
    _nothing_stored()


@pytest.mark.parametrize("name, make, expected", WRONG_KINDS)
def test_wrong_kind_through_the_api_is_422_with_the_message(rk, name, make, expected):
    response = _api(rk.dinas).post(
        API_UPLOAD, {"file": SimpleUploadedFile(name, make())}, format="multipart"
    )
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["ok"] is False and body["error"]["code"] == "rejected"
    assert expected in body["errors"][0]["message"]
    _nothing_stored()


# -- file names ---------------------------------------------------------------------------------------
HOSTILE_NAMES = [
    "../../x.xlsx",
    "..\\..\\x.xlsx",
    "/etc/passwd.xlsx",
    'a"b\r\nSet-Cookie: s=1.xlsx',
    "<script>alert(1)</script>.xlsx",
]
GENERATED = re.compile(r"^uploads/reports/\d{4}/\d{2}/[0-9a-f]{32}\.xlsx$")


def _stored_safely(upload: ReportUpload, media_root: str) -> None:
    assert GENERATED.match(upload.original.name), upload.original.name
    path = Path(upload.original.path).resolve()
    assert path.is_relative_to(Path(media_root).resolve()) and path.is_file()
    assert path.read_bytes() == fixture_bytes("valid.xlsx")


def _safe_disposition(response) -> str:
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    filename = re.search(r'filename="([^"]*)"', disposition).group(1)
    assert not set(filename) & set('/\\\r\n"<>'), filename
    return filename


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_through_the_service_are_stored_under_generated_names(
    rk, settings, client, name
):
    outcome = report_import(actor=rk.dinas, name=name, data=fixture_bytes("valid.xlsx"))
    assert outcome.upload.status == UploadStatus.ACCEPTED
    _stored_safely(outcome.upload, settings.MEDIA_ROOT)
    assert not (Path(settings.MEDIA_ROOT).parent.parent / "x.xlsx").exists()
    client.force_login(rk.dinas)
    download = client.get(reverse("realisasi:upload_original", args=[outcome.upload.pk]))
    assert download.status_code == 200
    assert _safe_disposition(download).endswith(".xlsx")
    assert b"".join(download.streaming_content) == fixture_bytes("valid.xlsx")
    page = client.get(reverse("realisasi:upload_status", args=[outcome.upload.pk])).content.decode()
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize("name", ["../../x.xlsx", "..\\..\\x.xlsx"])
def test_hostile_names_through_the_page_and_the_api(
    rk, settings, client, django_capture_on_commit_callbacks, name
):
    client.force_login(rk.dinas)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("realisasi:upload"),
            {"file": SimpleUploadedFile(name, fixture_bytes("valid.xlsx"))},
        )
    from_page = ReportUpload.objects.get()
    _stored_safely(from_page, settings.MEDIA_ROOT)
    assert from_page.original_name == "x.xlsx"  # Django keeps only the last path segment
    response = _api(rk.other_dinas).post(
        API_UPLOAD,
        {"file": SimpleUploadedFile(name, fixture_bytes("valid.xlsx"))},
        format="multipart",
    )
    assert (
        response.status_code == 422
    )  # 32.04's file for 35.07's account: rejected, but kept safely
    from_api = ReportUpload.objects.exclude(pk=from_page.pk).get()
    _stored_safely(from_api, settings.MEDIA_ROOT)
    assert "/" not in from_api.original_name and "\\" not in from_api.original_name


def test_annotated_download_of_a_hostile_name_is_a_safe_attachment(rk, client):
    outcome = report_import(
        actor=rk.dinas, name='..\\"><img src=x>.xlsx', data=fixture_bytes("bad_cells.xlsx")
    )
    assert outcome.upload.status == UploadStatus.REJECTED
    client.force_login(rk.dinas)
    response = client.get(reverse("realisasi:upload_annotated", args=[outcome.upload.pk]))
    assert response.status_code == 200
    assert _safe_disposition(response).endswith("-kesalahan.xlsx")
    assert (
        response["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
