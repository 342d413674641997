"""Fault test on PostgreSQL and Redis: 30 simultaneous submissions from one address against a
limit of 10 store exactly 10, with Redis up and with Redis down (the local fallback)."""

import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from befragung.forms.antworten import field_name
from befragung.models import Befragung, Frage

from ..factories import BefragungFactory, FrageFactory
from ..redis_server import RedisServer
from .holding import stored

pytestmark = pytest.mark.fault
SENDERS = 30
LIMIT = 10


@pytest.fixture
def own_redis(settings, needs_postgresql):
    server = RedisServer()
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "gwa_portal.core.cache.ResilientRedisCache",
            "LOCATION": server.url,
        }
    }
    settings.BEFRAGUNG_RATE_LIMIT = LIMIT
    yield server
    server.kill()


def send_all_at_once(survey):
    target = reverse("befragung:formular", kwargs={"slug": survey.slug})
    data = {field_name(survey.frage): "Mehr Licht im Park"}
    barrier = threading.Barrier(SENDERS, timeout=30)
    statuses, errors = [], []

    def sender():
        client = Client(REMOTE_ADDR="198.51.100.23")
        try:
            barrier.wait()
            statuses.append(client.post(target, data).status_code)
        except Exception as error:  # surfaced below: a thread cannot fail the test itself
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sender) for _i in range(SENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return sorted(statuses)


@pytest.mark.parametrize("redis_state", ["up", "down"])
def test_concurrent_submissions_store_no_more_than_the_limit(
    transactional_db, own_redis, redis_state
):
    survey = BefragungFactory(modus=Befragung.Modus.OFFEN)
    survey.frage = FrageFactory(befragung=survey, typ=Frage.Typ.TEXT, seite=1)
    if redis_state == "down":
        own_redis.kill()
    statuses = send_all_at_once(survey)
    assert statuses == [302] * LIMIT + [429] * (SENDERS - LIMIT)
    assert stored(survey) == LIMIT
