"""Invitation mails from the outbox: multipart with iMIP, once per sequence, and the sweep."""

import datetime
import email
from email import policy

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from netzwerk import einladungen, tasks
from netzwerk.models import Einladung, Termin

from ..factories import EinladungFactory, PersonFactory, TagesordnungspunktFactory, TerminFactory

pytestmark = pytest.mark.django_db


def parsed(message):
    return email.message_from_bytes(message.message().as_bytes(), policy=policy.default)


def calendar_part(message):
    [part] = [p for p in parsed(message).walk() if p.get_content_type() == "text/calendar"]
    return part


def calendar_of(message):
    return Calendar.from_ical(calendar_part(message).get_content())


def invite_all(termin, personen, capture):
    with capture(execute=True):
        return einladungen.invite(termin=termin, personen=personen)


def test_invitation_mail_has_text_html_and_a_request_calendar(
    django_capture_on_commit_callbacks, settings
):
    settings.GWA_BASE_URL = "https://gwa.example.org"
    termin = TerminFactory(titel="Runder Tisch Wiesenau")
    TagesordnungspunktFactory(termin=termin, position=1, titel="Spielplatz am Park")
    person = PersonFactory(name="Ada Beispiel", email="ada@example.org")
    invite_all(termin, [person], django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert message.to == ["ada@example.org"]
    assert message.subject == "Einladung: Runder Tisch Wiesenau"
    msg = parsed(message)
    assert msg.get_content_type() == "multipart/alternative"
    types = [p.get_content_type() for p in msg.iter_parts()]
    assert types == ["text/plain", "text/html", "text/calendar"]
    part = calendar_part(message)
    assert part.get_param("method") == "REQUEST"
    assert part.get_content_charset() == "utf-8"
    assert part.get_payload(decode=True).startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert calendar_of(message).events[0]["UID"] == termin.uid
    text = msg.get_body(("plain",)).get_content()
    assert "Guten Tag Ada Beispiel" in text
    assert "Spielplatz am Park" in text
    assert "https://gwa.example.org/einladung/" in text
    assert f"https://gwa.example.org/kalender/{person.kalender_token}.ics" in text
    html = msg.get_body(("html",)).get_content()
    assert "Spielplatz am Park" in html
    assert "/einladung/" in html


def test_the_task_twice_sends_one_mail(django_capture_on_commit_callbacks):
    [einladung] = invite_all(TerminFactory(), [PersonFactory()], django_capture_on_commit_callbacks)
    assert tasks.send_invitation(einladung.pk) is False
    assert len(mail.outbox) == 1
    einladung.refresh_from_db()
    assert einladung.sent_sequence == 0
    assert einladung.sent_at is not None
    assert einladung.send_error == ""


def test_update_and_cancel_reach_the_invitee_with_the_same_uid(django_capture_on_commit_callbacks):
    termin = TerminFactory()
    invite_all(termin, [PersonFactory()], django_capture_on_commit_callbacks)
    before = Termin.objects.get(pk=termin.pk)
    termin.beginn += datetime.timedelta(days=1)
    termin.ende += datetime.timedelta(days=1)
    termin.save()
    with django_capture_on_commit_callbacks(execute=True):
        einladungen.record_change(termin=termin, before=before)
    with django_capture_on_commit_callbacks(execute=True):
        einladungen.cancel(termin=termin)

    _first, update, cancel = mail.outbox
    assert update.subject.startswith("Geändert: ")
    assert cancel.subject.startswith("Abgesagt: ")
    assert calendar_part(cancel).get_param("method") == "CANCEL"
    events = [calendar_of(m).events[0] for m in mail.outbox]
    assert {str(e["UID"]) for e in events} == {termin.uid}
    assert [e["SEQUENCE"] for e in events] == [0, 1, 2]
    assert calendar_of(cancel)["METHOD"] == "CANCEL"
    assert "/einladung/" not in parsed(cancel).get_body(("plain",)).get_content()


@pytest.mark.parametrize(
    ("person_kwargs", "reason"),
    [
        ({"email": ""}, "Keine E-Mail-Adresse"),
        ({"geloescht_am": timezone.now()}, "gelöscht"),
    ],
)
def test_invitee_without_address_or_erased_is_skipped_and_marked(
    django_capture_on_commit_callbacks, person_kwargs, reason
):
    person = PersonFactory(**person_kwargs)
    invite_all(TerminFactory(), [person], django_capture_on_commit_callbacks)
    assert mail.outbox == []
    einladung = Einladung.objects.get()
    assert reason in einladung.send_error
    assert einladung.sent_at is None
    # Marked as handled for this sequence: the sweep does not try again.
    assert not Einladung.objects.unsent().exists()


def test_cancelling_before_anything_was_sent_mails_nobody():
    einladung = EinladungFactory()
    einladungen.cancel(termin=einladung.termin)
    assert tasks.send_invitation(einladung.pk) is False
    assert mail.outbox == []
    einladung.refresh_from_db()
    assert "abgesagt" in einladung.send_error


def test_an_smtp_failure_is_recorded_and_the_row_stays_in_the_outbox(settings):
    einladung = EinladungFactory()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2},
        }
    }
    with pytest.raises(OSError):
        tasks.send_invitation(einladung.pk)
    einladung.refresh_from_db()
    assert einladung.send_error
    assert einladung.sent_sequence == -1
    assert list(Einladung.objects.unsent()) == [einladung]

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    tasks.sweep_unsent()
    assert len(mail.outbox) == 1
    einladung.refresh_from_db()
    assert einladung.send_error == ""


def test_sweep_sends_what_was_left_unsent_once(django_capture_on_commit_callbacks):
    upcoming = EinladungFactory.create_batch(3)
    running = EinladungFactory(
        termin=TerminFactory(
            beginn=timezone.now() - datetime.timedelta(hours=1),
            ende=timezone.now() + datetime.timedelta(hours=1),
        )
    )
    EinladungFactory(
        termin=TerminFactory(
            beginn=timezone.now() - datetime.timedelta(days=2),
            ende=timezone.now() - datetime.timedelta(days=2, hours=-2),
        )
    )
    cancelled = EinladungFactory(sent_sequence=0, sent_at=timezone.now())
    einladungen.cancel(termin=cancelled.termin)  # outside on_commit capture: not delivered

    assert tasks.sweep_unsent() == {"einladungen": 5, "erinnerungen": 0}
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(e.person.email for e in [*upcoming, running, cancelled])
    assert calendar_part(mail.outbox[-1]).get_param("method") == "CANCEL"

    assert tasks.sweep_unsent() == {"einladungen": 0, "erinnerungen": 0}
    assert len(mail.outbox) == 5


@pytest.mark.parametrize("count", [3, 30])
def test_sweep_queries_do_not_grow_with_the_outbox(
    django_assert_max_num_queries, in_memory_broker, count
):
    EinladungFactory.create_batch(count)
    with django_assert_max_num_queries(2):
        assert tasks.sweep_unsent()["einladungen"] == count
