"""Health checks for /healthz/: database, cache and Celery broker."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("cache read-back failed")
    cache.delete(key)
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def check_broker():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    from gwa_portal.celery import app

    with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
        conn.ensure_connection(max_retries=1, timeout=3)
    return conn.transport_cls


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


def run_checks():
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = {"ok": True, "detail": str(check())}
        except Exception as exc:  # any failure of any backend means "not healthy"
            results[name] = {"ok": False, "detail": type(exc).__name__}
    return results
