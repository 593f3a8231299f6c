"""Token login (through django-axes), knox tokens (hashed, expiring, dying with the password),
session auth, deactivation, the token throttle and the per-address failure limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from knox.crypto import hash_token
from knox.models import AuthToken
from rest_framework.test import APIClient

from accounts.roles import Role
from dakmonev.api.throttles import TokenObtainThrottle
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db
URL = "/api/v1/auth/token/"


@pytest.fixture
def user(db):
    return make_user(Role.DITJEN, username="operator")


def _login(password=PASSWORD, username="operator", **extra):
    return APIClient().post(
        URL, {"username": username, "password": password}, format="json", **extra
    )


def test_username_and_password_give_a_new_token_shown_once_and_stored_hashed(user):
    response = _login()
    assert response.status_code == 200
    token = response.json()["token"]
    assert token.startswith("dak_") and len(token) > 40
    stored = AuthToken.objects.get(user=user)
    # Only a digest and a short key are kept: nobody can read the token back from the database.
    assert token not in (stored.digest, stored.token_key) and token.startswith(stored.token_key)
    assert stored.digest == hash_token(token)
    second = _login().json()["token"]
    assert second != token and AuthToken.objects.filter(user=user).count() == 2


def test_tokens_expire_people_sooner_than_system_accounts(user, settings):
    person = _login().json()
    system = make_user(Role.API, username="sistem")
    machine = _login(username="sistem").json()
    now = timezone.now()
    assert abs(parse_datetime(person["expiry"]) - (now + settings.API_TOKEN_TTL)) < timedelta(
        minutes=1
    )
    assert abs(
        parse_datetime(machine["expiry"]) - (now + settings.API_SYSTEM_TOKEN_TTL)
    ) < timedelta(minutes=1)
    assert settings.API_SYSTEM_TOKEN_TTL > settings.API_TOKEN_TTL
    AuthToken.objects.filter(user=system).update(expiry=now - timedelta(seconds=1))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {machine['token']}")
    assert client.get("/api/v1/regions/").status_code == 401


def test_a_password_change_ends_every_token(user):
    keys = [_login().json()["token"] for _ in range(2)]
    user.set_password("Kata-Sandi-Baru-2026")
    user.save()
    for key in keys:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        assert client.get("/api/v1/regions/").status_code == 401
    assert not AuthToken.objects.filter(user=user).exists()


def test_a_password_hash_upgrade_at_login_is_not_a_password_change(user, settings):
    key = _login().json()["token"]
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    assert _login().status_code == 200  # upgrades the MD5 hash to PBKDF2
    user.refresh_from_db()
    assert user.password.startswith("pbkdf2_")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/regions/").status_code == 200


def test_tokens_per_account_are_limited(user, settings):
    settings.API_TOKENS_PER_USER = 2
    assert [_login().status_code for _ in range(3)] == [200, 200, 400]
    assert _login().json()["error"]["code"] == "too_many_tokens"


def test_the_token_opens_the_api(user):
    key = _login().json()["token"]
    client = APIClient()
    assert client.get("/api/v1/regions/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/regions/").status_code == 200


def test_wrong_password_and_unknown_user_are_refused_alike(user):
    for response in (_login("salah-sekali"), _login(username="tidak-ada")):
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_credentials"
    assert "token" not in _login("salah-sekali").json()


def test_missing_fields_are_a_400_with_field_details(user):
    response = APIClient().post(URL, {"username": "operator"}, format="json")
    assert response.status_code == 400
    body = response.json()["error"]
    assert (
        body["code"] == "invalid" and body["field"] == "password" and "password" in body["details"]
    )


def test_inactive_user_gets_no_token(user):
    user.is_active = False
    user.save()
    assert _login().status_code == 400
    assert not AuthToken.objects.filter(user=user).exists()


def test_deactivated_users_token_stops_working_at_once(user):
    key = _login().json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/regions/").status_code == 200
    user.is_active = False
    user.save()
    response = client.get("/api/v1/regions/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert response["WWW-Authenticate"] == "Token"
    assert not AuthToken.objects.filter(user=user).exists()


def test_bad_token_is_401(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    response = client.get("/api/v1/regions/")
    assert (
        response.status_code == 401 and response.json()["error"]["code"] == "authentication_failed"
    )


def test_session_login_works_for_the_browser(user):
    client = APIClient()
    client.force_login(user)  # as after the login page (which goes through axes with its request)
    assert client.get("/api/v1/regions/").status_code == 200


def test_axes_counts_api_failures_and_locks_the_username(user, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        assert _login("salah-sekali").status_code == 400
    locked = _login("salah-sekali")
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "locked_out"
    assert AccessAttempt.objects.filter(username="operator").get().failures_since_start >= 3
    # Even the right password is refused while locked out.
    right = _login()
    assert right.status_code == 429 and "token" not in right.json()


def test_token_endpoint_is_throttled_per_client(user, monkeypatch):
    monkeypatch.setattr(TokenObtainThrottle, "THROTTLE_RATES", {"token": "3/minute"})
    codes = [_login().status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = _login()
    assert response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


def test_a_forged_forwarded_for_header_does_not_reset_the_throttle(user, monkeypatch):
    # Hole: with no NUM_PROXIES DRF took X-Forwarded-For as the client, so each new value got a
    # fresh budget. With TRUSTED_PROXY_COUNT=0 the header is ignored.
    monkeypatch.setattr(TokenObtainThrottle, "THROTTLE_RATES", {"token": "3/minute"})
    codes = [_login(HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(5)]
    assert codes == [200, 200, 200, 429, 429]


def test_behind_one_trusted_proxy_the_proxys_view_of_the_client_counts(user, settings, monkeypatch):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    monkeypatch.setattr(TokenObtainThrottle, "THROTTLE_RATES", {"token": "2/minute"})
    # The client may prepend anything; the last hop (written by our proxy) is what counts.
    spoofed = [
        _login(HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, 198.51.100.7").status_code for n in range(3)
    ]
    assert spoofed == [200, 200, 429]
    assert _login(HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 200


def test_one_address_cannot_spray_passwords_over_many_usernames(user, settings):
    # Hole: axes locks username+address pairs only, so one address could try one password on
    # every predictable dinas.* name. Failures are now counted per address as well.
    settings.LOGIN_FAILURES_PER_ADDRESS = 5
    for n in range(5):
        assert _login("Tebakan-2026", username=f"dinas.daerah{n}").status_code == 400
    refused = _login("Tebakan-2026", username="dinas.daerah99")
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "address_limited"
    assert _login(REMOTE_ADDR="198.51.100.20").status_code == 200  # another address is unaffected
    # No password is tried from the limited address while the window lasts, right or wrong.
    assert _login().status_code == 429
