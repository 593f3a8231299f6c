"""Celery tasks of realisasi (autodiscovered as `realisasi.tasks`). Each names itself explicitly."""

from .absorption import *  # noqa: F401,F403
from .imports import *  # noqa: F401,F403
