"""Invitations in chunks: one task sends many Einladungen, the calendar is built once per Termin
and sequence, and each row is still claimed, sent and marked on its own."""

import email
import re
import smtplib
from email import policy

import pytest
from django.core import mail
from django.core.mail.backends import locmem

from gwa_portal.core import outbox
from netzwerk import einladungen, ical, tasks
from netzwerk.models import Einladung
from netzwerk.tasks import einladungen as einladungen_tasks
from netzwerk.tokens import rsvp_url

from ..factories import EinladungFactory, PersonFactory, TagesordnungspunktFactory, TerminFactory

pytestmark = pytest.mark.django_db


def calendar_bytes(message):
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)
    [part] = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
    return part.get_payload(decode=True)


def built_alone(einladung):
    """The calendar as built for one invitee from scratch, without the per-Termin template."""
    termin = einladung.termin
    event = ical.termin_event(termin, rsvp_link=rsvp_url(einladung))
    event.add("attendee", ical.attendee(einladung))
    method = "CANCEL" if termin.is_cancelled else "REQUEST"
    return ical.calendar([event], method=method).to_ical()


def without_dtstamp(data):
    return re.sub(rb"DTSTAMP:[0-9TZ]+\r\n", b"", data)


@pytest.fixture
def calendars_built(monkeypatch):
    """Counts the calendars built (ical.calendar) while the test runs."""
    built = []
    original = ical.calendar

    def counting(events, **kwargs):
        built.append(kwargs["method"])
        return original(events, **kwargs)

    monkeypatch.setattr(ical, "calendar", counting)
    return built


def test_a_chunk_builds_the_calendar_once_per_termin_and_sequence(calendars_built):
    termin, other = TerminFactory(beschreibung="Bitte pünktlich; mit Kaffee, Tee"), TerminFactory()
    TagesordnungspunktFactory(termin=termin, position=1, titel="Spielplatz am Park")
    names = ["Ada Beispiel", "Müller, Hans-Jürgen; Vorsitz", "Z" * 80]
    rows = [EinladungFactory(termin=termin, person=PersonFactory(name=name)) for name in names]
    rows.append(EinladungFactory(termin=other))

    assert tasks.send_invitations([e.pk for e in rows]) == 4

    assert calendars_built == ["REQUEST", "REQUEST"]
    by_address = {m.to[0]: m for m in mail.outbox}
    for einladung in Einladung.objects.select_related("termin", "termin__ort", "person"):
        sent = calendar_bytes(by_address[einladung.person.email])
        # Only the attendee and the RSVP link differ, and the calendar is exactly the one
        # built for this invitee alone (but for the time stamp).
        assert without_dtstamp(sent) == without_dtstamp(built_alone(einladung))
        assert einladung.rsvp_token.encode() in sent.replace(b"\r\n ", b"")
        assert einladung.sent_sequence == 0
        assert einladung.sending_started_at is None


def test_a_new_sequence_gets_its_own_calendar(calendars_built):
    einladung = EinladungFactory()
    tasks.send_invitations([einladung.pk])
    einladungen.cancel(termin=einladung.termin)
    tasks.send_invitations([einladung.pk])
    assert calendars_built == ["REQUEST", "CANCEL"]
    assert b"METHOD:CANCEL" in calendar_bytes(mail.outbox[-1])


def test_invite_enqueues_one_task_per_chunk(monkeypatch, django_capture_on_commit_callbacks):
    enqueued = []
    monkeypatch.setattr(
        outbox, "enqueue", lambda name, *args: enqueued.append((name, *args)) or True
    )
    termin = TerminFactory()
    count = einladungen.DELIVERY_CHUNK * 2 + 1
    with django_capture_on_commit_callbacks(execute=True):
        einladungen.invite(termin=termin, personen=PersonFactory.create_batch(count))
    assert [name for name, _ids in enqueued] == [einladungen.SEND_INVITATIONS] * 3
    chunks = [ids for _name, ids in enqueued]
    assert [len(ids) for ids in chunks] == [einladungen.DELIVERY_CHUNK] * 2 + [1]
    assert sorted(pk for ids in chunks for pk in ids) == sorted(
        termin.einladungen.values_list("pk", flat=True)
    )


class RefusesOne(locmem.EmailBackend):
    """The SMTP server refuses the address weg@example.org and takes every other mail."""

    def send_messages(self, messages):
        if any("weg@example.org" in m.to for m in messages):
            raise smtplib.SMTPRecipientsRefused({"weg@example.org": (550, b"no such user")})
        return super().send_messages(messages)


def test_an_smtp_failure_mid_chunk_stops_it_and_retries_the_rest_with_the_failed_row_last(
    settings,
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusesOne"}}
    termin = TerminFactory()
    first, refused, third = (
        EinladungFactory(termin=termin, person=PersonFactory(email=address))
        for address in ["a@example.org", "weg@example.org", "c@example.org"]
    )

    sent, unsent, error = einladungen_tasks.deliver([first.pk, refused.pk, third.pk])

    assert (sent, unsent) == (1, [third.pk, refused.pk])
    assert isinstance(error, smtplib.SMTPRecipientsRefused)
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    refused.refresh_from_db()
    assert "weg@example.org" in refused.send_error
    assert (refused.sent_sequence, refused.sending_started_at) == (-1, None)
    third.refresh_from_db()
    assert (third.sent_sequence, third.sending_started_at) == (-1, None)  # never claimed

    # The retry (here called directly, as Celery would with the rest) sends the third.
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        tasks.send_invitations(unsent)
    assert [m.to for m in mail.outbox] == [["a@example.org"], ["c@example.org"]]
    assert set(Einladung.objects.unsent()) == {refused}


def test_a_row_given_a_new_link_after_rendering_is_left_to_the_new_mail(
    django_capture_on_commit_callbacks,
):
    einladung = EinladungFactory()
    [(rendered, message)] = einladungen_tasks._prepare([einladung.pk], now=einladung.created_at)
    with django_capture_on_commit_callbacks(execute=True):
        einladungen.renew_links(Einladung.objects.filter(pk=einladung.pk))
    [renewed] = mail.outbox  # the new link's mail
    # The mail rendered with the old link is not sent: its row no longer matches.
    assert einladungen_tasks._send_one(rendered, message) is None
    assert mail.outbox == [renewed]
    einladung.refresh_from_db()
    assert einladung.rsvp_token in renewed.body
    assert einladung.sending_started_at is None
