"""Two uploads of the same region and quarter at the same moment (PostgreSQL, real row locks)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from realisasi.choices import UploadStatus
from realisasi.models import QuarterlyReport, ReportLine, ReportUpload
from realisasi.services.imports import report_import

from .report_fixtures import RK, fixture_bytes


def _race(actor, files: list[tuple[str, bytes]]) -> list:
    barrier = threading.Barrier(len(files))
    results, failures = [], []

    def work(name, data):
        try:
            barrier.wait(timeout=10)
            results.append(report_import(actor=actor, name=name, data=data).upload.status)
        except Exception as exc:  # surfaced below: a thread's exception must fail the test
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=f) for f in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not failures, failures
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_different_uploads_make_two_versions_one_current():
    rk = RK()
    statuses = _race(
        rk.dinas,
        [("a.xlsx", fixture_bytes("valid.xlsx")), ("b.xlsx", fixture_bytes("percent_format.xlsx"))],
    )
    assert sorted(statuses) == [UploadStatus.ACCEPTED, UploadStatus.ACCEPTED]
    reports = QuarterlyReport.objects.filter(region=rk.region, quarter=2)
    assert sorted(reports.values_list("version", flat=True)) == [1, 2]
    assert reports.filter(is_current=True).count() == 1
    assert reports.get(is_current=True).version == 2
    for report in reports:
        assert report.lines.count() == 3
    assert ReportLine.objects.count() == 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_same_bytes_twice_at_once_is_stored_once():
    rk = RK()
    data = fixture_bytes("valid.xlsx")
    statuses = _race(rk.dinas, [("a.xlsx", data), ("a-lagi.xlsx", data)])
    assert sorted(statuses) == [UploadStatus.ACCEPTED, UploadStatus.DUPLICATE]
    assert QuarterlyReport.objects.count() == 1 and ReportLine.objects.count() == 3
    assert ReportUpload.objects.filter(status=UploadStatus.ACCEPTED).count() == 1


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_processes_an_upload_and_a_second_run_changes_nothing(
    celery_worker_process, settings
):
    from dakmonev.celery import app
    from realisasi.services.imports import report_upload_receive
    from tests.conftest import wait_for

    settings.MEDIA_ROOT = str(settings.BASE_DIR / "var" / "test-media")  # where the worker looks
    rk = RK()
    upload = report_upload_receive(
        actor=rk.dinas, name="valid.xlsx", data=fixture_bytes("valid.xlsx"), queue=False
    )
    for _ in range(2):  # delivered twice: the second run finds the upload finished
        app.send_task(
            "realisasi.tasks.process_report_upload_task",
            args=[upload.pk],
            queue=celery_worker_process["queue"],
        )
    wait_for(
        lambda: ReportUpload.objects.get(pk=upload.pk).status == UploadStatus.ACCEPTED, timeout=60
    )
    wait_for(lambda: celery_worker_process["log"].read_bytes().count(b"succeeded") >= 2, timeout=30)
    assert QuarterlyReport.objects.count() == 1 and ReportLine.objects.count() == 3
