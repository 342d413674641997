"""A real Redis broker, a real Celery worker thread and a real SMTP server on loopback."""

import os
import threading

import pytest
import redis

from gwa_portal.celery import app as celery_app

from ..conftest import skip_or_fail
from ..smtp import mailers, running_smtp
from ..workers import fallback_broker_url

BROKER_URL = os.environ.get("CELERY_BROKER_URL") or fallback_broker_url()


class Inbox:
    """aiosmtpd handler that keeps every delivered message."""

    def __init__(self):
        self.messages = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):
        with self.arrived:
            self.messages.append(envelope)
            self.arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count, timeout=20):
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.messages) >= count, timeout=timeout)
        return self.messages


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    with running_smtp(inbox) as port:
        settings.MAILERS = mailers(port)
        yield inbox


@pytest.fixture
def redis_broker():
    try:
        redis.Redis.from_url(BROKER_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        skip_or_fail(f"Redis not reachable at {BROKER_URL}: {error}")
    return BROKER_URL


@pytest.fixture
def celery_worker(redis_broker, settings, transactional_db):
    from celery.contrib.testing.worker import start_worker

    settings.CELERY_TASK_ALWAYS_EAGER = False
    # Tasks left in the queue by an earlier test (ids of rows long gone) must not keep this
    # worker busy while the test waits for its own mail.
    redis.Redis.from_url(redis_broker).delete("celery")
    celery_app.conf.update(task_always_eager=False, broker_url=redis_broker)
    drop_cached_connections()
    with start_worker(
        celery_app, pool="solo", perform_ping_check=False, loglevel="WARNING"
    ) as worker:
        yield worker
    celery_app.conf.task_always_eager = True
    drop_cached_connections()


def use_broker(monkeypatch, url):
    """Point the app at `url`. Celery prefers the CELERY_BROKER_URL environment variable over
    its configuration (CI sets it), so both must change or the app keeps the real broker."""
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    celery_app.conf.update(task_always_eager=False, broker_url=url)
    drop_cached_connections()


def drop_cached_connections():
    """The app caches its producer pool for the broker URL it first saw; start from scratch."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
