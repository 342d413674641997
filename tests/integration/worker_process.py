"""A Celery worker as a separate process (so that a test can SIGKILL it) and an SMTP server
that holds one message's answer, so that the worker sits inside its SMTP call."""

import asyncio
import contextlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import redis
from celery import Celery
from django.db import connection

from ..conftest import skip_or_fail
from ..workers import fallback_broker_url

ROOT = Path(__file__).resolve().parents[2]
BROKER_URL = os.environ.get("CELERY_BROKER_URL") or fallback_broker_url()


class SlowInbox:
    """Keeps every message (and its connection's peer); holds the answer to the `hold_at`-th
    DATA until released."""

    def __init__(self, hold_at=1):
        self.messages = []
        self.peers = []
        self.arrived = threading.Condition()
        self.release = threading.Event()
        self.hold_at = hold_at

    async def handle_DATA(self, server, session, envelope):
        with self.arrived:
            self.messages.append(envelope)
            self.peers.append(session.peer)
            hold = len(self.messages) == self.hold_at
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


@contextlib.contextmanager
def producer(name):
    """A Celery app that only sends tasks to the test broker (skipped, or failed in CI, when
    Redis is not reachable). Not the current app: the code under test must keep finding the
    portal's."""
    try:
        redis.Redis.from_url(BROKER_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        skip_or_fail(f"Redis not reachable at {BROKER_URL}: {error}")
    app = Celery(name, broker=BROKER_URL, set_as_current=False)
    try:
        yield app
    finally:
        app.close()


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
