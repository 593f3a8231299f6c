"""Developer machine: `make run` (SQLite, tasks in-process unless REDIS_URL is set)."""

from .base import *  # noqa: F401,F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
