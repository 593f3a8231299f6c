"""Project wiring: login page, settings, compose file, a real Celery worker."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.urls import reverse

from accounts.roles import Role
from tests.conftest import wait_for
from tests.factories import PASSWORD, make_user

ROOT = Path(__file__).resolve().parent.parent.parent


def test_docker_compose_parses_and_names_the_services():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(compose["services"])
    assert "gunicorn" in " ".join(compose["services"]["web"]["command"])


def test_celery_is_json_only_with_late_acks_and_time_limits():
    assert settings.CELERY_ACCEPT_CONTENT == ["json"]
    assert settings.CELERY_TASK_SERIALIZER == "json"
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert settings.CELERY_TASK_TIME_LIMIT > 0
    assert settings.USE_TZ and settings.TIME_ZONE == "Asia/Jakarta"


@pytest.mark.django_db
def test_login_page_is_indonesian_and_login_works(client):
    resp = client.get(reverse("login"))
    assert resp.status_code == 200
    assert "Kata sandi" in resp.content.decode()
    make_user(Role.PIMPINAN, username="bos")
    resp = client.post(reverse("login"), {"username": "bos", "password": PASSWORD}, follow=True)
    assert resp.status_code == 200
    assert resp.context["user"].username == "bos"
    client.logout()
    resp = client.post(reverse("login"), {"username": "bos", "password": "salah"})
    assert "Nama pengguna atau kata sandi salah" in resp.content.decode()


@pytest.mark.django_db
def test_anonymous_user_is_sent_to_login(client):
    resp = client.get(reverse("portal:home"))
    assert resp.status_code == 302 and reverse("login") in resp["Location"]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_real_celery_worker_writes_to_postgresql(celery_worker_process):
    from allocations.models import Region
    from dakmonev.celery import app

    assert Region.objects.count() == 0
    app.send_task(
        "allocations.tasks.reference_data_load_task", queue=celery_worker_process["queue"]
    )
    wait_for(lambda: Region.objects.filter(code="96.71").exists(), timeout=60)
    assert Region.objects.kabkota().count() == 514
