"""The auditor dossier: every original upload byte for byte with a manifest whose SHA-256 equal
the stored originals', each version's lines as xlsx, the history, the findings with their files
and a PDF summary; built by the task with progress; another region's dossier is a 404."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from demo.photos import photo_bytes
from monev import services as monev_services
from monev.models import FieldPhoto
from monev.services.photos import field_photo_add
from portal.dossier.contents import MANIFEST
from portal.dossier.services import dossier_build, dossier_request
from portal.models import AuditDossier, DossierStatus
from portal.permissions import can_request_dossier
from realisasi.models import ActivityPhoto, ReportUpload
from realisasi.services.imports import report_import
from realisasi.services.photos import activity_photo_add
from realisasi.services.reports import report_submit, report_verify
from tests.exports import read_export
from tests.factories import FindingFactory, InspectionFactory
from tests.files import MINIMAL_PDF
from tests.pdfs import pdf_text
from tests.realisasi.report_fixtures import RK, fixture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def rk():
    rk = RK()
    first = report_import(
        actor=rk.dinas, name="laporan TW II.xlsx", data=fixture_bytes("valid.xlsx")
    ).report
    report_submit(actor=rk.dinas, report=first)
    report_verify(actor=rk.ditjen, report=first)
    report_import(actor=rk.dinas, name="../revisi.xlsx", data=fixture_bytes("percent_format.xlsx"))
    inspection = InspectionFactory(
        region=rk.region, fiscal_year=rk.fiscal_year, created_by=rk.inspector
    )
    rk.finding = FindingFactory(
        inspection=inspection,
        created_by=rk.inspector,
        kondisi="Mesin belum terpasang",
        due_date=dt.date(2024, 12, 31),
    )
    monev_services.attachment_add(
        actor=rk.inspector,
        finding=rk.finding,
        upload=SimpleUploadedFile("foto bukti.pdf", MINIMAL_PDF, content_type="application/pdf"),
    )
    fu = monev_services.followup_submit(
        actor=rk.dinas, finding=rk.finding, description="Mesin dipasang", date=dt.date(2024, 11, 1)
    )
    monev_services.attachment_add(
        actor=rk.dinas,
        finding=rk.finding,
        followup=fu,
        upload=SimpleUploadedFile(
            "bast.pdf", MINIMAL_PDF + b"%bast", content_type="application/pdf"
        ),
    )
    jpeg = photo_bytes(
        7, taken_at=dt.datetime(2024, 5, 2, 10, 0, tzinfo=dt.UTC), latitude=-7.0, longitude=107.6
    )
    activity_photo_add(
        actor=rk.dinas,
        activity=rk.activities[0],
        file=SimpleUploadedFile("kemajuan.jpg", jpeg, content_type="image/jpeg"),
        progress_point=50,
    )
    field_photo_add(
        actor=rk.inspector,
        finding=rk.finding,
        file=SimpleUploadedFile("kunjungan.jpg", photo_bytes(8), content_type="image/jpeg"),
    )
    return rk


def _zip(dossier) -> zipfile.ZipFile:
    with dossier.file.open("rb") as fh:
        return zipfile.ZipFile(io.BytesIO(fh.read()))


def _manifest(zf) -> list[dict]:
    lines = zf.read(MANIFEST).decode("utf-8").splitlines()
    assert lines[0].lstrip('"').startswith("Dosir auditor 32.04 Kabupaten Bandung — TA 2024")
    return list(csv.DictReader(lines[1:]))


def test_the_dossier_holds_every_original_byte_for_byte_and_a_matching_manifest(
    rk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the task runs eagerly in tests
        dossier = dossier_request(actor=rk.inspector, region=rk.region, fiscal_year=rk.fiscal_year)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.READY and dossier.progress == 100
    zf = _zip(dossier)
    manifest = {row["berkas"]: row for row in _manifest(zf)}
    uploads = list(ReportUpload.objects.filter(region=rk.region))
    assert len(uploads) == 2
    originals = [p for p in manifest if p.startswith("01-berkas-asli/")]
    assert len(originals) == len(uploads)
    for upload in uploads:
        path = next(p for p in originals if f"_unggahan-{upload.pk}_" in p)
        data = zf.read(path)
        with upload.original.open("rb") as fh:
            assert data == fh.read()  # byte for byte
        assert manifest[path]["sha256"] == upload.sha256 == hashlib.sha256(data).hexdigest()
        assert (
            manifest[path]["sha256_tercatat"] == upload.sha256
            and manifest[path]["periksa"] == "cocok"
        )
    assert all(".." not in p and not p.startswith("/") for p in zf.namelist())
    # Every file of the ZIP is in the manifest with its real hash.
    for path, row in manifest.items():
        assert hashlib.sha256(zf.read(path)).hexdigest() == row["sha256"]
    assert set(zf.namelist()) == set(manifest) | {MANIFEST}
    # Each version's lines as a workbook; the history; the findings and their files; the summary.
    versions = [p for p in manifest if p.startswith("02-laporan/")]
    assert len(versions) == 2
    lines = read_export(zf.read(versions[0]))
    assert lines.headers[0] == "Kode kegiatan" and {"RK-01", "RK-02", "RK-03"} <= set(
        lines.column("Kode kegiatan")
    )
    assert lines.cells("Realisasi keuangan (Rp)")[0].number_format == "#,##0"
    history = read_export(zf.read("03-riwayat-perubahan.xlsx"), "Laporan")
    assert any(v == "diubah" for v in history.column("Jenis"))
    assert "Terverifikasi" in " ".join(str(v) for v in history.column("Perubahan"))
    assert "Mesin belum terpasang" in pdf_text(zf.read(f"04-temuan/temuan-{rk.finding.pk}.pdf"))
    files = [
        p
        for p in manifest
        if p.startswith(f"04-temuan/{rk.finding.pk}/") and "/foto-kunjungan/" not in p
    ]
    assert len(files) == 2 and all(manifest[p]["periksa"] == "cocok" for p in files)
    assert any("/tindak-lanjut-" in p and p.endswith("bast.pdf") for p in files)
    assert "Ringkasan daerah Kabupaten Bandung (32.04)" in pdf_text(zf.read("00-ringkasan.pdf"))
    # Photos: the progress photo and the field-visit photo, the original bytes as uploaded.
    for photo, folder in (
        (ActivityPhoto.objects.get(), "05-foto-kemajuan/RK-01/"),
        (FieldPhoto.objects.get(), f"04-temuan/{rk.finding.pk}/foto-kunjungan/"),
    ):
        path = next(p for p in manifest if p.startswith(folder) and f"foto-{photo.pk}_" in p)
        with photo.original.open("rb") as fh:
            assert zf.read(path) == fh.read()
        assert manifest[path]["sha256"] == photo.sha256 and manifest[path]["periksa"] == "cocok"


def test_building_twice_does_nothing_twice_and_a_pending_request_is_reused(rk):
    dossier = AuditDossier.objects.create(
        region=rk.region, fiscal_year=rk.fiscal_year, requested_by=rk.ditjen
    )
    again = dossier_request(actor=rk.ditjen, region=rk.region, fiscal_year=rk.fiscal_year)
    assert again.pk == dossier.pk
    built = dossier_build(dossier_id=dossier.pk)
    name, sha = built.file.name, built.sha256
    assert built.status == DossierStatus.READY
    assert dossier_build(dossier_id=dossier.pk).file.name == name and built.sha256 == sha


def test_pages_request_show_progress_and_download_only_within_scope(
    rk, client, django_capture_on_commit_callbacks
):
    url = reverse("portal:dossier_list", args=[rk.region.code])
    client.force_login(rk.dinas)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"year": 2024})
    assert response.status_code == 302
    dossier = AuditDossier.objects.get()
    page = client.get(url, {"year": 2024}).content.decode()
    download = reverse("portal:dossier_download", args=[dossier.pk])
    assert download in page and "Siap diunduh" in page
    response = client.get(download)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == dossier.sha256
    # Another region's dinas: 404 for the dossier, its list and a request.
    client.force_login(rk.other_dinas)
    assert client.get(download).status_code == 404
    assert client.get(url, {"year": 2024}).status_code == 404
    assert client.post(url, {"year": 2024}).status_code == 404
    assert AuditDossier.objects.count() == 1
    assert not can_request_dossier(rk.other_dinas, rk.region)
    # The region page links the dossier page.
    client.force_login(rk.dinas)
    region_page = client.get(reverse("portal:region_detail", args=[rk.region.code]), {"year": 2024})
    assert url in region_page.content.decode()


def test_a_dossier_still_being_built_is_not_downloadable(rk, client):
    dossier = AuditDossier.objects.create(
        region=rk.region, fiscal_year=rk.fiscal_year, requested_by=rk.ditjen
    )
    client.force_login(rk.ditjen)
    assert client.get(reverse("portal:dossier_download", args=[dossier.pk])).status_code == 404
    page = client.get(reverse("portal:dossier_list", args=[rk.region.code]), {"year": 2024})
    assert 'http-equiv="refresh"' in page.content.decode()  # the page follows its progress
