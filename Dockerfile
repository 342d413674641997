# syntax=docker/dockerfile:1
#
# GWA-Portal production image: gunicorn + whitenoise, the same image runs the
# Celery worker and beat (see docker-compose.yml).
#
#   docker build -t gwa-portal .
#   docker run --rm -p 8000:8000 -e DJANGO_SECRET_KEY=... -e DJANGO_ALLOWED_HOSTS=... gwa-portal
#
# The app runs from the source tree in /app (pyproject has `packages = []`, so
# `pip install .` only installs the dependencies).
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=gwa_portal.settings

# Non-root user with its own home (gunicorn >= 25 puts its control socket in ~/.gunicorn).
RUN groupadd --system --gid 10001 gwa \
    && useradd --system --uid 10001 --gid gwa --home-dir /home/gwa --create-home \
       --shell /usr/sbin/nologin gwa

WORKDIR /app

# Dependencies first, so this layer is cached until pyproject.toml changes.
COPY pyproject.toml ./
RUN pip install . \
    && rm -rf build ./*.egg-info

# Then the source tree (.dockerignore keeps .venv, var/, .git, caches out).
COPY . .

# Static files for whitenoise (CompressedManifestStaticFilesStorage needs the
# manifest at runtime). Settings refuse to load in production without a secret
# key and allowed hosts, so build-time dummies are passed to this step only.
RUN DJANGO_DEBUG=0 \
    DJANGO_SECRET_KEY=build-only-dummy-secret-key-not-used-at-runtime-0123456789abcdef \
    DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput \
    && mkdir -p var/media \
    && chown -R gwa:gwa var

USER gwa

ENV DJANGO_DEBUG=0

EXPOSE 8000

# No HEALTHCHECK here: the worker and beat run from this image too. The web
# healthcheck (GET /healthz/) lives in docker-compose.yml.
CMD ["gunicorn", "gwa_portal.wsgi:application", "--config", "python:gwa_portal.gunicorn_conf", "--bind", "0.0.0.0:8000", "--workers", "3"]
