"""A real Celery worker is SIGKILLed while the SMTP server holds its invitation: after the sweep
and a restarted worker (which gets the task again, as a redelivery would) the invitee still has
exactly one mail. PostgreSQL and Redis only: the worker is a separate process."""

import signal
import uuid

import pytest

from netzwerk import einladungen, tasks

from ..factories import EinladungFactory
from ..integration.worker_process import SlowInbox, forget_queue, producer, start_worker, stop
from ..smtp import mailers, running_smtp

pytestmark = [pytest.mark.fault, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def slow_smtp():
    inbox = SlowInbox()
    with running_smtp(inbox) as port:
        yield inbox, port
        inbox.release.set()


@pytest.fixture
def broker():
    with producer("fault-producer") as app:
        yield app


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
    settings.MAILERS = mailers(smtp_port)
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
