"""Notifications: pages (own only, mark as read), emails sent once even after a crash or failure."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from accounts.roles import Role
from notifications.models import Notification
from notifications.services import notifications_send_emails
from realisasi.models import Alert, AlertKind
from realisasi.services.alerts import _alert_upsert, check_overdue
from tests import factories
from tests.factories import make_user

pytestmark = pytest.mark.django_db
M = 1_000_000


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise OSError("SMTP server unreachable")


@pytest.fixture
def two_regions():
    factories.fiscal_year(2026)
    a, b = factories.region("32.04"), factories.region("35.07")
    factories.allocation_with_lines(a, 2026, [100 * M])
    factories.allocation_with_lines(b, 2026, [100 * M])
    return {
        "dinas_a": make_user(Role.DINAS, region=a, email="a@example.go.id"),
        "dinas_b": make_user(Role.DINAS, region=b, email="b@example.go.id"),
        "a": a,
        "b": b,
    }


def _login(client, user):
    client.force_login(user)


def test_alert_list_is_scoped_to_the_users_region(client, two_regions):
    check_overdue(as_of=dt.date(2026, 4, 20))
    _login(client, two_regions["dinas_a"])
    page = client.get(reverse("realisasi:alert_list")).content.decode()
    assert 'data-alert="TERLAMBAT:32.04:1"' in page and "35.07" not in page
    _login(client, make_user(Role.PIMPINAN))
    page = client.get(
        reverse("realisasi:alert_list"), {"status": "all", "ta": "2026"}
    ).content.decode()
    assert 'data-alert="TERLAMBAT:32.04:1"' in page and 'data-alert="TERLAMBAT:35.07:1"' in page


def test_notifications_page_lists_own_and_marks_read(client, two_regions):
    check_overdue(as_of=dt.date(2026, 4, 20))
    mine = Notification.objects.filter(user=two_regions["dinas_a"]).first()
    theirs = Notification.objects.filter(user=two_regions["dinas_b"]).first()
    _login(client, two_regions["dinas_a"])
    page = client.get(reverse("notifications:list")).content.decode()
    assert (
        f'data-notification="{mine.pk}"' in page and f'data-notification="{theirs.pk}"' not in page
    )
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("notifications:read", args=[mine.pk]))
    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(
        user=two_regions["dinas_a"], read_at__isnull=True
    ).exists()


def test_pages_need_login(client):
    assert client.get(reverse("notifications:list")).status_code == 302
    assert client.get(reverse("realisasi:alert_list")).status_code == 302


def test_pending_email_of_an_interrupted_run_is_sent_once_later(two_regions):
    fy = factories.fiscal_year(2026)
    # A worker killed after committing the alert and its notification but before emailing:
    _alert_upsert(
        kind=AlertKind.OVERDUE,
        region=two_regions["a"],
        fiscal_year=fy,
        quarter=1,
        subject_key="",
        title="Terlambat",
        message="…",
        url="",
        notify_users=[two_regions["dinas_a"]],
        due_date=dt.date(2026, 4, 14),
    )
    assert len(mail.outbox) == 0
    check_overdue(as_of=dt.date(2026, 4, 20))
    check_overdue(as_of=dt.date(2026, 4, 20))
    to_a = [m for m in mail.outbox if m.to == ["a@example.go.id"]]
    assert (
        len(to_a) == 1
        and Alert.objects.filter(region=two_regions["a"], kind=AlertKind.OVERDUE).count() == 1
    )


def test_failed_email_stays_pending_and_is_retried(two_regions, settings):
    settings.EMAIL_BACKEND = "tests.realisasi.test_notifications.FailingBackend"
    run = check_overdue(as_of=dt.date(2026, 4, 20))
    assert run.emails == 0 and Notification.objects.filter(emailed_at__isnull=True).count() == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notifications_send_emails() == 2
    assert notifications_send_emails() == 0
    assert len(mail.outbox) == 2


def test_no_email_for_resolved_alerts_or_users_without_address(two_regions):
    make_user(Role.DINAS, region=two_regions["a"], email="")
    check_overdue(as_of=dt.date(2026, 4, 20))
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.go.id", "b@example.go.id"]
    assert Notification.objects.count() == 3  # the address-less user still sees it in the app
