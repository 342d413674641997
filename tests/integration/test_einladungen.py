"""Invitations through a real Redis broker, a real worker and a real SMTP server.

Run with its own Redis database: CELERY_BROKER_URL=redis://127.0.0.1:6379/14
"""

import datetime
import email
import time
from email import policy
from zoneinfo import ZoneInfo

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar

from gwa_portal.celery import app as celery_app
from netzwerk import einladungen, tasks
from netzwerk.models import Einladung, Termin

from ..factories import OrtFactory, PersonFactory, TerminFactory
from .conftest import drop_cached_connections, use_broker

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BERLIN = ZoneInfo("Europe/Berlin")
UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"


def next_summer_termin():
    year = timezone.localdate().year + 1
    return TerminFactory(
        titel="Runder Tisch Wiesenau",
        beginn=datetime.datetime(year, 7, 1, 18, tzinfo=BERLIN),
        ende=datetime.datetime(year, 7, 1, 20, 30, tzinfo=BERLIN),
        ort=OrtFactory(name="Stadtteiltreff Wiesenau"),
    )


def wait_until_sent(timeout=20):
    """The worker commits right after the SMTP server has the mail; write only after that
    (SQLite, unlike PostgreSQL, refuses a second writer instead of waiting)."""
    deadline = time.monotonic() + timeout
    while Einladung.objects.unsent().exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def parse(envelope):
    message = email.message_from_bytes(envelope.content, policy=policy.default)
    [part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    return message, part, Calendar.from_ical(part.get_content())


@pytest.fixture(autouse=True)
def empty_queue(redis_broker):
    """Tasks left in the queue by an aborted earlier run would mail ids of this run's rows."""
    redis.Redis.from_url(redis_broker).delete("celery")


def test_invite_update_and_cancel_arrive_over_smtp(celery_worker, smtp_server):
    termin = next_summer_termin()
    personen = [PersonFactory(email=f"gast{i}@example.org") for i in range(3)]
    with transaction.atomic():
        einladungen.invite(termin=termin, personen=personen)

    messages = smtp_server.wait_for(3)
    assert sorted(m.rcpt_tos[0] for m in messages) == sorted(p.email for p in personen)
    for envelope in messages:
        message, part, cal = parse(envelope)
        assert message.get_content_type() == "multipart/alternative"
        assert part.get_param("method") == "REQUEST"
        assert cal["METHOD"] == "REQUEST"
        [event] = cal.events
        assert str(event["UID"]) == termin.uid
        assert event["SEQUENCE"] == 0
        assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
        assert event.start == termin.beginn.astimezone(BERLIN)
        assert (event.start.hour, event.end.hour, event.end.minute) == (18, 20, 30)
        assert [tz.tz_name for tz in cal.timezones] == ["Europe/Berlin"]
        assert str(event.attendees[0]) == f"mailto:{envelope.rcpt_tos[0]}"

    wait_until_sent()
    with transaction.atomic():
        before = Termin.objects.get(pk=termin.pk)
        termin.beginn += datetime.timedelta(hours=1)
        termin.ende += datetime.timedelta(hours=1)
        termin.save()
        einladungen.record_change(termin=termin, before=before)
    updates = smtp_server.wait_for(6)[3:]
    assert len(updates) == 3
    for envelope in updates:
        _, _, cal = parse(envelope)
        [event] = cal.events
        assert (str(event["UID"]), event["SEQUENCE"], event.start.hour) == (termin.uid, 1, 19)

    wait_until_sent()
    with transaction.atomic():
        einladungen.cancel(termin=termin)
    cancels = smtp_server.wait_for(9)[6:]
    assert len(cancels) == 3
    for envelope in cancels:
        _, part, cal = parse(envelope)
        assert part.get_param("method") == "CANCEL"
        assert cal["METHOD"] == "CANCEL"
        assert str(cal.events[0]["UID"]) == termin.uid
        assert cal.events[0]["SEQUENCE"] == 2
    assert len(smtp_server.messages) == 9


def test_with_the_broker_down_invite_succeeds_and_the_sweep_sends_later(
    redis_broker, smtp_server, settings, monkeypatch
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    termin = next_summer_termin()
    personen = [PersonFactory() for _ in range(5)]
    use_broker(monkeypatch, UNREACHABLE_BROKER)
    try:
        started = time.monotonic()
        with transaction.atomic():
            einladungen.invite(termin=termin, personen=personen)
        elapsed = time.monotonic() - started
    finally:
        use_broker(monkeypatch, redis_broker)
    # One failed enqueue (not one per invitee) is all the request waits for.
    assert elapsed < 3, f"invite with the broker down took {elapsed:.2f}s"
    assert Einladung.objects.filter(termin=termin).count() == 5
    assert Einladung.objects.unsent().count() == 5
    assert smtp_server.messages == []
    assert redis.Redis.from_url(redis_broker).llen("celery") == 0  # nothing reached the broker

    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
            assert tasks.sweep_unsent() == {"einladungen": 5, "erinnerungen": 0}
            messages = smtp_server.wait_for(5)
            assert sorted(m.rcpt_tos[0] for m in messages) == sorted(p.email for p in personen)
            wait_until_sent()
            assert tasks.sweep_unsent() == {"einladungen": 0, "erinnerungen": 0}
            time.sleep(1)
    finally:
        celery_app.conf.task_always_eager = True
        drop_cached_connections()
    assert len(smtp_server.messages) == 5
    assert set(Einladung.objects.values_list("sent_sequence", flat=True)) == {0}
