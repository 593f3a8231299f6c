"""A Celery worker killed (SIGKILL) in the middle of a report import: the message comes back to
another worker and the result is stored exactly once, never in part.

Real processes on Redis and PostgreSQL. The task is acknowledged late (CELERY_TASK_ACKS_LATE),
so a worker that dies holding it never acknowledges it; Redis hands it out again once the
visibility timeout has passed (CELERY_VISIBILITY_TIMEOUT, 5 s here instead of an hour; the workers
use tests/security/worker_settings.py, which sweeps for abandoned messages every second). The
import stores the version and its lines in one transaction, and a second run re-checks under a
row lock that the upload is not finished, so the redelivery stores it once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from realisasi.choices import ReportStatus, UploadStatus
from realisasi.models import QuarterlyReport, ReportLine, ReportUpload
from realisasi.services.imports import PROGRESS_MIN_BYTES, report_upload_receive
from tests.conftest import ROOT, wait_for
from tests.realisasi.report_fixtures import RK

from . import hostile_files as h

TASK = "realisasi.tasks.process_report_upload_task"
VISIBILITY_TIMEOUT = 5


def start_worker(
    queue: str, db_url: str, media_root: str, label: str
) -> tuple[subprocess.Popen, Path]:
    """A solo-pool worker on `queue` (the task runs in this very process, so SIGKILL stops it mid-task)."""
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "DJANGO_SETTINGS_MODULE": "tests.security.worker_settings",
        "PYTHONUNBUFFERED": "1",
        "MEDIA_ROOT": media_root,
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
    }
    log = ROOT / "var" / f"worker-{queue}-{label}.log"
    log.parent.mkdir(exist_ok=True)
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "dakmonev",
                "worker",
                "-P",
                "solo",
                "-Q",
                queue,
                "-n",
                f"{label}-{queue}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.time() + 60
    while b"ready." not in log.read_bytes():
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            pytest.fail(f"celery worker did not start: {log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.1)
    return proc, log


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _forget_queue(app, queue: str) -> None:
    """Remove this test's queue and its bindings from Redis (nothing of anyone else's)."""
    with app.connection_for_write() as conn:
        conn.default_channel.client.delete(
            queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}"
        )


@pytest.mark.worker
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
def test_worker_killed_mid_import_is_redelivered_and_stored_exactly_once(
    live_server_db_url, settings
):
    from dakmonev.celery import app

    started = time.monotonic()
    rk = RK()
    h.big_rk(rk.region, 2025)
    data = h.big_report(rk.region, 2025, 1, remarks=True)
    assert (
        len(data) >= PROGRESS_MIN_BYTES
    )  # large enough for the import to report PROCESSING/progress
    upload = report_upload_receive(actor=rk.dinas, name="tw1-5000.xlsx", data=data, queue=False)
    queue = f"crash-{uuid.uuid4().hex[:8]}"
    lines = ReportLine.objects.filter(report__region=rk.region, report__fiscal_year__year=2025)

    first, first_log = start_worker(queue, live_server_db_url, settings.MEDIA_ROOT, "first")
    second = None
    try:
        result = app.send_task(TASK, args=[upload.pk], queue=queue)
        # Kill the worker as soon as the import is under way (committed status PROCESSING / progress).
        wait_for(
            lambda: (
                ReportUpload.objects.filter(pk=upload.pk)
                .exclude(status=UploadStatus.RECEIVED)
                .exists()
            ),
            timeout=30,
            interval=0.02,
        )
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        killed = ReportUpload.objects.get(pk=upload.pk)
        assert killed.status == UploadStatus.PROCESSING, "the worker finished before it was killed"
        assert lines.count() == 0 and not QuarterlyReport.objects.exists()
        assert f"{TASK}[{result.id}] received".encode() in first_log.read_bytes()
        assert b"succeeded" not in first_log.read_bytes()

        second, second_log = start_worker(queue, live_server_db_url, settings.MEDIA_ROOT, "second")
        seen_counts = set()

        def finished():
            seen_counts.add(lines.count())  # another connection never sees part of the lines
            return ReportUpload.objects.get(pk=upload.pk).is_finished

        wait_for(finished, timeout=45, interval=0.05)
        wait_for(
            lambda: f"Task {TASK}[{result.id}] succeeded".encode() in second_log.read_bytes(),
            timeout=15,
        )
    finally:
        stop(first)
        if second is not None:
            stop(second)
        _forget_queue(app, queue)

    assert (
        f"{TASK}[{result.id}] received".encode() in second_log.read_bytes()
    )  # redelivered, same id
    assert seen_counts <= {0, h.BIG}, sorted(seen_counts)
    upload.refresh_from_db()
    assert upload.status == UploadStatus.ACCEPTED and upload.progress == 100, upload.errors[:3]
    report = QuarterlyReport.objects.get()
    assert upload.report_id == report.pk
    assert (report.version, report.is_current, report.status) == (1, True, ReportStatus.DRAFT)
    assert report.lines.count() == h.BIG == ReportLine.objects.count()
    assert ReportUpload.objects.count() == 1
    assert time.monotonic() - started < 90
