"""Overdue follow-up alerts through realisasi's alert mechanism: raised once, resolved when settled."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from monev import services
from monev.choices import FollowUpStatus
from monev.services.alerts import check_overdue_followups
from notifications.models import Notification
from realisasi.models import Alert, AlertKind, alert_event_key
from tests.conftest import wait_for

pytestmark = pytest.mark.django_db
LATE = dt.date(2025, 1, 10)  # the world's findings are due 31 December 2024


def _open():
    return Alert.objects.open().filter(kind=AlertKind.FOLLOWUP_OVERDUE)


def test_overdue_follow_ups_raise_one_alert_each_and_notify_the_region(world):
    assert check_overdue_followups(dt.date(2024, 12, 31)).raised == 0  # due today is not late
    run = check_overdue_followups(LATE)
    assert run.raised == 2
    alert = _open().get(region=world.a)
    assert alert.subject_key == f"finding:{world.finding_a.pk}" and alert.quarter == 0
    assert alert.url == f"/monev/temuan/{world.finding_a.pk}/" and alert.due_date == dt.date(
        2024, 12, 31
    )
    assert set(
        Notification.objects.filter(event_key=alert_event_key(alert.pk)).values_list(
            "user__username", flat=True
        )
    ) == {"dinas_a", "inspektur1"}
    # Running again changes nothing.
    again = check_overdue_followups(LATE)
    assert (again.raised, again.resolved, _open().count(), Notification.objects.count()) == (
        0,
        0,
        2,
        4,
    )


def test_alert_resolves_when_the_follow_up_is_assessed_done_and_by_the_daily_check(world):
    check_overdue_followups(LATE)
    fu = services.followup_submit(
        actor=world.dinas_a, finding=world.finding_a, description="x", date=LATE
    )
    services.followup_assess(actor=world.inspector, followup=fu, status=FollowUpStatus.SELESAI)
    assert list(_open().values_list("region__code", flat=True)) == ["96.71"]
    # The due date of the other finding is moved by the inspector; the daily check resolves it.
    type(world.finding_b).objects.filter(pk=world.finding_b.pk).update(due_date=dt.date(2025, 3, 1))
    assert check_overdue_followups(LATE).resolved == 1
    assert _open().count() == 0


def test_alert_is_reopened_when_a_finding_becomes_overdue_again(world):
    check_overdue_followups(LATE)
    fu = services.followup_submit(
        actor=world.dinas_a, finding=world.finding_a, description="x", date=LATE
    )
    services.followup_assess(actor=world.inspector, followup=fu, status=FollowUpStatus.SELESAI)
    fu2 = services.followup_submit(
        actor=world.dinas_a, finding=world.finding_a, description="y", date=LATE
    )
    services.followup_assess(
        actor=world.inspector, followup=fu2, status=FollowUpStatus.PROSES, note="ternyata belum"
    )
    check_overdue_followups(LATE)
    assert _open().filter(region=world.a).count() == 1
    assert Alert.objects.filter(kind=AlertKind.FOLLOWUP_OVERDUE, region=world.a).count() == 1


def test_command_and_task_use_the_same_service(world, capsys):
    from monev.tasks import check_overdue_followups_task

    call_command("check_overdue_followups", "--as-of", "2025-01-10")
    assert "baru/dibuka lagi: 2" in capsys.readouterr().out
    assert check_overdue_followups_task.delay("2025-01-10").get() == {
        "raised": 0,
        "resolved": 0,
        "open": 2,
    }


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_runs_the_beat_task(celery_worker_process, world):
    from dakmonev.celery import app

    app.send_task(
        "monev.tasks.check_overdue_followups_task",
        args=["2025-01-10"],
        queue=celery_worker_process["queue"],
    )
    wait_for(lambda: _open().count() == 2, timeout=60)
