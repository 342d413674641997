"""A chunk of invitations through a real worker process and SMTP server, the worker SIGKILLed
while the server holds the third mail of the chunk: afterwards every invitee has exactly one
mail, and the one row whose send was cut off shows "Versand unklar". PostgreSQL and Redis
only: the worker is a separate process."""

import datetime
import email
import signal
import uuid
from email import policy

import pytest
from django.utils import timezone

from gwa_portal.celery import app as celery_app
from gwa_portal.core import outbox
from gwa_portal.core.mail import reused_connection
from netzwerk import einladungen, tasks
from netzwerk.models import Einladung

from ..factories import EinladungFactory, TerminFactory
from ..smtp import mailers, running_smtp
from .worker_process import SlowInbox, forget_queue, producer, start_worker, stop

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

CHUNK = 6
HELD = 3  # the server holds its answer to the third mail of the chunk


@pytest.fixture
def slow_smtp(settings):
    inbox = SlowInbox(hold_at=HELD)
    with running_smtp(inbox) as port:
        yield inbox, port
        inbox.release.set()
        reused_connection.close()


@pytest.fixture
def kill_producer():
    with producer("kill-producer") as app:
        yield app


@pytest.fixture
def in_process_tasks(settings):
    """The sweep in this test sends in-process (the killed worker's queue has no worker)."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    yield
    celery_app.conf.task_always_eager = eager


def states(ids):
    rows = {e.pk: e for e in Einladung.objects.filter(pk__in=ids)}
    return [(rows[pk].sent_sequence, rows[pk].sending_started_at is not None) for pk in ids]


def test_a_worker_killed_in_the_middle_of_a_chunk_loses_nothing_and_sends_nothing_twice(
    request, settings, slow_smtp, kill_producer, in_process_tasks, needs_postgresql
):
    inbox, smtp_port = slow_smtp
    queue = f"chunk-kill-{uuid.uuid4().hex}"
    request.addfinalizer(lambda: forget_queue(queue))
    rows = EinladungFactory.create_batch(CHUNK, termin=TerminFactory())
    ids = [e.pk for e in rows]

    worker = start_worker(queue, smtp_port)
    try:
        kill_producer.send_task(einladungen.SEND_INVITATIONS, args=[ids], queue=queue)
        arrived = inbox.wait_for(HELD, timeout=60)
        assert len(arrived) == HELD, "the worker never reached the third mail"
        # The server has the third mail and holds its answer: the worker is inside that call.
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        stop(worker)
    inbox.release.set()

    # One connection for the chunk, and the mails in the chunk's order.
    assert len(set(inbox.peers[:HELD])) == 1
    assert [m.rcpt_tos[0] for m in arrived] == [e.person.email for e in rows[:HELD]]
    # Serialised once for the Termin, each with its invitee's address and own link.
    for message, einladung in zip(arrived, rows[:HELD], strict=True):
        parsed = email.message_from_bytes(message.original_content, policy=policy.default)
        assert parsed["To"] == einladung.person.email
        assert einladung.rsvp_token in parsed.get_body(("plain",)).get_content()
    # Sent and marked; claimed, never marked (cut off); never claimed.
    assert states(ids) == [(0, False)] * (HELD - 1) + [(-1, True)] + [(-1, False)] * (CHUNK - HELD)

    # The sweep (in this process, through the same SMTP server) sends the unclaimed rest and
    # leaves the cut-off row alone.
    settings.MAILERS = mailers(smtp_port)
    assert tasks.sweep_unsent()["einladungen"] == CHUNK - HELD
    assert states(ids) == [(0, False)] * (HELD - 1) + [(-1, True)] + [(0, False)] * (CHUNK - HELD)

    # A restarted worker gets the chunk again (as the broker redelivers an unacked task), then
    # a sentinel: once the sentinel's mail is in, the chunk has been handled.
    sentinel = EinladungFactory()
    worker = start_worker(queue, smtp_port)
    try:
        kill_producer.send_task(einladungen.SEND_INVITATIONS, args=[ids], queue=queue)
        kill_producer.send_task(einladungen.SEND_INVITATIONS, args=[[sentinel.pk]], queue=queue)
        inbox.wait_for(CHUNK + 1, timeout=60)
        assert len(inbox.to(sentinel.person.email)) == 1, "the restarted worker sent nothing"
    finally:
        stop(worker)

    assert [len(inbox.to(e.person.email)) for e in rows] == [1] * CHUNK
    assert len(inbox.messages) == CHUNK + 1
    cut_off = Einladung.objects.get(pk=ids[HELD - 1])
    later = timezone.now() + outbox.SEND_CLAIM_STALE + datetime.timedelta(minutes=1)
    assert outbox.is_unclear(cut_off, now=later)
    assert tasks.sweep_unsent(now=later)["einladungen"] == 0
