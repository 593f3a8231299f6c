"""Developer machine: `make run` (SQLite, tasks in-process unless REDIS_URL is set)."""

from .base import *  # noqa: F401,F403
from .base import INSTALLED_APPS, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)

# `manage.py bench`, `bench_rk_import`, `bench_reports`, `loadtest`: development and CI only.
INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]
