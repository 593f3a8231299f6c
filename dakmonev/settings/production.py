"""Production: everything secret or host-specific comes from the environment."""

from .base import *  # noqa: F401,F403
from .base import env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# X-Forwarded-Proto is believed only behind our own proxy (a client could write it otherwise).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None  # noqa: F405
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]  # the container's health check speaks plain HTTP
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Static files are collected at build time (Dockerfile) into STATIC_ROOT with hashed names.
WHITENOISE_USE_FINDERS = False
STORAGES = {
    **STORAGES,  # noqa: F405 — uploads: local folder or S3-compatible bucket (base.file_storage)
    # Collected as root at build time, served by the non-root user: world-readable files
    # (FILE_UPLOAD_PERMISSIONS' 0640 is for uploads, not for the public static files).
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
}
# Schema and API docs only for signed-in users in production.
SPECTACULAR_SETTINGS = {
    **SPECTACULAR_SETTINGS,  # noqa: F405
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
}
# API throttles count requests in the cache (base.CACHES): Redis when REDIS_URL is set, shared
# between gunicorn workers; without it each worker process would grant a token its own budget.
