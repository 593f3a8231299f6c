"""Test run: same database choice as base (SQLite unless DATABASE_URL), fast hashing."""

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, DATABASES, INSTALLED_APPS, REST_FRAMEWORK, env

# The benchmarks (and their own tests) run with the test settings too; production has none.
INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "test-media"))
EMAIL_BACKEND = env(
    "DAK_TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend"
)
# A real worker's e-mails are read back from files (tests/notifications/test_worker.py).
EMAIL_FILE_PATH = env("DAK_TEST_EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "test-mail"))
AXES_ENABLED = True
DEBUG = False
DATABASES["default"]["CONN_MAX_AGE"] = 0
REST_FRAMEWORK = {**REST_FRAMEWORK}
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "user": "100000/hour",
    "anon": "100000/hour",
    "token": "1000/minute",
}
# Tests run tasks in-process; the worker tests send to a real broker explicitly (send_task).
CELERY_TASK_ALWAYS_EAGER = True
# Each test process keeps its cache in memory, as before: tests clear it (throttle history),
# and a FLUSHDB on REDIS_URL would also drop the Celery broker's queues and bindings.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "dakmonev-test",
    }
}
# The figures cache is off, except in CI's second pass over the page and API tests
# (DAK_TEST_FIGURES_CACHE=1, .ci/run) and in tests/performance/test_figures_cache.py.
FIGURES_CACHE_SECONDS = 300 if env.bool("DAK_TEST_FIGURES_CACHE", default=False) else 0
