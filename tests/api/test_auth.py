"""Token login (through django-axes), token and session auth, deactivation, the token throttle."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from rest_framework.authtoken.models import Token
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


def test_username_and_password_give_the_accounts_token(user):
    response = _login()
    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=user).key}
    assert _login().json()["token"] == response.json()["token"]  # one token per account


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
    assert not Token.objects.filter(user=user).exists()


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
