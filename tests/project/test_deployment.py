"""What production installs and starts: the split locks, the Dockerfile, compose and .env.example.

Holes found at a production start-up: compose built `.` with no Dockerfile, ran Redis without a
password, and production would have installed the test tools too. (The processes themselves are
started and used by scripts/production_smoke.py in .ci/run.)
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
DEV_ONLY = {
    "pytest",
    "pytest-django",
    "playwright",
    "schemathesis",
    "ruff",
    "pip-audit",
    "hypothesis",
    "factory-boy",
    "moto",
    "openapi-python-client",
    "xlsxwriter",
    "pandas",
}


def _pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text()
    return dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", text, re.MULTILINE))


def test_production_lock_has_no_development_tools_and_the_same_pins_as_the_dev_lock():
    production, development = _pins("requirements.lock"), _pins("requirements-dev.lock")
    assert {"django", "gunicorn", "celery", "django-rest-knox", "django-storages", "boto3"} <= set(
        production
    )
    assert DEV_ONLY.isdisjoint(production), DEV_ONLY & set(production)
    assert set(development) >= DEV_ONLY
    assert {k: v for k, v in development.items() if k in production} == production


def test_dockerfile_slim_non_root_production_lock_static_and_healthcheck():
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim", text, re.MULTILINE)
    assert "pip install --no-deps -r requirements.lock" in text
    assert "requirements-dev.lock" not in text
    assert "collectstatic" in text
    user = re.findall(r"^USER (\S+)", text, re.MULTILINE)
    assert user and user[-1] not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*\n?.*healthcheck\.py", text, re.MULTILINE)
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".env", ".venv", ".git"} <= set(ignored)


def test_compose_requires_a_redis_password_and_checks_every_services_health():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    redis = services["redis"]
    assert "--requirepass" in " ".join(redis["command"])
    assert "REDIS_PASSWORD" in redis["environment"]["REDIS_PASSWORD"]
    app_env = services["web"]["environment"]
    assert app_env["REDIS_URL"].startswith("redis://:${REDIS_PASSWORD")
    for name in ("postgres", "redis", "web", "worker"):
        assert services[name].get("healthcheck"), f"{name} has no healthcheck"
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_env_example_names_every_secret_compose_needs():
    example = (ROOT / ".env.example").read_text()
    compose = (ROOT / "docker-compose.yml").read_text()
    needed = set(re.findall(r"\$\{([A-Z0-9_]+)", compose))
    named = set(re.findall(r"^([A-Z0-9_]+)=", example, re.MULTILINE))
    assert needed <= named, needed - named
    assert {
        "DJANGO_SECRET_KEY",
        "DJANGO_ALLOWED_HOSTS",
        "TRUSTED_PROXY_COUNT",
        "S3_BUCKET",
    } <= named
