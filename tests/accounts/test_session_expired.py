"""The login page says when a session ended by itself (idle timeout), not after logging out."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db

EXPIRED = "Sesi Anda telah berakhir"


def _login(client):
    user = make_user(Role.DITJEN, username="ditjen1")
    user.set_password("Rahasia-123!")
    user.save()
    response = client.post(reverse("login"), {"username": "ditjen1", "password": "Rahasia-123!"})
    assert response.status_code == 302
    return user


def test_an_expired_session_is_named_on_the_login_page(client, settings):
    assert EXPIRED not in client.get(reverse("login")).content.decode()
    _login(client)
    # The idle timeout: the server forgets the session and the browser drops its cookie.
    client.session.flush()
    client.cookies.pop(settings.SESSION_COOKIE_NAME, None)
    response = client.get(reverse("realisasi:report_list"), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith(reverse("login") + "?next=")
    assert EXPIRED in page and "60 menit" in page


def test_logging_out_is_not_an_expired_session(client):
    _login(client)
    client.post(reverse("logout"))
    assert EXPIRED not in client.get(reverse("login")).content.decode()
