"""On the real Celery worker and Redis: each event's e-mails are sent once, however often the
e-mail task runs (a redelivered or repeated message sends nothing twice)."""

from __future__ import annotations

import email
import email.header
from pathlib import Path

import pytest
from django.db import transaction

from notifications import tasks
from notifications.models import Notification, NotificationKind
from realisasi.services.imports import report_import
from realisasi.services.reports import report_return, report_submit, report_verify
from tests.conftest import wait_for
from tests.realisasi.report_fixtures import RK, fixture_bytes

TASK = "notifications.tasks.send_notification_emails_task"


@pytest.fixture
def mail_dir(tmp_path, monkeypatch):
    """The worker process writes each e-mail to a file here (file backend)."""
    monkeypatch.setenv("DAK_TEST_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    monkeypatch.setenv("DAK_TEST_EMAIL_FILE_PATH", str(tmp_path))
    return tmp_path


def _messages(folder: Path) -> list[tuple[str, str]]:
    """(recipient, subject) of every e-mail in the backend's files (several may share one file)."""
    found = []
    for path in folder.glob("*.log"):
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                msg = email.message_from_string(chunk.strip())
                found.append(
                    (
                        msg["To"],
                        str(email.header.make_header(email.header.decode_header(msg["Subject"]))),
                    )
                )
    return found


@pytest.mark.worker
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
@pytest.mark.django_db(transaction=True)
def test_one_email_per_event_on_the_worker_none_twice(mail_dir, celery_worker_process, monkeypatch):
    from dakmonev.celery import app

    queue = celery_worker_process["queue"]
    # The services queue the e-mail task after commit; here it goes to the real worker.
    monkeypatch.setattr(
        tasks.send_notification_emails_task,
        "delay",
        lambda key: app.send_task(TASK, args=[key], queue=queue),
    )
    rk = RK()
    rk.dinas.email = "dinas@example.go.id"
    rk.dinas.save()
    first = report_import(
        actor=rk.dinas, name="valid.xlsx", data=fixture_bytes("valid.xlsx")
    ).report
    with transaction.atomic():
        report_submit(actor=rk.dinas, report=first)
    with transaction.atomic():
        report_verify(actor=rk.ditjen, report=first, note="Lengkap")
    with transaction.atomic():
        report_return(actor=rk.ditjen, report=first, reason="Foto RK-02 tertukar")
    events = list(Notification.objects.order_by("pk").values_list("event_key", flat=True))
    assert len(events) == 2  # verified, returned (to the one dinas user)
    wait_for(lambda: not Notification.objects.filter(emailed_at__isnull=True).exists(), timeout=60)
    # The same task again, twice per event, then a marker event: the worker handles its queue in
    # order, so once the marker's e-mail is out every repeat has run.
    for key in events * 2:
        app.send_task(TASK, args=[key], queue=queue)
    app.send_task(TASK, args=[None], queue=queue)  # the sweep of everything pending, too
    with transaction.atomic():
        from notifications.services import notify

        notify(kind=NotificationKind.ALERT, event_key="marker", users=[rk.dinas], title="Penanda")
    wait_for(
        lambda: Notification.objects.filter(event_key="marker", emailed_at__isnull=False).exists(),
        timeout=60,
    )
    sent = _messages(mail_dir)
    assert sorted(subject for _to, subject in sent) == sorted(
        Notification.objects.values_list("title", flat=True)
    )
    assert len(sent) == 3 and {to for to, _s in sent} == {"dinas@example.go.id"}
