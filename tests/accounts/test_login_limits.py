"""Password spraying from one address is limited on the login page and the admin's login;
axes' username+address lockout still spares the other clerks of one office behind NAT."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db
LIMITED = "Terlalu banyak percobaan masuk yang gagal dari alamat jaringan ini"


def _login(client, username, password="Tebakan-2026", url="/akun/masuk/", **extra):  # noqa: S107
    return client.post(url, {"username": username, "password": password}, **extra)


@pytest.mark.parametrize("url", ["/akun/masuk/", "/admin/login/"])
def test_one_address_trying_many_usernames_is_stopped(client, settings, url):
    settings.LOGIN_FAILURES_PER_ADDRESS = 4
    make_user(Role.DITJEN, username="staf")
    for n in range(4):
        page = _login(client, f"dinas.daerah{n}", url=url).content.decode()
        assert LIMITED not in page
    page = _login(client, "staf", PASSWORD, url=url)
    assert page.status_code == 200 and LIMITED in page.content.decode()
    assert "_auth_user_id" not in client.session
    # The same person from another address is not held up; a forged X-Forwarded-For is no escape.
    assert (
        _login(client, "staf", PASSWORD, url=url, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code
        == 200
    )
    assert _login(client, "staf", PASSWORD, url=url, REMOTE_ADDR="198.51.100.3").status_code == 302


def test_one_clerks_typos_do_not_lock_out_the_office(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    make_user(Role.DITJEN, username="staf")
    make_user(Role.DITJEN, username="kolega")
    for _ in range(3):
        _login(client, "staf")
    assert _login(client, "staf", PASSWORD).status_code == 429  # axes: this username, locked
    assert _login(client, "kolega", PASSWORD).status_code == 302  # same address, other clerk
