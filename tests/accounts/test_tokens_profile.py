"""API tokens on the profile page: created and shown once, listed by their start, revoked."""

from __future__ import annotations

import re

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from accounts.roles import Role
from accounts.tokens import token_issue
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _works(token: str) -> bool:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.get("/api/v1/regions/").status_code == 200


def test_owner_creates_sees_once_lists_and_revokes_a_token(client):
    user = make_user(Role.API, username="sistem")
    client.force_login(user)
    page = client.post("/akun/profil/token/")
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    token = re.search(r'data-testid="new-token">([^<]+)<', page.content.decode()).group(1)
    assert _works(token)
    listing = client.get("/akun/profil/").content.decode()
    stored = AuthToken.objects.get(user=user)
    assert token not in listing and f"{stored.token_key}…" in listing
    assert "365 hari" in listing  # a system account's tokens live longer
    revoked = client.post("/akun/profil/token/cabut/", {"token_key": stored.token_key})
    assert revoked.status_code == 302
    assert not _works(token) and not AuthToken.objects.filter(user=user).exists()


def test_nobody_revokes_or_sees_anothers_token(client):
    owner, other = make_user(Role.API, username="sistem"), make_user(Role.PIMPINAN)
    stored, token = token_issue(user=owner)
    client.force_login(other)
    assert stored.token_key not in client.get("/akun/profil/").content.decode()
    assert (
        client.post("/akun/profil/token/cabut/", {"token_key": stored.token_key}).status_code == 404
    )
    assert _works(token)
