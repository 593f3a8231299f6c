# Production image: slim Python 3.11, the production lock only, static files collected at build
# time, a non-root user, a health check. docker-compose.yml runs web, worker and beat from it.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=dakmonev.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media

WORKDIR /app

# Dependencies first (their layer is reused while the lock does not change): the production
# lock only, every package pinned (--no-deps: nothing unpinned slips in). All are wheels
# (psycopg2-binary), so the image needs no compiler.
COPY requirements.lock ./
RUN pip install --no-deps -r requirements.lock

COPY . .

# Static files with hashed names (whitenoise's manifest storage); build-time dummies only: the
# real secret and hosts come from .env at run time. (The compiled catalogue is committed.)
RUN DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput --verbosity 0

RUN groupadd --system --gid 10001 dakmonev \
    && useradd --system --uid 10001 --gid dakmonev --home-dir /app --no-create-home dakmonev \
    && mkdir -p /data/media \
    && chown -R dakmonev:dakmonev /data
USER dakmonev

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "scripts/healthcheck.py"]
CMD ["gunicorn", "dakmonev.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--timeout", "120", "--access-logfile", "-", "--no-control-socket"]
