"""/healthz/ reports database, cache and broker, answers 200 only when all are fine, and names
its backends only to monitoring with the token and to signed-in admins."""

import json

import pytest
from django.urls import reverse

from ..conftest import free_port

TOKEN = "healthz-token-for-the-tests-0123456789"


def test_healthz_is_ok_with_eager_celery(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert data["checks"] == {name: {"ok": True} for name in ("database", "cache", "broker")}


def test_anonymous_callers_learn_no_backend_names(client, db):
    body = client.get(reverse("healthz")).content.decode()
    for name in ("sqlite", "postgresql", "LocMemCache", "RedisCache", "eager", "detail"):
        assert name not in body


def test_the_token_shows_the_backends(client, db, settings):
    settings.HEALTHZ_TOKEN = TOKEN
    data = client.get(reverse("healthz"), headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert data["checks"]["broker"]["detail"] == "eager"
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    assert data["checks"]["cache"]["detail"] == backend
    wrong = client.get(reverse("healthz"), headers={"Authorization": "Bearer falsch"}).json()
    assert "detail" not in json.dumps(wrong)


def test_no_token_configured_means_no_details_for_an_empty_bearer(client, db, settings):
    settings.HEALTHZ_TOKEN = ""
    data = client.get(reverse("healthz"), headers={"Authorization": "Bearer "}).json()
    assert "detail" not in json.dumps(data)


def test_admins_see_the_backends_other_roles_do_not(client_as):
    assert client_as("fachstelle").get(reverse("healthz")).json()["checks"]["broker"] == {
        "ok": True,
        "detail": "eager",
    }
    data = client_as("koordination").get(reverse("healthz")).json()
    assert "detail" not in json.dumps(data)


def test_healthz_is_503_when_redis_is_down_even_with_the_local_fallback(client, db, settings):
    settings.HEALTHZ_TOKEN = TOKEN
    settings.CACHES = {
        "default": {
            "BACKEND": "gwa_portal.core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {"database": {"ok": True}, "cache": {"ok": False}, "broker": {"ok": True}},
    }
    detail = client.get(reverse("healthz"), headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert detail["checks"]["cache"] == {"ok": False, "detail": "ConnectionError"}


@pytest.fixture
def unreachable_broker(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"


def test_healthz_is_503_when_the_broker_is_unreachable(client, db, unreachable_broker):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "error"
    assert data["checks"]["broker"]["ok"] is False
    assert data["checks"]["database"]["ok"] is True
