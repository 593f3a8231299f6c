"""Log-in hardening: lock-out per username+IP with cool-off, deactivation, idle timeout, passwords."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from tests.factories import PASSWORD, RegionFactory, make_user

pytestmark = pytest.mark.django_db


def login(client, username, password, ip):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_repeated_failures_lock_that_username_from_that_address_only(client):
    region = RegionFactory()
    make_user(Role.DINAS, region=region, username="op.a")
    make_user(Role.DINAS, region=region, username="op.b")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "op.a", "salah-sekali", "10.0.0.1")
    locked = login(client, "op.a", PASSWORD, "10.0.0.1")
    assert locked.status_code == 429
    assert "dikunci sementara" in locked.content.decode()
    # Same office address, another colleague: not locked out.
    assert login(client, "op.b", PASSWORD, "10.0.0.1").status_code == 302
    client.logout()
    # The same person from another address: not locked out.
    assert login(client, "op.a", PASSWORD, "10.0.0.2").status_code == 302


def test_deactivated_users_session_stops_at_once(client):
    user = make_user(Role.PIMPINAN, username="boss")
    client.force_login(user)
    assert client.get(reverse("profile")).status_code == 200
    user.is_active = False
    user.save()
    response = client.get(reverse("profile"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


class _Clock:
    """Moves the clocks sessions read (time.time for the cache and the refresh mark, timezone.now
    for the database expiry) forward, so an hour of idleness takes no real time."""

    def __init__(self, monkeypatch):
        import time as time_module

        from django.utils import timezone

        self.offset = 0.0
        real_time, real_now = time_module.time, timezone.now
        monkeypatch.setattr(time_module, "time", lambda: real_time() + self.offset)
        monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(seconds=self.offset))

    def advance(self, seconds: float) -> None:
        self.offset += seconds


def _signed_in(client) -> bool:
    return client.get(reverse("profile")).status_code == 200


def test_session_idle_longer_than_the_timeout_is_logged_out(client, monkeypatch):
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    client.force_login(make_user(Role.PIMPINAN))
    clock = _Clock(monkeypatch)
    assert _signed_in(client)
    clock.advance(settings.SESSION_COOKIE_AGE + 1)
    assert not _signed_in(client)


def test_active_session_is_kept_past_the_timeout(client, monkeypatch):
    client.force_login(make_user(Role.PIMPINAN))
    clock = _Clock(monkeypatch)
    step = settings.SESSION_COOKIE_AGE / 4
    for _ in range(12):  # three timeouts' worth of activity, a request every quarter timeout
        clock.advance(step)
        assert _signed_in(client)
    clock.advance(settings.SESSION_COOKIE_AGE + 1)
    assert not _signed_in(client)


def test_a_log_in_stamps_the_session_so_the_next_page_does_not_save_it_again(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_user(Role.PIMPINAN, username="pimpinan.uji")
    assert login(client, "pimpinan.uji", PASSWORD, "10.0.0.9").status_code == 302
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("profile")).status_code == 200
    writes = [q["sql"] for q in queries if "django_session" in q["sql"]]
    assert writes == []  # the session is read from the cache and not re-saved


@pytest.mark.parametrize("weak", ["12345678901", "password123", "pendek"])
def test_password_validators_refuse_weak_passwords(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)
