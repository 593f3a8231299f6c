"""Settings shared by every environment. Values come from the environment (django-environ)."""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
env.read_env(BASE_DIR / ".env") if (BASE_DIR / ".env").exists() else None

SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "simple_history",
    "axes",
    "accounts",
    "notifications",
    "allocations",
    "realisasi",
    "monev",
    "portal",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dakmonev.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dakmonev.sessions.SessionIdleRefreshMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dakmonev.urls"
WSGI_APPLICATION = "dakmonev.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.navigation.navigation",
            ],
        },
    },
]

# SQLite file under var/ unless DATABASE_URL is set (PostgreSQL in CI and production).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Wait for a writer instead of failing at once when the in-process task and a request overlap.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "login"

# Idle timeout: a session lives SESSION_COOKIE_AGE seconds after the last request. Instead of
# SESSION_SAVE_EVERY_REQUEST (a session write per request), dakmonev.sessions pushes the expiry
# forward when the last refresh is older than SESSION_REFRESH_SECONDS. Sessions are read from
# the cache (written through to the database), so a signed-in page costs no session query.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=60 * 60)
SESSION_REFRESH_SECONDS = 60
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "dakmonev.web.csrf_failure"

# How many reverse proxies in front of gunicorn append to X-Forwarded-For (0: none, the header
# is ignored). One number for DRF's throttles (NUM_PROXIES), django-axes and the per-address
# login limit (dakmonev.client_address), so a client cannot pick its own address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# django-axes: lock a username+IP pair after repeated failures, with a cool-off — one office
# behind NAT is not locked out by one clerk's typos.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "dakmonev.client_address.client_ip"
# Password spraying (many usernames from one address) is limited per address, on the login page
# and the token endpoint alike: this many failures per address in the window, then a pause.
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", default=30)
LOGIN_FAILURE_WINDOW_SECONDS = env.int("LOGIN_FAILURE_WINDOW_SECONDS", default=15 * 60)

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
WHITENOISE_USE_FINDERS = True  # static files work without collectstatic (make run, tests)
# Uploaded originals, error workbooks' sources and attachments: never served directly, only
# through the scoped views. On the local disk (MEDIA_ROOT) unless an S3-compatible bucket is
# configured (S3_BUCKET), so several app containers on several hosts share the same files.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
S3_BUCKET = env("S3_BUCKET", default="")


def file_storage(bucket: str) -> dict:
    """The default storage: django-storages' S3 backend for `bucket`, else the local folder."""
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),  # MinIO, Ceph, a cloud's S3
            "region_name": env("S3_REGION", default=None),
            "access_key": env("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
            "location": env("S3_PREFIX", default=""),
            "default_acl": None,  # the bucket's own (private) policy
            "file_overwrite": False,  # two uploads of one name never replace each other
            "querystring_auth": True,  # no public URLs: files are streamed by scoped views
            "addressing_style": env("S3_ADDRESSING_STYLE", default="path"),
        },
    }


STORAGES = {
    "default": file_storage(S3_BUCKET),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "/media-not-served/"
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Excel import limits (EXCEL-FORMATS.md §1).
DAK_UPLOAD_MAX_BYTES = env.int("DAK_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
DAK_UPLOAD_MAX_ROWS = env.int("DAK_UPLOAD_MAX_ROWS", default=5000)
# Pagu / RK / user tables may be larger than one report (a national RK file).
DAK_IMPORT_MAX_ROWS = env.int("DAK_IMPORT_MAX_ROWS", default=50000)
# Total uncompressed size of the parts of an .xlsx we agree to read (zip-bomb guard).
DAK_XLSX_MAX_UNCOMPRESSED_BYTES = env.int(
    "DAK_XLSX_MAX_UNCOMPRESSED_BYTES", default=200 * 1024 * 1024
)
# What one report workbook may cost to read: cells stored in all its sheets (values, formulas
# and cells holding only a format), the uncompressed size of its parts, and the columns read
# from the report sheet (the template has 11). With these, parsing the worst file and building
# its highlighted-error copy stay within a few seconds and a few hundred MB (`make bench`).
DAK_UPLOAD_MAX_CELLS = env.int("DAK_UPLOAD_MAX_CELLS", default=100_000)
DAK_UPLOAD_MAX_UNCOMPRESSED_BYTES = env.int(
    "DAK_UPLOAD_MAX_UNCOMPRESSED_BYTES", default=40 * 1024 * 1024
)
DAK_UPLOAD_MAX_COLUMNS = env.int("DAK_UPLOAD_MAX_COLUMNS", default=40)
# The same for pagu / RK / user tables (one header row; optional columns make ~20).
DAK_IMPORT_MAX_CELLS = env.int("DAK_IMPORT_MAX_CELLS", default=600_000)
DAK_IMPORT_MAX_COLUMNS = env.int("DAK_IMPORT_MAX_COLUMNS", default=40)
# Errors and warnings kept and shown per upload; beyond it one line says how many more there are.
DAK_IMPORT_MAX_ISSUES = env.int("DAK_IMPORT_MAX_ISSUES", default=500)
# Report uploads through the page and the API: per account per hour, and originals kept per
# region (originals are never deleted, so this bounds the disk one region can fill).
DAK_UPLOADS_PER_USER_PER_HOUR = env.int("DAK_UPLOADS_PER_USER_PER_HOUR", default=30)
DAK_STORED_UPLOADS_PER_REGION = env.int("DAK_STORED_UPLOADS_PER_REGION", default=1000)
# An upload still waiting this long is queued again (processing is safe to run twice).
DAK_UPLOAD_STALLED_MINUTES = env.int("DAK_UPLOAD_STALLED_MINUTES", default=15)
# Progress photos (dakmonev.images): size cap per photo, Pillow's decompression-bomb limit
# (its default, ~89 megapixels), and how many of the 64 perceptual-hash bits two pictures may
# differ in and still count as the same picture. Distance and grace are per TA (FiscalYear).
DAK_PHOTO_MAX_BYTES = env.int("DAK_PHOTO_MAX_BYTES", default=15 * 1024 * 1024)
DAK_PHOTO_MAX_PIXELS = env.int("DAK_PHOTO_MAX_PIXELS", default=89_478_485)
DAK_PHOTO_DUPLICATE_BITS = env.int("DAK_PHOTO_DUPLICATE_BITS", default=6)

# Celery: with no broker URL, tasks run in-process (make run, make test).
REDIS_URL = env("REDIS_URL", default="")
# Sessions (cached_db) and API throttles live in the cache: Redis when configured, shared by
# every gunicorn worker; otherwise each process's own memory (sessions stay in the database).
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"serializer": "dakmonev.cache.PlainDataSerializer"},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "dakmonev"}
    )
}
# Absorption figures, cached under the figures version that every service writing their data
# bumps after commit (dakmonev/figures_version.py). Only with a shared cache:
# a per-process memory cache could not see another process's bump. Pages are not cached
# (README, "Caching"). ABSORPTION_CACHE_SECONDS is this setting's former name.
FIGURES_CACHE_SECONDS = env.int(
    "FIGURES_CACHE_SECONDS",
    default=env.int("ABSORPTION_CACHE_SECONDS", default=300 if REDIS_URL else 0),
)
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=15 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=14 * 60)
CELERY_TIMEZONE = TIME_ZONE
# A message taken by a worker that dies is redelivered after this many seconds (acks_late).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
}
# Reports counted within this many seconds of each other share one absorption-snapshot refresh.
ABSORPTION_RECOMPUTE_DELAY_SECONDS = env.int("ABSORPTION_RECOMPUTE_DELAY_SECONDS", default=5)
# The one place the periodic jobs are declared.
CELERY_BEAT_SCHEDULE = {
    "check-overdue-reports": {
        "task": "realisasi.tasks.check_overdue_task",
        "schedule": crontab(hour=6, minute=0),
    },
    "recompute-absorption-nightly": {
        "task": "realisasi.tasks.recompute_absorption_task",
        "schedule": crontab(hour=1, minute=30),
    },
    "check-overdue-followups": {
        "task": "monev.tasks.check_overdue_followups_task",
        "schedule": crontab(hour=6, minute=15),
    },
    # An upload whose queued task was lost (a broker restart) is queued again; one still not
    # finished after a day is rejected with a message: no upload waits forever.
    # Ditjen users who chose it get one notification (and e-mail) a day of what waits for
    # verification and for how long.
    "verification-digest": {
        "task": "realisasi.tasks.verification_digest_task",
        "schedule": crontab(hour=7, minute=0),
    },
    "requeue-stalled-uploads": {
        "task": "realisasi.tasks.requeue_stalled_uploads_task",
        "schedule": crontab(minute="*/10"),
    },
}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="DAK IKM <noreply@kemenperin.go.id>")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "dakmonev.api.filters.QueryFilterBackend",
        "dakmonev.api.filters.SortFilter",
    ],
    # Each view declares the bodies it reads: JSON everywhere, multipart where a file comes
    # (report upload, follow-up evidence). One content type per operation in the schema, so
    # generated clients (openapi-python-client) build one body type and import cleanly.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "dakmonev.api.pagination.ApiPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "dakmonev.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "dakmonev.api.errors.api_exception_handler",
    # Per user, hence per token (one token per account); the token login has its own scope.
    "DEFAULT_THROTTLE_CLASSES": [
        "dakmonev.api.throttles.PerUserThrottle",
        "dakmonev.api.throttles.PerAddressThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env("API_THROTTLE_USER", default="2000/hour"),
        "anon": env("API_THROTTLE_ANON", default="60/hour"),
        "token": env("API_THROTTLE_TOKEN", default="10/minute"),
    },
    "COERCE_DECIMAL_TO_STRING": True,
    # Client addresses: the last NUM_PROXIES hops of X-Forwarded-For are our own proxies; with
    # 0 (the default: gunicorn faces the clients) the header is ignored and REMOTE_ADDR counts.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
# API tokens (django-rest-knox): stored as SHA-512 digests, shown once, expiring; `api` system
# accounts get a longer lifetime. A password change or deactivation ends them (accounts.tokens).
API_TOKEN_TTL = timedelta(days=env.int("API_TOKEN_TTL_DAYS", default=30))
API_SYSTEM_TOKEN_TTL = timedelta(days=env.int("API_SYSTEM_TOKEN_TTL_DAYS", default=365))
API_TOKENS_PER_USER = env.int("API_TOKENS_PER_USER", default=10)
REST_KNOX = {
    "TOKEN_TTL": API_TOKEN_TTL,
    "TOKEN_PREFIX": "dak_",
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "DAK Fisik IKM — API v1",
    "DESCRIPTION": "Data alokasi, rencana kegiatan, laporan realisasi, penyerapan dan temuan monev.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "ReportStatusEnum": "realisasi.choices.ReportStatus",
        "FollowUpStatusEnum": "monev.choices.FollowUpStatus",
    },
}

# Content-Security-Policy (django-csp 4): everything is served from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
