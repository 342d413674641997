"""/healthz/ reports database, cache and broker, and answers 200 only when all are fine."""

import pytest
from django.urls import reverse


def test_healthz_is_ok_with_eager_celery(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert set(data["checks"]) == {"database", "cache", "broker"}
    assert data["checks"]["broker"]["detail"] == "eager"


def test_healthz_is_503_when_the_cache_is_down(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["ok"] is False


@pytest.fixture
def unreachable_broker(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"


def test_healthz_is_503_when_the_broker_is_unreachable(client, db, unreachable_broker):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "error"
    assert data["checks"]["broker"]["ok"] is False
    assert data["checks"]["database"]["ok"] is True
