"""Shared fixtures. Tests that need PostgreSQL, a real Celery worker or Chromium are marked and
skipped (with the reason printed) where the machine lacks them; CI sets DAK_FORBID_SKIPS=1 so
that any skip fails the run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _db_vendor() -> str:
    from django.db import connection

    return connection.vendor


def pytest_collection_modifyitems(config, items):
    redis_url = os.environ.get("REDIS_URL") or os.environ.get("CELERY_BROKER_URL")
    is_pg = _db_vendor() == "postgresql"
    has_chromium = Path(CHROMIUM).exists() or shutil.which("chromium") is not None
    for item in items:
        if "postgres" in item.keywords and not is_pg:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL (CI does)"))
        if "worker" in item.keywords and not (redis_url and is_pg):
            item.add_marker(
                pytest.mark.skip(
                    reason="needs Redis and PostgreSQL: set REDIS_URL and DATABASE_URL (CI does)"
                )
            )
        if "redis" in item.keywords and not os.environ.get("REDIS_URL"):
            item.add_marker(pytest.mark.skip(reason="needs Redis: set REDIS_URL (CI does)"))
        if "s3" in item.keywords and not os.environ.get("S3_TEST_ENDPOINT_URL"):
            item.add_marker(
                pytest.mark.skip(
                    reason="needs an S3-compatible server: set S3_TEST_ENDPOINT_URL "
                    "(.ci/run starts moto's server)"
                )
            )
        if "browser" in item.keywords and not has_chromium:
            item.add_marker(
                pytest.mark.skip(
                    reason="needs Chromium at /usr/bin/chromium (apt-get install chromium; CI does)"
                )
            )


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = terminalreporter.stats.get("skipped", [])
    if skipped:
        terminalreporter.write_sep(
            "=", f"SKIPPED {len(skipped)} test(s) — see the reasons above", yellow=True
        )
        if os.environ.get("DAK_FORBID_SKIPS") == "1":
            terminalreporter.write_line(
                "DAK_FORBID_SKIPS=1: a skipped test fails this run.", red=True
            )


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter and os.environ.get("DAK_FORBID_SKIPS") == "1" and reporter.stats.get("skipped"):
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _default_language():
    # A request with the English cookie leaves English active in the thread (Django's locale
    # middleware re-activates per request); tests that read lazy strings outside a request
    # must not depend on which test ran before them.
    yield
    from django.utils import translation

    translation.activate("id")


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Each test starts with an empty (per-process, in-memory) cache: counters such as the
    # per-address login failures must not carry over from earlier tests on 127.0.0.1.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _figures_renewed_at_once(monkeypatch):
    # CI's second pass runs the page and API tests with the figures cache on
    # (DAK_TEST_FIGURES_CACHE=1). A test's writes never commit (its transaction is rolled back),
    # so a bump waiting for the commit would never run: renew the figures at once instead.
    if os.environ.get("DAK_TEST_FIGURES_CACHE") == "1":
        from dakmonev import figures_version

        monkeypatch.setattr(figures_version, "bump", figures_version.bump_now)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def s3_storage(settings):
    """The default file storage on a fresh bucket of the S3-compatible server (moto in CI)."""
    import boto3

    from dakmonev.settings.base import file_storage

    bucket = f"dak-test-{uuid.uuid4().hex[:12]}"
    endpoint = os.environ["S3_TEST_ENDPOINT_URL"]
    credentials = {"aws_access_key_id": "uji", "aws_secret_access_key": "uji-rahasia"}
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **credentials)
    client.create_bucket(Bucket=bucket)
    storage = file_storage(bucket)
    storage["OPTIONS"].update(
        endpoint_url=endpoint,
        region_name="us-east-1",
        access_key=credentials["aws_access_key_id"],
        secret_key=credentials["aws_secret_access_key"],
    )
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    settings.MEDIA_ROOT = "/nonexistent-media-root"  # nothing may land on the local disk
    yield client, bucket
    for item in client.list_objects_v2(Bucket=bucket).get("Contents", []):
        client.delete_object(Bucket=bucket, Key=item["Key"])
    client.delete_bucket(Bucket=bucket)


@pytest.fixture
def reference_data(db):
    from allocations.services.reference import reference_data_load

    return reference_data_load()


@pytest.fixture
def celery_worker_process(live_server_db_url):
    """A real `celery worker` process on Redis, using the test database; yields its queue name."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": live_server_db_url,
        "DJANGO_SETTINGS_MODULE": "dakmonev.settings.test",
        "PYTHONUNBUFFERED": "1",
    }
    log = ROOT / "var" / f"worker-{queue}.log"
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
    while time.time() < deadline and b"ready." not in log.read_bytes():
        if proc.poll() is not None:
            pytest.fail(f"celery worker exited: {log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.2)
    try:
        yield {"queue": queue, "process": proc, "log": log}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def live_server_db_url(transactional_db):
    """DATABASE_URL of the test database, for processes started by a test."""
    from django.db import connection

    s = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    host = s.get("HOST") or ""
    port = s.get("PORT") or "5432"
    user = s.get("USER") or ""
    password = s.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    if not host:  # local socket
        return f"postgres://{auth}/{s['NAME']}"
    return f"postgres://{auth}{host}:{port}/{s['NAME']}"


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.2):
    """Poll until predicate() is truthy; returns its value or fails the test."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"condition not met within {timeout}s")
