"""A real Celery worker is SIGKILLed while the SMTP server holds its invitation: after the sweep
and a restarted worker (which gets the task again, as a redelivery would) the invitee still has
exactly one mail. PostgreSQL and Redis only: the worker is a separate process."""

import asyncio
import os
import signal
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
import redis
from aiosmtpd.controller import Controller
from celery import Celery
from django.db import connection

from netzwerk import einladungen, tasks

from ..conftest import free_port, skip_or_fail
from ..factories import EinladungFactory
from ..workers import fallback_broker_url

pytestmark = [pytest.mark.fault, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
BROKER_URL = os.environ.get("CELERY_BROKER_URL") or fallback_broker_url()


class SlowInbox:
    """Keeps every message; holds the answer to the first DATA until released, so that the
    worker sits inside its SMTP call after the server has the mail."""

    def __init__(self):
        self.messages = []
        self.arrived = threading.Condition()
        self.release = threading.Event()
        self.held = False

    async def handle_DATA(self, server, session, envelope):
        with self.arrived:
            self.messages.append(envelope)
            hold = not self.held
            self.held = True
            self.arrived.notify_all()
        if hold:
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        return "250 Message accepted for delivery"

    def wait_for(self, count, timeout=20):
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.messages) >= count, timeout=timeout)
        return list(self.messages)

    def to(self, address):
        return [m for m in self.messages if address in m.rcpt_tos]


@pytest.fixture
def slow_smtp():
    inbox = SlowInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    inbox.release.set()
    controller.stop()


@pytest.fixture
def broker():
    try:
        redis.Redis.from_url(BROKER_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        skip_or_fail(f"Redis not reachable at {BROKER_URL}: {error}")
    # Not the current app: the code under test must keep finding the portal's app.
    producer = Celery("fault-producer", broker=BROKER_URL, set_as_current=False)
    yield producer
    producer.close()


def forget_queue(queue):
    """Drop the test's queue and the killed worker's unacked message from the broker."""
    client = redis.Redis.from_url(BROKER_URL)
    client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    for tag, payload in client.hgetall("unacked").items():
        if queue.encode() in payload:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


def database_url():
    db = connection.settings_dict
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    auth = db.get("USER") or "postgres"
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}"


def start_worker(queue, smtp_port):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DATABASE_POOL": "false",
        "CELERY_BROKER_URL": BROKER_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "gwa_portal",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        f"--queues={queue}",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel=WARNING",
    ]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def stop(worker):
    if worker.poll() is None:
        worker.kill()
    worker.wait(timeout=10)


def test_a_worker_killed_while_sending_never_sends_the_invitation_twice(
    request, settings, slow_smtp, broker, needs_postgresql
):
    inbox, smtp_port = slow_smtp
    queue = f"fault-{uuid.uuid4().hex}"
    request.addfinalizer(lambda: forget_queue(queue))
    einladung, sentinel = EinladungFactory(), EinladungFactory()

    worker = start_worker(queue, smtp_port)
    try:
        broker.send_task(einladungen.SEND_INVITATION, args=[einladung.pk], queue=queue)
        assert len(inbox.wait_for(1, timeout=60)) == 1, "the worker never reached the SMTP server"
        # The server has the mail and holds its answer: the worker is inside the SMTP call.
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        stop(worker)
    inbox.release.set()

    # The sweep (in this process, through the same SMTP server) leaves the claimed row alone
    # and sends only the sentinel.
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": smtp_port, "timeout": 10},
        }
    }
    swept = tasks.sweep_unsent()
    assert len(inbox.to(einladung.person.email)) == 1
    assert len(inbox.to(sentinel.person.email)) == 1
    assert swept["einladungen"] == 1
    einladung.refresh_from_db()
    assert einladung.sending_started_at is not None  # claimed, never marked sent
    assert einladung.sent_sequence == -1

    # A restarted worker gets the task again (as the broker redelivers an unacked task),
    # then a sentinel task: once the sentinel's mail is in, the first task has been handled.
    sentinel_again = EinladungFactory()
    worker = start_worker(queue, smtp_port)
    try:
        broker.send_task(einladungen.SEND_INVITATION, args=[einladung.pk], queue=queue)
        broker.send_task(einladungen.SEND_INVITATION, args=[sentinel_again.pk], queue=queue)
        inbox.wait_for(3, timeout=60)
        assert len(inbox.to(sentinel_again.person.email)) == 1, "second worker sent nothing"
    finally:
        stop(worker)  # its work is checked; a warm shutdown would only cost time

    assert len(inbox.to(einladung.person.email)) == 1
    assert len(inbox.messages) == 3
    einladung.refresh_from_db()
    assert einladung.sending_started_at is not None  # still "Versand unklar" for a person
