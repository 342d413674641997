"""Celery tasks for released Protokolle, Aufgaben reminders and Fortbildung move-ups.

Each mail is recorded in the database before Celery is asked (the outbox), and each task
locks its row and checks the "sent" mark, so a task that runs twice sends one mail.
Registered by NetzwerkConfig.ready(); Celery autodiscovers only tasks.py.
"""

import datetime
import logging

from celery import shared_task
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gwa_portal.core.mail import absolute_url, build_mail

from .models import Anmeldung, Aufgabe, Person, Protokollversand

log = logging.getLogger(__name__)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_protokoll(versand_id):
    """Mail a released Protokoll to one recipient, once."""
    with transaction.atomic():
        versand = (
            Protokollversand.objects.unsent()
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("person", "protokoll__termin__gremium", "protokoll__termin__ort")
            .filter(pk=versand_id)
            .first()
        )
        if versand is None:
            return False
        protokoll = versand.protokoll
        message = build_mail(
            to=versand.person.email,
            template="netzwerk/email/protokoll",
            context={
                "person": versand.person,
                "protokoll": protokoll,
                "termin": protokoll.termin,
                "aufgaben": protokoll.aufgaben.select_related("verantwortlich"),
                "url": absolute_url(protokoll.get_absolute_url()),
            },
        )
        message.send()
        versand.sent_at = timezone.now()
        versand.save(update_fields=["sent_at"])
    return True


def _run_each(task, ids):
    sent = 0
    for pk in ids:
        try:
            sent += bool(task(pk))
        except Exception:  # one bad row must not hold back the others; it stays in the outbox
            log.exception("%s(%s) failed, next sweep retries", task.name, pk)
    return sent


@shared_task
def sweep_protokollversand():
    """Send what a broker outage left in the Protokoll outbox."""
    ids = list(Protokollversand.objects.unsent().values_list("pk", flat=True)[:500])
    return _run_each(send_protokoll, ids)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_nachrueck_mail(anmeldung_id):
    """Tell a coordinator that they moved up from the waiting list, once."""
    with transaction.atomic():
        anmeldung = (
            Anmeldung.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("user", "fortbildung")
            .filter(
                pk=anmeldung_id,
                status=Anmeldung.Status.ANGEMELDET,
                nachgerueckt_am__isnull=False,
                nachrueck_mail_am__isnull=True,
            )
            .first()
        )
        if anmeldung is None or not anmeldung.user.email:
            return False
        message = build_mail(
            to=anmeldung.user.email,
            template="netzwerk/email/nachgerueckt",
            context={
                "anmeldung": anmeldung,
                "fortbildung": anmeldung.fortbildung,
                "url": absolute_url(anmeldung.fortbildung.get_absolute_url()),
            },
        )
        message.send()
        anmeldung.nachrueck_mail_am = timezone.now()
        anmeldung.save(update_fields=["nachrueck_mail_am", "updated_at"])
    return True


@shared_task
def sweep_nachrueck_mails():
    ids = list(
        Anmeldung.objects.filter(
            status=Anmeldung.Status.ANGEMELDET,
            nachgerueckt_am__isnull=False,
            nachrueck_mail_am__isnull=True,
        ).values_list("pk", flat=True)[:500]
    )
    return _run_each(send_nachrueck_mail, ids)


def start_of_week(day):
    return day - datetime.timedelta(days=day.weekday())


@shared_task
def remind_overdue_aufgaben():
    """One mail per responsible Person listing their overdue Aufgaben, at most once a week
    per Aufgabe: erinnert_am is set in the same transaction as the mail is sent, so a failed
    mail leaves the Aufgaben unmarked, and a second run in the same week finds nothing."""
    today = timezone.localdate()
    monday = start_of_week(today)
    due = (
        Aufgabe.objects.released()
        .overdue(today=today)
        .filter(verantwortlich__geloescht_am__isnull=True)
        .exclude(verantwortlich__email="")
        .exclude(erinnert_am__gte=monday)
    )
    person_ids = sorted(set(due.values_list("verantwortlich", flat=True)))
    sent = 0
    for person_id in person_ids:
        try:
            sent += _remind_person(person_id, due, today)
        except Exception:
            log.exception("reminder for person %s failed, next run retries", person_id)
    return sent


def _remind_person(person_id, due, today):
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
        message = build_mail(
            to=person.email,
            template="netzwerk/email/aufgaben_erinnerung",
            context={
                "person": person,
                "aufgaben": aufgaben,
                "url": absolute_url(reverse("netzwerk:aufgabe_mine")),
            },
        )
        message.send()
    return 1


__all__ = [
    "remind_overdue_aufgaben",
    "send_nachrueck_mail",
    "send_protokoll",
    "sweep_nachrueck_mails",
    "sweep_protokollversand",
]
