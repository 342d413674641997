"""The Termin views end to end: real Redis broker, real worker, real SMTP server on loopback.

Unlike test_einladungen.py, everything here goes through the views a Fachstelle uses.
Run with its own Redis database: CELERY_BROKER_URL=redis://127.0.0.1:6379/15
"""

import datetime
import email
import time
from email import policy
from zoneinfo import ZoneInfo

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from gwa_portal.celery import app as celery_app
from gwa_portal.core import outbox
from netzwerk import tasks
from netzwerk.models import Einladung, Termin

from ..factories import GremiumFactory, MitgliedschaftFactory, OrtFactory, PersonFactory
from .conftest import drop_cached_connections, use_broker

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BERLIN = ZoneInfo("Europe/Berlin")
UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"
YEAR = timezone.localdate().year + 1


@pytest.fixture(autouse=True)
def empty_queue(redis_broker):
    """Tasks left in the queue by an aborted earlier run would mail ids of this run's rows."""
    redis.Redis.from_url(redis_broker).delete("celery")


@pytest.fixture
def gremium():
    gremium = GremiumFactory(name="Runder Tisch Wiesenau", slug="runder-tisch-wiesenau")
    for i in range(3):
        MitgliedschaftFactory(
            gremium=gremium, person=PersonFactory(name=f"Mitglied {i}", email=f"m{i}@example.org")
        )
    return gremium


@pytest.fixture
def fachstelle_client(client, fachstelle):
    client.force_login(fachstelle)
    return client


def form_data(gremium, ort, **overrides):
    data = {
        "titel": "Runder Tisch im Sommer",
        "gremium": gremium.pk,
        "quartier": "",
        "datum": f"{YEAR}-07-01",
        "beginn_zeit": "18:00",
        "ende_zeit": "20:30",
        "ende_datum": "",
        "ort": ort.pk,
        "online_link": "",
        "beschreibung": "",
        "tagesordnung": "Begrüßung\nSommerfest",
        "kapazitaet": "",
        "alle_mitglieder": "on",
    }
    data.update(overrides)
    return data


def member_emails(gremium):
    return sorted(m.person.email for m in gremium.mitgliedschaften.select_related("person"))


def wait_until_sent(timeout=20):
    """The worker commits right after the SMTP server has the mail; write only after that
    (SQLite, unlike PostgreSQL, refuses a second writer instead of waiting)."""
    deadline = time.monotonic() + timeout
    while Einladung.objects.unsent().exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Einladung.objects.unsent().exists(), "the worker did not finish in time"


def parse(envelope):
    message = email.message_from_bytes(envelope.content, policy=policy.default)
    [part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    calendar = Calendar.from_ical(part.get_content())
    [event] = calendar.events
    return part, calendar, event


def arrived(inbox, start, count):
    """Exactly `count` new mails after the first `start`, each to a different recipient."""
    messages = inbox.wait_for(start + count)[start:]
    assert len(messages) == count
    return messages


def assert_quiet(inbox, count, seconds=1.0):
    """No late duplicate: the inbox still holds `count` mails after a pause."""
    time.sleep(seconds)
    assert len(inbox.messages) == count


def test_create_edit_and_cancel_through_the_views_mail_each_invitee_once(
    celery_worker, smtp_server, fachstelle_client, gremium
):
    ort = OrtFactory(name="Stadtteiltreff Wiesenau")
    emails = member_emails(gremium)

    response = fachstelle_client.post(reverse("netzwerk:termin_create"), form_data(gremium, ort))
    termin = Termin.objects.get()
    assert response.status_code == 302
    assert response["Location"] == termin.get_absolute_url()

    invitations = arrived(smtp_server, 0, 3)
    assert sorted(m.rcpt_tos[0] for m in invitations) == emails
    for envelope in invitations:
        part, calendar, event = parse(envelope)
        assert part.get_param("method") == "REQUEST"
        assert calendar["METHOD"] == "REQUEST"
        assert str(event["UID"]) == termin.uid
        assert event["SEQUENCE"] == 0
        assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
        assert event.start == datetime.datetime(YEAR, 7, 1, 18, 0, tzinfo=BERLIN)
        assert event.end == datetime.datetime(YEAR, 7, 1, 20, 30, tzinfo=BERLIN)
        assert event.start.utcoffset() == datetime.timedelta(hours=2)  # summer time
        assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Berlin"]
        assert str(event.attendees[0]) == f"mailto:{envelope.rcpt_tos[0]}"
    wait_until_sent()

    edit = form_data(gremium, ort, beginn_zeit="19:00", ende_zeit="21:00", status="geplant")
    response = fachstelle_client.post(reverse("netzwerk:termin_edit", args=[termin.pk]), edit)
    assert response.status_code == 302
    updates = arrived(smtp_server, 3, 3)
    assert sorted(m.rcpt_tos[0] for m in updates) == emails
    for envelope in updates:
        part, calendar, event = parse(envelope)
        assert (calendar["METHOD"], str(event["UID"]), event["SEQUENCE"]) == (
            "REQUEST",
            termin.uid,
            1,
        )
        assert event.start == datetime.datetime(YEAR, 7, 1, 19, 0, tzinfo=BERLIN)
        assert event.end == datetime.datetime(YEAR, 7, 1, 21, 0, tzinfo=BERLIN)
    wait_until_sent()

    response = fachstelle_client.post(reverse("netzwerk:termin_cancel", args=[termin.pk]))
    assert response.status_code == 302
    cancels = arrived(smtp_server, 6, 3)
    assert sorted(m.rcpt_tos[0] for m in cancels) == emails
    for envelope in cancels:
        part, calendar, event = parse(envelope)
        assert part.get_param("method") == "CANCEL"
        assert calendar["METHOD"] == "CANCEL"
        assert (str(event["UID"]), event["SEQUENCE"]) == (termin.uid, 2)
    wait_until_sent()

    assert_quiet(smtp_server, 9)
    assert set(termin.einladungen.values_list("sent_sequence", flat=True)) == {2}


def test_with_the_broker_down_the_view_succeeds_and_the_sweep_sends_once(
    redis_broker, smtp_server, settings, monkeypatch, fachstelle_client, gremium
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    ort = OrtFactory(name="Stadtteiltreff Wiesenau")
    use_broker(monkeypatch, UNREACHABLE_BROKER)
    try:
        started = time.monotonic()
        response = fachstelle_client.post(
            reverse("netzwerk:termin_create"), form_data(gremium, ort)
        )
        elapsed = time.monotonic() - started
    finally:
        use_broker(monkeypatch, redis_broker)
    print(f"termin_create with the broker down took {elapsed:.2f}s")
    termin = Termin.objects.get()
    assert response.status_code == 302
    assert response["Location"] == termin.get_absolute_url()
    assert elapsed < 3, f"termin_create with the broker down took {elapsed:.2f}s"
    assert list(termin.einladungen.values_list("sent_sequence", flat=True)) == [-1, -1, -1]
    assert smtp_server.messages == []
    assert redis.Redis.from_url(redis_broker).llen("celery") == 0  # nothing reached the broker
    messages = [
        str(m) for m in fachstelle_client.get(termin.get_absolute_url()).context["messages"]
    ]
    assert messages == ["Der Termin wurde angelegt. 3 Personen erhalten eine Einladung."]

    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
            outbox.enqueue(tasks.sweep_unsent.name)  # as beat would: the worker runs the sweep
            delivered = arrived(smtp_server, 0, 3)
            assert sorted(m.rcpt_tos[0] for m in delivered) == member_emails(gremium)
            for envelope in delivered:
                _, calendar, event = parse(envelope)
                assert (calendar["METHOD"], str(event["UID"]), event["SEQUENCE"]) == (
                    "REQUEST",
                    termin.uid,
                    0,
                )
            wait_until_sent()
            assert tasks.sweep_unsent() == {"einladungen": 0, "erinnerungen": 0}
            outbox.enqueue(tasks.sweep_unsent.name)
            assert_quiet(smtp_server, 3)
    finally:
        celery_app.conf.task_always_eager = True
        drop_cached_connections()
    assert set(termin.einladungen.values_list("sent_sequence", flat=True)) == {0}
