"""The auditor dossier built by a real Celery worker process (Redis, PostgreSQL, the same media
folder): progress moves to 100, the ZIP is kept and its manifest matches the stored original."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from portal.dossier.contents import MANIFEST
from portal.models import AuditDossier, DossierStatus
from realisasi.models import ReportUpload
from realisasi.services.imports import report_import
from tests.conftest import wait_for
from tests.realisasi.report_fixtures import RK, fixture_bytes

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shared_media(monkeypatch, settings):
    # The worker is another process: it must read and write the test's media folder.
    monkeypatch.setenv("MEDIA_ROOT", str(settings.MEDIA_ROOT))


def test_a_real_worker_builds_the_dossier(shared_media, celery_worker_process):
    from dakmonev.celery import app

    rk = RK()
    report_import(actor=rk.dinas, name="laporan.xlsx", data=fixture_bytes("valid.xlsx"))
    dossier = AuditDossier.objects.create(
        region=rk.region, fiscal_year=rk.fiscal_year, requested_by=rk.ditjen
    )
    app.send_task(
        "portal.tasks.build_dossier_task", args=[dossier.pk], queue=celery_worker_process["queue"]
    )
    done = wait_for(
        lambda: AuditDossier.objects.filter(
            pk=dossier.pk, status__in=(DossierStatus.READY, DossierStatus.FAILED)
        ).first(),
        timeout=120,
    )
    assert done.status == DossierStatus.READY, done.error
    assert done.progress == 100 and done.finished_at is not None
    upload = ReportUpload.objects.get(region=rk.region)
    with done.file.open("rb") as fh:
        zf = zipfile.ZipFile(io.BytesIO(fh.read()))
    rows = list(csv.DictReader(zf.read(MANIFEST).decode().splitlines()[1:]))
    original = next(r for r in rows if r["berkas"].startswith("01-berkas-asli/"))
    assert original["sha256"] == upload.sha256 and original["periksa"] == "cocok"
