"""Concurrency on PostgreSQL and the real Celery worker: no duplicate alert, notification or email."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection

from accounts.roles import Role
from notifications.models import Notification
from realisasi.models import AbsorptionSnapshot, Alert, AlertKind, SnapshotScope, alert_event_key
from realisasi.services.alerts import alert_raise, check_overdue
from tests import factories
from tests.conftest import wait_for
from tests.factories import make_user

M = 1_000_000


@pytest.fixture
def overdue_region(transactional_db):
    factories.fiscal_year(2026)
    a = factories.region("32.04")
    _, acts = factories.allocation_with_lines(a, 2026, [100 * M])
    factories.report(a, 2026, 1, [(acts[0], 10 * M, 10)])
    user = make_user(Role.DINAS, region=a, email="dinas@example.go.id")
    return a, user


def _race(target, n: int = 2) -> list:
    barrier, results, errors = threading.Barrier(n), [], []

    def run():
        try:
            barrier.wait()
            results.append(target())
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    return results


@pytest.mark.postgres
def test_two_simultaneous_runs_make_one_alert_one_notification_one_email(overdue_region):
    region, user = overdue_region
    for _ in range(3):  # several rounds make an interleaving more likely
        _race(lambda: check_overdue(as_of=dt.date(2026, 7, 20)))
    alerts = Alert.objects.filter(region=region, kind=AlertKind.OVERDUE, quarter=2)
    assert alerts.count() == 1
    assert (
        Notification.objects.filter(user=user, event_key=alert_event_key(alerts.get().pk)).count()
        == 1
    )
    assert (
        Notification.objects.count() == 1
    )  # Q1 reported, Q2 overdue, no ditjen user for escalation
    assert len(mail.outbox) == 1


@pytest.mark.postgres
def test_concurrent_alert_raise_creates_once(overdue_region):
    region, user = overdue_region
    results = _race(
        lambda: alert_raise(
            kind=AlertKind.FOLLOWUP_OVERDUE,
            region=region,
            fiscal_year=2026,
            subject_key="finding:7",
            title="Tindak lanjut terlambat",
            message="…",
            notify_users=[user],
        ),
        n=4,
    )
    assert len({alert.pk for alert, _ in results}) == 1
    assert sum(created for _, created in results) == 1
    assert Notification.objects.filter(user=user).count() == 1 and len(mail.outbox) == 1


@pytest.mark.worker
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
def test_worker_runs_check_overdue_and_recompute(overdue_region, celery_worker_process):
    from dakmonev.celery import app

    region, _ = overdue_region
    queue = celery_worker_process["queue"]
    app.send_task("realisasi.tasks.check_overdue_task", kwargs={"as_of": "2026-07-20"}, queue=queue)
    wait_for(
        lambda: Alert.objects.filter(region=region, kind=AlertKind.OVERDUE, quarter=2).exists(),
        timeout=60,
    )
    # a second delivery of the same job changes nothing
    app.send_task("realisasi.tasks.check_overdue_task", kwargs={"as_of": "2026-07-20"}, queue=queue)
    app.send_task("realisasi.tasks.recompute_absorption_task", kwargs={"year": 2026}, queue=queue)
    snap = wait_for(
        lambda: AbsorptionSnapshot.objects.filter(scope=SnapshotScope.NATION, quarter=4).first(),
        timeout=60,
    )
    assert snap.financial_realisation == 10 * M and snap.absorption == 10
    assert Alert.objects.filter(region=region).count() == 1
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 1
