"""Settings of the worker processes started by test_worker_crash.py: the test settings, plus a
Redis transport that looks for abandoned (unacknowledged) messages every second instead of every
~100 s (kombu's default sweep: every 10th check, one check per 10 s), so a redelivery after the
visibility timeout (CELERY_VISIBILITY_TIMEOUT, set by the test) happens within the test's time."""

from dakmonev.settings.test import *  # noqa: F401,F403
from dakmonev.settings.test import CELERY_BROKER_TRANSPORT_OPTIONS

CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
