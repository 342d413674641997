"""Background delivery for the netzwerk app. Tasks take ids and are safe to run twice.

Each mail task locks its outbox row (`select_for_update(skip_locked=True)`): a second run of
the same task, or the sweep racing a delayed worker, finds the row locked or already sent.
"""

import datetime
import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import invitations
from .models import Einladung, Erinnerung, Termin

log = logging.getLogger(__name__)

# Bounded batches: a long outage is worked off over a few sweeps instead of one huge run.
SWEEP_BATCH = 500
MAX_ERROR_LENGTH = Einladung._meta.get_field("send_error").max_length


def enqueue(task, *args):
    """Enqueue without failing the request: if the broker is down, the periodic sweep sends.

    Returns whether the broker took the task.
    """
    try:
        task.delay(*args)
    except Exception as error:  # any broker error: the row stays in the outbox for the sweep
        log.warning("enqueue %s%r failed, the sweep will retry: %s", task.name, args, error)
        return False
    return True


def enqueue_each(task, ids):
    """Enqueue `task(id)` for every id, and stop at the first broker failure: each failed
    attempt costs the request time, and the sweep picks up all the rows anyway."""
    return all(enqueue(task, pk) for pk in ids)


def skip_reason(einladung, *, now):
    person, termin = einladung.person, einladung.termin
    if person.is_erased:
        return _("Nicht versandt: Die Person wurde gelöscht.")
    if not person.email:
        return _("Nicht versandt: Keine E-Mail-Adresse hinterlegt.")
    if termin.ende < now:
        return _("Nicht versandt: Der Termin ist vorbei.")
    if termin.is_cancelled and einladung.sent_sequence < 0:
        return _("Nicht versandt: Der Termin wurde vor dem Versand der Einladung abgesagt.")
    return ""


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation(einladung_id):
    """Mail the current state of the Termin to one invitee, once per sequence.

    Returns whether a mail went out. Rows that cannot be mailed are marked as handled for
    this sequence, with the reason in send_error, so that the sweep does not retry them.
    """
    now = timezone.now()
    failure = None
    with transaction.atomic():
        einladung = (
            Einladung.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("termin", "termin__ort", "person")
            .filter(pk=einladung_id)
            .first()
        )
        if einladung is None or einladung.sent_sequence >= einladung.termin.sequence:
            return False
        reason = skip_reason(einladung, now=now)
        if reason:
            einladung.sent_sequence = einladung.termin.sequence
            einladung.send_error = reason
            einladung.save(update_fields=["sent_sequence", "send_error", "updated_at"])
            return False
        try:
            invitations.invitation_mail(einladung).send()
        except OSError as error:  # SMTP trouble: record it, commit, and let Celery retry
            einladung.send_error = str(error)[:MAX_ERROR_LENGTH] or error.__class__.__name__
            einladung.save(update_fields=["send_error", "updated_at"])
            failure = error
        else:
            einladung.sent_sequence = einladung.termin.sequence
            einladung.sent_at = now
            einladung.send_error = ""
            einladung.save(update_fields=["sent_sequence", "sent_at", "send_error", "updated_at"])
    if failure:
        raise failure
    return True


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_reminder(erinnerung_id):
    """Mail one reminder, at most once. Returns whether a mail went out."""
    now = timezone.now()
    with transaction.atomic():
        erinnerung = (
            Erinnerung.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("einladung", "einladung__termin", "einladung__person")
            .filter(pk=erinnerung_id, sent_at__isnull=True)
            .first()
        )
        if erinnerung is None:
            return False
        einladung = erinnerung.einladung
        termin, person = einladung.termin, einladung.person
        if (
            termin.is_cancelled
            or termin.beginn <= now
            or einladung.antwort == Einladung.Antwort.ABGESAGT
            or person.is_erased
            or not person.email
        ):
            return False
        invitations.reminder_mail(erinnerung).send()
        erinnerung.sent_at = now
        erinnerung.save(update_fields=["sent_at"])
    return True


def pending_reminders(*, now):
    """Reminder rows that were created but never sent, for Termine still ahead."""
    return (
        Erinnerung.objects.filter(
            sent_at__isnull=True,
            einladung__termin__beginn__gt=now,
            einladung__termin__status=Termin.Status.GEPLANT,
            einladung__person__geloescht_am__isnull=True,
        )
        .exclude(einladung__antwort=Einladung.Antwort.ABGESAGT)
        .exclude(einladung__person__email="")
        .order_by("pk")
    )


@shared_task
def sweep_unsent(now=None):
    """Beat, every minute: enqueue what a broker outage (or a lost worker) left unsent –
    invitations, updates and cancellations of Termine not yet over, and created reminders."""
    now = now or timezone.now()
    einladung_ids = list(
        Einladung.objects.unsent()
        .filter(termin__ende__gte=now)
        .order_by("pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    erinnerung_ids = list(pending_reminders(now=now).values_list("pk", flat=True)[:SWEEP_BATCH])
    enqueue_each(send_invitation, einladung_ids)
    enqueue_each(send_reminder, erinnerung_ids)
    return {"einladungen": len(einladung_ids), "erinnerungen": len(erinnerung_ids)}


def due_reminders(*, now):
    """(einladung_id, offset) pairs whose reminder time has come, in two queries.

    Due: the Termin is ahead and not cancelled, now >= beginn - offset, the invitee has not
    declined, and the invitation was mailed before the reminder time (an invitation or update
    that arrives later already tells the news, so a reminder on top would be noise).
    """
    termine = list(
        Termin.objects.filter(beginn__gt=now, status=Termin.Status.GEPLANT).values_list(
            "pk", "beginn", "erinnerungen"
        )
    )
    due_offsets = {}
    for pk, beginn, offsets in termine:
        due = {
            o
            for o in offsets or []
            if isinstance(o, int) and o > 0 and now >= beginn - datetime.timedelta(minutes=o)
        }
        if due:
            due_offsets[pk] = (beginn, due)
    if not due_offsets:
        return []
    einladungen = (
        Einladung.objects.filter(
            termin_id__in=due_offsets.keys(),
            sent_sequence__gte=0,
            sent_at__isnull=False,
            person__geloescht_am__isnull=True,
        )
        .exclude(antwort=Einladung.Antwort.ABGESAGT)
        .exclude(person__email="")
        .values_list("pk", "termin_id", "sent_at")
    )
    pairs = []
    for pk, termin_id, sent_at in einladungen:
        beginn, offsets = due_offsets[termin_id]
        for offset in sorted(offsets):
            if sent_at <= beginn - datetime.timedelta(minutes=offset):
                pairs.append((pk, offset))
    return pairs


@shared_task
def send_due_reminders(now=None):
    """Beat, every 5 minutes: create the due Erinnerung rows (unique per Einladung and
    offset, so a second run creates nothing), then enqueue the mails after commit."""
    now = now or timezone.now()
    pairs = due_reminders(now=now)
    with transaction.atomic():
        # Not in the audit trail: outbox rows the beat writes, no one's decision (§0).
        Erinnerung.objects.bulk_create(
            [Erinnerung(einladung_id=pk, offset_minuten=offset) for pk, offset in pairs],
            ignore_conflicts=True,
        )
        ids = list(pending_reminders(now=now).values_list("pk", flat=True)[:SWEEP_BATCH])
        transaction.on_commit(lambda: enqueue_each(send_reminder, ids))
    return len(ids)
