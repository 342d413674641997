"""Reminders of survey invitations: the staff ask for them, and each invitee who has not taken
part gets one reminder mail with a new code. `befragung/tasks.py` sends them."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gwa_portal.core import outbox
from gwa_portal.core.audit import changed_copy, log_bulk_update

from .einladungen import mailable
from .models import Befragung, Befragungseinladung

# Enqueued by name, so that this module need not import befragung/tasks.py.
SEND_SURVEY_REMINDER = "befragung.tasks.send_survey_reminder"


def remindable(befragung):
    """Sent, not yet reminded (nor asked to be), and not taken part."""
    return mailable().filter(
        befragung=befragung,
        sent_at__isnull=False,
        reminded_at__isnull=True,
        reminder_requested_at__isnull=True,
        teilgenommen=False,
    )


def request_reminders(*, befragung, now=None):
    """Record the reminder intent on every remindable invitation, then enqueue. Returns the ids."""
    now = now or timezone.now()
    with transaction.atomic():
        # Locked, so that a second click finds nothing left to remind. Logged: who asked for
        # the reminders (the sending itself is the outbox's bookkeeping).
        rows = list(remindable(befragung).select_related("person").select_for_update(of=("self",)))
        for row in rows:
            row.befragung = befragung
        ids = [row.pk for row in rows]
        Befragungseinladung.objects.filter(pk__in=ids).update(reminder_requested_at=now)
        log_bulk_update(
            [(row, changed_copy(row, reminder_requested_at=now)) for row in rows],
            fields=["reminder_requested_at"],
        )
        outbox.enqueue_each_on_commit(SEND_SURVEY_REMINDER, ids)
    return ids


def pending_reminders(*, today=None):
    """Requested reminders not yet sent, while the survey runs, to people who have not taken part."""
    today = today or timezone.localdate()
    return mailable().filter(
        Q(befragung__ende__isnull=True) | Q(befragung__ende__gte=today),
        reminder_requested_at__isnull=False,
        reminded_at__isnull=True,
        teilgenommen=False,
        befragung__status=Befragung.Status.LAEUFT,
    )
