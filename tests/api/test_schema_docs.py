"""OpenAPI schema, Swagger UI and Redoc: valid, served from our own origin, private in production."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from drf_spectacular.validation import validate_schema

from .conftest import client_for

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
FOREIGN = re.compile(r"(?:https?:)?//(?!127\.0\.0\.1|localhost|testserver)[\w.-]+\.[a-z]{2,}", re.I)


def _schema(client) -> dict:
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_schema_is_valid_openapi_3_and_lists_every_endpoint(world):
    schema = _schema(client_for(world, "ditjen"))
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    for path in (
        "/api/v1/auth/token/",
        "/api/v1/regions/",
        "/api/v1/allocations/",
        "/api/v1/activities/",
        "/api/v1/reports/",
        "/api/v1/reports/{id}/",
        "/api/v1/reports/upload/",
        "/api/v1/reports/{id}/submit/",
        "/api/v1/reports/{id}/verify/",
        "/api/v1/reports/{id}/return/",
        "/api/v1/findings/",
        "/api/v1/findings/{id}/followups/",
        "/api/v1/followups/{id}/assess/",
        "/api/v1/alerts/",
        "/api/v1/disbursements/",
        "/api/v1/absorption/",
        "/api/v1/absorption/provinces/",
        "/api/v1/absorption/regions/",
        "/api/v1/timeliness/",
        "/api/v1/fiscal-years/{year}/",
    ):
        assert path in schema["paths"], path


def test_schema_documents_upload_codes_and_error_bodies(world):
    schema = _schema(client_for(world, "ditjen"))
    upload = schema["paths"]["/api/v1/reports/upload/"]["post"]
    assert {"200", "201", "422", "403", "401"} <= set(upload["responses"])
    assert "multipart/form-data" in upload["requestBody"]["content"]
    error_ref = "#/components/schemas/Error"
    regions = schema["paths"]["/api/v1/regions/{id}/"]["get"]["responses"]
    assert regions["404"]["content"]["application/json"]["schema"]["$ref"] == error_ref
    assert schema["components"]["schemas"]["Error"]["properties"]["error"]
    national = schema["components"]["schemas"]["Absorption"]["properties"]
    assert set(national) == {
        "year",
        "quarter",
        "regions_count",
        "pagu",
        "financial_realisation",
        "absorption_pct",
        "mean_region_absorption_pct",
        "mean_kabkota_absorption_pct",
        "physical_progress_pct",
        "planned_physical_pct",  # issue 18: plan versus actual
        "planned_financial_pct",
        "deviation_physical_pct",
        "deviation_financial_pct",
    }
    assert national["absorption_pct"]["type"] == "string" and national["absorption_pct"]["nullable"]


def test_token_and_session_security_schemes(world):
    schema = _schema(client_for(world, "ditjen"))
    assert {"knoxApiToken", "cookieAuth"} <= set(schema["components"]["securitySchemes"])
    assert schema["paths"]["/api/v1/auth/token/"]["post"].get("security") in (None, [], [{}])


def _assert_local(html: str) -> None:
    assert not FOREIGN.findall(html), FOREIGN.findall(html)


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_load_nothing_from_another_origin(world, url):
    client = client_for(world, "ditjen")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    _assert_local(html)
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("drf_spectacular_sidecar" in a for a in assets), assets
    for asset in assets:
        asset_response = client.get(asset)
        assert asset_response.status_code == 200, asset
        if asset.endswith("?script=") or "script=" in asset:
            _assert_local(asset_response.content.decode())
    if url.endswith("docs/"):
        assert not re.search(r"<script>(?!\s*</script>)", html), (
            "inline script would be blocked by the CSP"
        )


def test_schema_and_docs_require_login_in_production_settings():
    """Run under dakmonev.settings.production in a fresh interpreter (its SERVE_PERMISSIONS are read at import)."""
    code = (
        "import django, json; django.setup()\n"
        "from django.test import Client\n"
        "c = Client()\n"
        "print(json.dumps({u: c.get(u, secure=True).status_code for u in "
        "('/api/v1/schema/', '/api/v1/docs/', '/api/v1/redoc/', '/api/v1/regions/')}))\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dakmonev.settings.production",
        "DJANGO_SECRET_KEY": "t" * 50,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    statuses = yaml.safe_load(out.stdout.strip().splitlines()[-1])
    assert statuses == {
        "/api/v1/schema/": 401,
        "/api/v1/docs/": 401,
        "/api/v1/redoc/": 401,
        "/api/v1/regions/": 401,
    }
