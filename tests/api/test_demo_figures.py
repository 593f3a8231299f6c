"""Must show (issue 8): after seed_demo the API quotes the published TA 2023 figures."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from accounts.models import User
from demo.accounts import DEMO_PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_seed_demo_then_absorption_2023_is_the_published_figure():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client = APIClient()
    token = client.post(
        "/api/v1/auth/token/", {"username": "sistem.api", "password": DEMO_PASSWORD}, format="json"
    ).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    body = client.get("/api/v1/absorption/?year=2023").json()
    assert body["absorption_pct"] == "88.46"
    assert body["mean_kabkota_absorption_pct"] == "93.23"
    assert body["regions_count"] == 56
    # The demo dinas account of Kabupaten Bandung sees its own row only.
    client.credentials()
    client.force_login(User.objects.get(username="dinas.kabbandung"))
    rows = client.get("/api/v1/absorption/regions/?year=2023").json()
    assert [r["region_code"] for r in rows] == ["32.04"]
