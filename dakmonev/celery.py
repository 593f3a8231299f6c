"""Celery application. Without a broker URL, tasks run in-process (see settings.base)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dakmonev.settings.local")

app = Celery("dakmonev")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
