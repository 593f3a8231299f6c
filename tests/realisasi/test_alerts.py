"""Overdue-report alerts: deadlines, time zones, idempotence and self-resolution."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.roles import Role
from allocations.choices import DeadlineRule
from allocations.models import QuarterDeadline
from notifications.models import Notification
from realisasi.choices import ReportStatus
from realisasi.models import Alert, AlertKind
from realisasi.services.alerts import alert_raise, alert_resolve, check_overdue
from tests import factories
from tests.factories import make_user

pytestmark = pytest.mark.django_db
M = 1_000_000
UTC = dt.UTC


@pytest.fixture
def setup():
    """TA 2026 (deadlines 14 Apr, 14 Jul, 14 Oct, 14 Jan; reminder 5 days; escalation 14 days)."""
    fy = factories.fiscal_year(
        2026,
        deadline_rule=DeadlineRule.HARI_KALENDER,
        report_deadline_days=14,
        reminder_days_before=5,
        escalation_days_after=14,
    )
    a = factories.region("32.04")
    _, acts = factories.allocation_with_lines(a, 2026, [100 * M])
    factories.report(a, 2026, 1, [(acts[0], 10 * M, 10)], status=ReportStatus.VERIFIED)
    dinas = make_user(Role.DINAS, region=a, email="dinas@example.go.id")
    ditjen = make_user(Role.DITJEN, email="ditjen@example.go.id")
    return {"fy": fy, "a": a, "acts": acts, "dinas": dinas, "ditjen": ditjen}


def _alerts():
    return sorted(Alert.objects.open().values_list("kind", "region__code", "quarter"))


def test_overdue_and_escalation_raised_once_and_emailed_once(setup):
    check_overdue(as_of=dt.date(2026, 10, 20))
    expected = [
        (AlertKind.ESCALATION, "32.04", 2),
        (AlertKind.OVERDUE, "32.04", 2),
        (AlertKind.OVERDUE, "32.04", 3),
    ]
    assert _alerts() == expected
    assert sorted(mail.outbox[i].to[0] for i in range(len(mail.outbox))) == [
        "dinas@example.go.id",
        "dinas@example.go.id",
        "ditjen@example.go.id",
    ]
    # dinas hears about overdue reports, ditjen about escalations
    assert setup["dinas"].notifications.count() == 2 and setup["ditjen"].notifications.count() == 1

    again = check_overdue(as_of=dt.date(2026, 10, 20))
    assert again.raised == 0 and again.emails == 0
    assert _alerts() == expected
    assert Notification.objects.count() == 3 and len(mail.outbox) == 3
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_reminder_window_and_overdue_from_the_day_after(setup):
    check_overdue(as_of=dt.date(2026, 10, 8))
    assert (AlertKind.REMINDER, "32.04", 3) not in _alerts()
    check_overdue(as_of=dt.date(2026, 10, 9))
    assert (AlertKind.REMINDER, "32.04", 3) in _alerts()
    check_overdue(as_of=dt.date(2026, 10, 14))
    assert (AlertKind.OVERDUE, "32.04", 3) not in _alerts()  # the deadline day itself is on time
    check_overdue(as_of=dt.date(2026, 10, 15))
    assert (AlertKind.OVERDUE, "32.04", 3) in _alerts()


def test_escalation_after_the_configured_days(setup):
    check_overdue(as_of=dt.date(2026, 10, 28))  # 14 days after 14 Oct
    assert (AlertKind.ESCALATION, "32.04", 3) not in _alerts()
    check_overdue(as_of=dt.date(2026, 10, 29))
    assert (AlertKind.ESCALATION, "32.04", 3) in _alerts()


def test_deadline_override_moves_the_alert(setup):
    QuarterDeadline.objects.create(
        fiscal_year=setup["fy"], quarter=3, deadline=dt.date(2026, 10, 31)
    )
    check_overdue(as_of=dt.date(2026, 10, 20))
    assert (AlertKind.OVERDUE, "32.04", 3) not in _alerts()
    check_overdue(as_of=dt.date(2026, 11, 1))
    assert (AlertKind.OVERDUE, "32.04", 3) in _alerts()


def test_wit_region_is_overdue_earlier_in_utc_than_wib(setup):
    wit = factories.region("91.71", tz="Asia/Jayapura")
    factories.allocation_with_lines(wit, 2026, [100 * M])
    # 16:30 UTC on 14 Oct: already 15 Oct 01:30 in Jayapura, still 14 Oct 23:30 in Jakarta.
    check_overdue(at=dt.datetime(2026, 10, 14, 16, 30, tzinfo=UTC))
    overdue_q3 = {code for kind, code, q in _alerts() if kind == AlertKind.OVERDUE and q == 3}
    assert overdue_q3 == {"91.71"}
    check_overdue(at=dt.datetime(2026, 10, 14, 17, 30, tzinfo=UTC))  # 00:30 on 15 Oct in Jakarta
    overdue_q3 = {code for kind, code, q in _alerts() if kind == AlertKind.OVERDUE and q == 3}
    assert overdue_q3 == {"32.04", "91.71"}


def test_counted_report_resolves_its_alerts_on_the_next_run(setup):
    check_overdue(as_of=dt.date(2026, 10, 20))
    factories.report(
        setup["a"], 2026, 3, [(setup["acts"][0], 50 * M, 50)], status=ReportStatus.DRAFT
    )
    assert check_overdue(as_of=dt.date(2026, 10, 20)).resolved == 0  # a draft does not count
    factories.report(
        setup["a"], 2026, 3, [(setup["acts"][0], 50 * M, 50)], status=ReportStatus.SUBMITTED
    )
    run = check_overdue(as_of=dt.date(2026, 10, 21))
    assert run.resolved == 1
    assert _alerts() == [(AlertKind.ESCALATION, "32.04", 2), (AlertKind.OVERDUE, "32.04", 2)]


def test_a_verification_keeps_the_quarters_alerts_resolved(setup):
    from realisasi.services.reports import report_verify
    from tests.factories import ditjen

    check_overdue(as_of=dt.date(2026, 10, 20))
    report = factories.report(
        setup["a"], 2026, 2, [(setup["acts"][0], 40 * M, 40)], status=ReportStatus.SUBMITTED
    )
    report_verify(actor=ditjen(), report=report)  # resolves in the service's own transaction
    assert _alerts() == [(AlertKind.OVERDUE, "32.04", 3)]


def test_returned_report_after_deadline_reopens_the_alert_without_new_email(setup):
    check_overdue(as_of=dt.date(2026, 10, 20))
    report = factories.report(
        setup["a"], 2026, 3, [(setup["acts"][0], 50 * M, 50)], status=ReportStatus.SUBMITTED
    )
    check_overdue(as_of=dt.date(2026, 10, 21))
    assert (AlertKind.OVERDUE, "32.04", 3) not in _alerts()
    report.status = ReportStatus.RETURNED
    report.save()
    sent = len(mail.outbox)
    check_overdue(as_of=dt.date(2026, 10, 22))
    assert (AlertKind.OVERDUE, "32.04", 3) in _alerts()
    assert Alert.objects.filter(kind=AlertKind.OVERDUE, quarter=3).count() == 1
    assert len(mail.outbox) == sent


def test_only_current_and_previous_fiscal_years_are_checked(setup):
    old = factories.region("32.05")
    factories.allocation_with_lines(old, 2023, [100 * M])
    check_overdue(as_of=dt.date(2026, 10, 20))
    assert not Alert.objects.filter(region=old).exists()


def test_command_runs_the_same_service(setup, capsys):
    call_command("check_overdue", "--as-of", "2026-10-20")
    assert "Peringatan baru: 3" in capsys.readouterr().out
    call_command("check_overdue", "--as-of", "2026-10-20")
    assert "Peringatan baru: 0" in capsys.readouterr().out
    assert len(mail.outbox) == 3


def test_task_runs_the_same_service(setup):
    from realisasi.tasks import check_overdue_task

    result = check_overdue_task.delay(as_of="2026-10-20").get()
    assert result["raised"] == 3 and result["open"] == 3


def test_followup_alert_for_monev_is_unique_per_subject(setup):
    kwargs = {
        "kind": AlertKind.FOLLOWUP_OVERDUE,
        "region": setup["a"],
        "fiscal_year": 2026,
        "subject_key": "finding:123",
        "title": "Tindak lanjut temuan terlambat",
        "message": "…",
        "notify_users": [setup["dinas"]],
    }
    first, created = alert_raise(**kwargs)
    again, created_again = alert_raise(**kwargs)
    other, _ = alert_raise(**{**kwargs, "subject_key": "finding:124"})
    assert created and not created_again and first.pk == again.pk != other.pk
    assert first.quarter == 0 and setup["dinas"].notifications.count() == 2
    assert (
        alert_resolve(
            kind=AlertKind.FOLLOWUP_OVERDUE,
            region=setup["a"],
            fiscal_year=2026,
            subject_key="finding:123",
        )
        == 1
    )
    assert not Alert.objects.get(pk=first.pk).is_open and Alert.objects.get(pk=other.pk).is_open


def test_submitting_through_the_report_workflow_resolves_and_refreshes(
    setup, django_capture_on_commit_callbacks
):
    from realisasi.models import AbsorptionSnapshot, SnapshotScope
    from realisasi.services.reports import report_submit

    check_overdue(as_of=dt.date(2026, 10, 20))
    draft = factories.report(
        setup["a"], 2026, 3, [(setup["acts"][0], 60 * M, 55)], status=ReportStatus.DRAFT
    )
    with django_capture_on_commit_callbacks(execute=True):
        report_submit(actor=setup["dinas"], report=draft)
    assert (AlertKind.OVERDUE, "32.04", 3) not in _alerts()
    snap = AbsorptionSnapshot.objects.get(
        scope=SnapshotScope.NATION, fiscal_year__year=2026, quarter=4
    )
    assert snap.financial_realisation == 60 * M and snap.absorption == 60
