"""Health checks for /healthz/: database, cache and Celery broker.

Anyone learns whether each part works; which backend it is and what failed is shown only to
callers with HEALTHZ_TOKEN (`Authorization: Bearer …`) and to signed-in admins.
"""

import hmac
import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def check_cache():
    backend = caches["default"]
    if hasattr(backend, "ping"):
        # Redis itself, not the local fallback that keeps requests going while it is down.
        backend.ping()
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


def may_see_details(request):
    """Backend names and errors are for monitoring with the token and for signed-in admins."""
    token = settings.HEALTHZ_TOKEN
    header = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(header.encode(), f"Bearer {token}".encode()):
        return True
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def public_view(results):
    return {name: {"ok": result["ok"]} for name, result in results.items()}
