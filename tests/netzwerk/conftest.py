"""Fixtures shared by the netzwerk tests."""

import pytest

from gwa_portal.celery import app as celery_app


@pytest.fixture
def in_memory_broker():
    """Tasks go to an in-process broker instead of running: count the enqueuer's queries."""
    broker_url = celery_app.conf.broker_url
    celery_app.conf.update(task_always_eager=False, broker_url="memory://")
    drop_cached_connections()
    yield
    celery_app.conf.update(task_always_eager=True, broker_url=broker_url)
    drop_cached_connections()


def drop_cached_connections():
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
