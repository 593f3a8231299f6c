"""Pages: wiring, permissions and scoping of the upload and report screens."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from realisasi.choices import ReportStatus, UploadStatus
from realisasi.models import QuarterlyReport, ReportUpload
from realisasi.services.imports import report_import
from realisasi.services.reports import report_submit

from .report_fixtures import RK, fixture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def rk():
    return RK()


def login(client, user):
    client.force_login(user)
    return client


def upload_file(client, name):
    return client.post(
        reverse("realisasi:upload"), {"file": SimpleUploadedFile(name, fixture_bytes(name))}
    )


def test_upload_preview_then_confirm_and_submit(client, rk, django_capture_on_commit_callbacks):
    login(client, rk.dinas)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload_file(client, "valid.xlsx")
    item = ReportUpload.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "realisasi:upload_status", args=[item.pk]
    )
    page = client.get(response["Location"])
    assert (
        "Pratinjau (3 kegiatan)" in page.content.decode() and not QuarterlyReport.objects.exists()
    )
    status = client.get(reverse("realisasi:upload_status_json", args=[item.pk])).json()
    assert (
        status["status"] == UploadStatus.PREVIEWED
        and status["finished"]
        and status["progress"] == 100
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("realisasi:upload_confirm", args=[item.pk]), {"submit": "on"})
    report = QuarterlyReport.objects.get()
    assert report.status == ReportStatus.SUBMITTED and report.lines.count() == 3
    assert (
        "versi 1" in client.get(reverse("realisasi:upload_status", args=[item.pk])).content.decode()
    )


def test_rejected_upload_shows_errors_and_annotated_download(
    client, rk, django_capture_on_commit_callbacks
):
    login(client, rk.dinas)
    with django_capture_on_commit_callbacks(execute=True):
        upload_file(client, "bad_cells.xlsx")
    item = ReportUpload.objects.get()
    page = client.get(reverse("realisasi:upload_status", args=[item.pk])).content.decode()
    assert "Berkas ditolak" in page and "bukan angka rupiah" in page
    response = client.get(reverse("realisasi:upload_annotated", args=[item.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    wb = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    assert wb["Laporan"]["G9"].comment is not None


def test_downloads_are_scoped(client, rk):
    outcome = report_import(actor=rk.dinas, name="valid.xlsx", data=fixture_bytes("valid.xlsx"))
    item = outcome.upload
    login(client, rk.dinas)
    own = client.get(reverse("realisasi:upload_original", args=[item.pk]))
    assert own.status_code == 200 and b"".join(own.streaming_content) == fixture_bytes("valid.xlsx")
    assert own["X-Content-Type-Options"] == "nosniff" and "attachment" in own["Content-Disposition"]
    login(client, rk.other_dinas)
    for name in ("upload_original", "upload_annotated", "upload_status", "upload_status_json"):
        assert client.get(reverse(f"realisasi:{name}", args=[item.pk])).status_code == 404
    assert (
        client.get(reverse("realisasi:report_detail", args=[outcome.report.pk])).status_code == 404
    )
    assert (
        client.post(reverse("realisasi:report_submit", args=[outcome.report.pk])).status_code == 404
    )


def test_report_list_is_scoped_and_filtered(client, rk):
    report_import(actor=rk.dinas, name="valid.xlsx", data=fixture_bytes("valid.xlsx"))
    login(client, rk.other_dinas)
    assert "32.04" not in client.get(reverse("realisasi:report_list")).content.decode()
    login(client, rk.pimpinan)
    assert (
        "32.04 Kabupaten Bandung" in client.get(reverse("realisasi:report_list")).content.decode()
    )
    assert (
        "32.04"
        not in client.get(reverse("realisasi:report_list"), {"quarter": "3"}).content.decode()
    )
    assert (
        "32.04"
        in client.get(
            reverse("realisasi:report_list"), {"year": 2024, "status": "DRAF"}
        ).content.decode()
    )


def test_detail_buttons_per_role_and_verification(client, rk):
    report = report_import(
        actor=rk.dinas, name="warnings.xlsx", data=fixture_bytes("warnings.xlsx")
    ).report
    login(client, rk.dinas)
    assert (
        "Ajukan ke Ditjen IKMA"
        in client.get(reverse("realisasi:report_detail", args=[report.pk])).content.decode()
    )
    client.post(reverse("realisasi:report_submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert client.get(reverse("realisasi:verification_queue")).status_code == 403
    login(client, rk.pimpinan)
    page = client.get(reverse("realisasi:report_detail", args=[report.pk])).content.decode()
    assert "Verifikasi</button>" not in page and "Ajukan" not in page
    assert client.post(reverse("realisasi:report_verify", args=[report.pk])).status_code == 403
    login(client, rk.ditjen)
    assert "32.04" in client.get(reverse("realisasi:verification_queue")).content.decode()
    screen = client.get(reverse("realisasi:verification_detail", args=[report.pk])).content.decode()
    assert 'class="warn"' in screen and "mendahului realisasi fisik" in screen
    response = client.post(reverse("realisasi:report_return", args=[report.pk]), {"reason": ""})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and response.status_code == 302
    client.post(reverse("realisasi:report_return", args=[report.pk]), {"reason": "Cek SP2D RK-01"})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.returned_by == rk.ditjen


def test_verify_from_the_screen(client, rk):
    report = report_import(
        actor=rk.dinas, name="valid.xlsx", data=fixture_bytes("valid.xlsx")
    ).report
    report_submit(actor=rk.dinas, report=report)
    login(client, rk.ditjen)
    response = client.post(reverse("realisasi:report_verify", args=[report.pk]))
    assert response["Location"] == reverse("realisasi:verification_queue")
    report.refresh_from_db()
    assert report.status == ReportStatus.VERIFIED


def test_template_download(client, rk):
    login(client, rk.dinas)
    response = client.get(reverse("realisasi:report_template"), {"year": 2024, "quarter": 2})
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert (
        'filename="templat-laporan-32.04-2024-TW2.xlsx"' in response["Content-Disposition"]
    )  # own region
    # Another region's template is 404 for a dinas user, as every other region's object is.
    other = client.get(
        reverse("realisasi:report_template"), {"year": 2024, "quarter": 2, "region": "35.07"}
    )
    assert other.status_code == 404
    assert client.get(reverse("realisasi:report_template")).status_code == 200  # the form
    login(client, rk.ditjen)
    response = client.get(
        reverse("realisasi:report_template"), {"year": 2030, "quarter": 1, "region": "32.04"}
    )
    assert response.status_code == 404


def test_inspectors_cannot_upload(client, rk):
    login(client, rk.inspector)
    assert upload_file(client, "valid.xlsx").status_code == 403
    assert not ReportUpload.objects.exists()
