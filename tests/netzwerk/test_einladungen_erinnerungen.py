"""Reminders at the Termin's offsets: once per offset and invitee, and only when due."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from netzwerk import einladungen, tasks
from netzwerk.models import Einladung, Erinnerung, Termin

from ..factories import EinladungFactory, PersonFactory, TerminFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
TWO_DAYS, TWO_HOURS = 2 * 24 * 60, 2 * 60


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """Run the beat task as the worker does: its on_commit enqueue runs when it commits."""

    def run(now):
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.send_due_reminders(now=now)

    return run


def sent_invitation(termin, now, **kwargs):
    """An Einladung whose invitation went out a week ago."""
    return EinladungFactory(termin=termin, sent_sequence=0, sent_at=now - 7 * DAY, **kwargs)


def termin_in(now, delta, **kwargs):
    return TerminFactory(beginn=now + delta, ende=now + delta + 2 * HOUR, **kwargs)


def test_the_two_day_reminder_goes_out_once(remind, now):
    termin = termin_in(now, 47 * HOUR, erinnerungen=[TWO_DAYS, TWO_HOURS])
    einladung = sent_invitation(termin, now, person=PersonFactory(email="ada@example.org"))

    remind(now)
    remind(now + 5 * datetime.timedelta(minutes=1))
    tasks.sweep_unsent(now=now)

    [message] = mail.outbox
    assert message.to == ["ada@example.org"]
    assert message.subject == f"Erinnerung: {termin.titel}"
    assert "/einladung/" in message.body
    [erinnerung] = Erinnerung.objects.all()
    assert (erinnerung.einladung, erinnerung.offset_minuten) == (einladung, TWO_DAYS)
    assert erinnerung.sent_at is not None


def test_each_offset_is_sent_once_as_time_advances(remind, now):
    termin = termin_in(now, 3 * DAY, erinnerungen=[TWO_DAYS, TWO_HOURS])
    sent_invitation(termin, now)

    for step in [now, now + 1 * DAY + HOUR, now + 1 * DAY + 2 * HOUR, now + 3 * DAY - HOUR]:
        remind(step)
        remind(step)

    assert len(mail.outbox) == 2
    offsets = sorted(Erinnerung.objects.values_list("offset_minuten", flat=True))
    assert offsets == [TWO_HOURS, TWO_DAYS]


def test_nothing_is_due_before_the_first_offset(remind, now):
    sent_invitation(termin_in(now, 3 * DAY, erinnerungen=[TWO_DAYS]), now)
    assert remind(now) == 0
    assert mail.outbox == []
    assert not Erinnerung.objects.exists()


def test_no_reminders_for_declined_unsent_cancelled_or_started(remind, now):
    soon = termin_in(now, HOUR, erinnerungen=[TWO_HOURS])
    sent_invitation(soon, now, antwort=Einladung.Antwort.ABGESAGT)
    EinladungFactory(termin=soon)  # invitation never mailed
    cancelled = termin_in(now, HOUR, erinnerungen=[TWO_HOURS])
    sent_invitation(cancelled, now)
    Termin.objects.filter(pk=cancelled.pk).update(status=Termin.Status.ABGESAGT)
    started = TerminFactory(beginn=now - HOUR, ende=now + HOUR, erinnerungen=[TWO_HOURS])
    sent_invitation(started, now)

    remind(now)

    assert mail.outbox == []
    assert not Erinnerung.objects.exists()


def test_accepted_and_maybe_invitees_are_reminded(remind, now):
    termin = termin_in(now, HOUR, erinnerungen=[TWO_HOURS])
    for antwort in [Einladung.Antwort.ZUGESAGT, Einladung.Antwort.VIELLEICHT]:
        sent_invitation(termin, now, antwort=antwort)
    remind(now)
    assert len(mail.outbox) == 2
    assert "Sie haben zugesagt" in "".join(m.body for m in mail.outbox)


def test_an_invitation_sent_after_the_reminder_time_is_not_followed_by_a_reminder(remind, now):
    termin = termin_in(now, HOUR, erinnerungen=[TWO_DAYS, TWO_HOURS])
    EinladungFactory(
        termin=termin, sent_sequence=0, sent_at=now - 10 * datetime.timedelta(minutes=1)
    )
    remind(now)
    assert mail.outbox == []


def test_the_sweep_sends_a_created_but_unsent_reminder(remind, now):
    termin = termin_in(now, HOUR, erinnerungen=[TWO_HOURS])
    einladung = sent_invitation(termin, now)
    erinnerung = Erinnerung.objects.create(einladung=einladung, offset_minuten=TWO_HOURS)

    assert tasks.sweep_unsent(now=now) == {"einladungen": 0, "erinnerungen": 1}
    assert tasks.sweep_unsent(now=now) == {"einladungen": 0, "erinnerungen": 0}

    assert len(mail.outbox) == 1
    erinnerung.refresh_from_db()
    assert erinnerung.sent_at is not None
    assert tasks.send_reminder(erinnerung.pk) is False
    assert len(mail.outbox) == 1


def test_moving_the_termin_reminds_again_for_the_new_time(
    remind, now, django_capture_on_commit_callbacks
):
    termin = termin_in(now, HOUR, erinnerungen=[TWO_HOURS])
    sent_invitation(termin, now)
    remind(now)
    assert len(mail.outbox) == 1

    before = Termin.objects.get(pk=termin.pk)
    termin.beginn += 7 * DAY
    termin.ende += 7 * DAY
    termin.save()
    with django_capture_on_commit_callbacks(execute=True):
        einladungen.record_change(termin=termin, before=before)
    assert not Erinnerung.objects.exists()  # the update mail went out (2 mails)

    remind(termin.beginn - HOUR)
    assert len(mail.outbox) == 3
    assert mail.outbox[-1].subject.startswith("Erinnerung")


@pytest.mark.parametrize("count", [2, 20])
def test_reminder_queries_do_not_grow_with_the_invitees(
    remind, now, count, django_assert_max_num_queries, in_memory_broker
):
    for _ in range(3):
        termin = termin_in(now, HOUR, erinnerungen=[TWO_DAYS, TWO_HOURS])
        for _ in range(count):
            sent_invitation(termin, now)
    with django_assert_max_num_queries(6):
        assert remind(now) == 3 * count * 2
