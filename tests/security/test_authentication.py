"""Log-in hardening: lock-out per username+IP with cool-off, deactivation, idle timeout, passwords."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from tests.factories import PASSWORD, RegionFactory, make_user

pytestmark = pytest.mark.django_db


def login(client, username, password, ip):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


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


def test_session_has_an_idle_timeout():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


@pytest.mark.parametrize("weak", ["12345678901", "password123", "pendek"])
def test_password_validators_refuse_weak_passwords(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)
