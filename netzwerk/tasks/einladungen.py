"""Delivery of invitations to Termine, and the sweep that sends what a broker outage left.

The task locks its Einladung (`select_for_update(skip_locked=True)`): a second run of the same
task, or the sweep racing a delayed worker, finds the row locked or already sent.
"""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from gwa_portal.core import outbox

from .. import einladungen, erinnerungen, mails
from ..models import Einladung
from .erinnerungen import SEND_REMINDER


@shared_task(
    name=einladungen.SEND_INVITATION,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_invitation(einladung_id):
    """Mail the current state of the Termin to one invitee, once per sequence.

    Returns whether a mail went out. Rows that cannot be mailed are marked as handled for
    this sequence, with the reason in send_error, so that the sweep does not retry them.
    """
    now = timezone.now()
    failure = None
    with transaction.atomic():
        einladung = outbox.lock(
            Einladung.objects.select_related("termin", "termin__ort", "person"), einladung_id
        )
        if einladung is None or einladung.sent_sequence >= einladung.termin.sequence:
            return False
        reason = einladungen.skip_reason(einladung, now=now)
        if reason:
            einladung.sent_sequence = einladung.termin.sequence
            einladung.send_error = reason
            einladung.save(update_fields=["sent_sequence", "send_error", "updated_at"])
            return False
        try:
            mails.invitation_mail(einladung).send()
        except OSError as error:  # SMTP trouble: record it, commit, and let Celery retry
            einladung.send_error = outbox.error_text(error, model=Einladung)
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


@shared_task(name="netzwerk.tasks.sweep_unsent")
def sweep_unsent(now=None):
    """Beat, every minute: enqueue what a broker outage (or a lost worker) left unsent –
    invitations, updates and cancellations of Termine not yet over, and created reminders."""
    now = now or timezone.now()
    einladung_ids = outbox.sweep_ids(Einladung.objects.unsent().filter(termin__ende__gte=now))
    erinnerung_ids = outbox.sweep_ids(erinnerungen.pending_reminders(now=now))
    outbox.enqueue_each(einladungen.SEND_INVITATION, einladung_ids)
    outbox.enqueue_each(SEND_REMINDER, erinnerung_ids)
    return {"einladungen": len(einladung_ids), "erinnerungen": len(erinnerung_ids)}
