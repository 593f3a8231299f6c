"""What a person sees when the server fails or a form's CSRF token is stale: Indonesian pages."""

from __future__ import annotations

import pytest
from django.test import Client

from dakmonev import urls

pytestmark = pytest.mark.django_db


def test_a_server_error_shows_the_friendly_indonesian_page(settings):
    settings.ROOT_URLCONF = "tests.project.failing_urls"
    assert urls.handler500 == "dakmonev.web.server_error"
    response = Client(raise_request_exception=False).get("/uji-gagal/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Maaf, terjadi gangguan pada server" in page and "kegagalan uji" not in page
    assert "Traceback" not in page


def test_a_stale_csrf_token_explains_what_to_do():
    response = Client(enforce_csrf_checks=True).post(
        "/akun/masuk/", {"username": "a", "password": "b"}
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Halaman ini sudah kedaluwarsa" in page and "Muat ulang halaman" in page
