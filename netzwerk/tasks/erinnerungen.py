"""Reminders the beat sends: of Termine, to each invitee at the offsets the Termin sets, and
once a week of overdue Aufgaben, to each responsible Person."""

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from gwa_portal.core import outbox
from gwa_portal.core.mail import send_reusing_connection

from .. import erinnerungen, mails
from ..models import Aufgabe, Einladung, Erinnerung, Person

log = logging.getLogger(__name__)

SEND_REMINDER = "netzwerk.tasks.send_reminder"


@shared_task(name=SEND_REMINDER, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_reminder(erinnerung_id):
    """Mail one reminder of a Termin, at most once: the claim is committed before the SMTP
    call (see `send_invitation`). Returns whether a mail went out."""
    now = timezone.now()
    message = _claim(erinnerung_id, now=now)
    if message is None:
        return False
    try:
        send_reusing_connection(message)
    except OSError:  # nothing went out: release the claim and let Celery retry
        outbox.release(Erinnerung, erinnerung_id, claimed_at=now)
        raise
    outbox.release(Erinnerung, erinnerung_id, claimed_at=now, sent_at=now)
    return True


def _claim(erinnerung_id, *, now):
    with transaction.atomic():
        erinnerung = outbox.lock(
            Erinnerung.objects.filter(sent_at=None, sending_started_at=None).select_related(
                "einladung", "einladung__termin", "einladung__person"
            ),
            erinnerung_id,
        )
        if erinnerung is None:
            return None
        einladung = erinnerung.einladung
        termin, person = einladung.termin, einladung.person
        if (
            termin.is_cancelled
            or termin.beginn <= now
            or einladung.antwort == Einladung.Antwort.ABGESAGT
            or person.is_erased
            or not person.email
        ):
            return None
        message = mails.erinnerung_mail(erinnerung)
        outbox.claim(erinnerung, now=now)
    return message


@shared_task(name="netzwerk.tasks.send_due_reminders")
def send_due_reminders(now=None):
    """Beat, every 5 minutes: create the due Erinnerung rows (unique per Einladung and
    offset, so a second run creates nothing), then enqueue the mails after commit."""
    now = now or timezone.now()
    pairs = erinnerungen.due_reminders(now=now)
    with transaction.atomic():
        # Not in the audit trail: outbox rows the beat writes, no one's decision (§0).
        Erinnerung.objects.bulk_create(
            [Erinnerung(einladung_id=pk, offset_minuten=offset) for pk, offset in pairs],
            ignore_conflicts=True,
        )
        ids = outbox.sweep_ids(erinnerungen.pending_reminders(now=now))
        outbox.enqueue_each_on_commit(SEND_REMINDER, ids)
    return len(ids)


@shared_task(name="netzwerk.mail_jobs.remind_overdue_aufgaben")
def remind_overdue_aufgaben():
    """Beat, Mondays: one mail per responsible Person listing their overdue Aufgaben, at most
    once a week per Aufgabe. erinnert_am is set in the same transaction as the mail is sent, so
    a failed mail leaves the Aufgaben unmarked, and a second run in the same week finds nothing."""
    today = timezone.localdate()
    due = erinnerungen.aufgaben_for_erinnerung(today=today)
    person_ids = sorted(set(due.values_list("verantwortlich", flat=True)))
    sent = 0
    for person_id in person_ids:
        try:
            sent += _send_aufgaben_erinnerung(person_id, due, today)
        except Exception:
            log.exception("reminder for person %s failed, next run retries", person_id)
    return sent


def _send_aufgaben_erinnerung(person_id, due, today):
    with transaction.atomic():
        aufgaben = list(
            due.filter(verantwortlich=person_id)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("protokoll__termin")
            .order_by("faellig_am", "pk")
        )
        if not aufgaben:
            return 0
        # Not in the audit trail: the beat's bookkeeping of its own mail (§0).
        Aufgabe.objects.filter(pk__in=[a.pk for a in aufgaben]).update(erinnert_am=today)
        person = Person.objects.get(pk=person_id)
        mails.aufgaben_erinnerung_mail(person=person, aufgaben=aufgaben).send()
    return 1
