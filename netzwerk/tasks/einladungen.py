"""Delivery of invitations to Termine, and the sweep that sends what a broker outage left.

At most once per sequence: the task locks its Einladung (`select_for_update(skip_locked=True)`),
renders the mail and commits a claim (`sending_started_at`) before the SMTP call; "sent" and
the cleared claim are written after it. A worker killed between the two leaves the claim: the
row shows "Versand unklar" and is not sent again until the Fachstelle renews its link (which
sends it anew). A second run of the task, or the sweep, skips a claimed row.
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
    claimed = _claim(einladung_id, now=now)
    if claimed is None:
        return False
    message, sequence = claimed
    try:
        message.send()
    except OSError as error:  # SMTP refused or unreachable: nothing went out, Celery retries
        text = outbox.error_text(error, model=Einladung)
        outbox.release(
            Einladung, einladung_id, claimed_at=now, send_error=text, updated_at=timezone.now()
        )
        raise
    outbox.release(
        Einladung,
        einladung_id,
        claimed_at=now,
        sent_sequence=sequence,
        sent_at=now,
        send_error="",
        updated_at=timezone.now(),
    )
    return True


def _claim(einladung_id, *, now):
    """In its own transaction: lock the row, handle what cannot be mailed, render the mail and
    commit the claim. Returns (message, sequence) to send, or None."""
    with transaction.atomic():
        einladung = outbox.lock(
            Einladung.objects.select_related("termin", "termin__ort", "person"), einladung_id
        )
        if (
            einladung is None
            or einladung.sending_started_at is not None
            or einladung.sent_sequence >= einladung.termin.sequence
        ):
            return None
        reason = einladungen.skip_reason(einladung, now=now)
        if reason:
            einladung.sent_sequence = einladung.termin.sequence
            einladung.send_error = reason
            einladung.save(update_fields=["sent_sequence", "send_error", "updated_at"])
            return None
        # Rendered before the claim: a template error rolls back and claims nothing.
        message = mails.invitation_mail(einladung)
        outbox.claim(einladung, now=now)
    return message, einladung.termin.sequence


@shared_task(name="netzwerk.tasks.sweep_unsent")
def sweep_unsent(now=None):
    """Beat, every minute: enqueue what a broker outage (or a lost worker) left unsent –
    invitations, updates and cancellations of Termine not yet over, and created reminders."""
    now = now or timezone.now()
    unsent = Einladung.objects.unsent().filter(termin__ende__gte=now, sending_started_at=None)
    einladung_ids = outbox.sweep_ids(unsent)
    erinnerung_ids = outbox.sweep_ids(erinnerungen.pending_reminders(now=now))
    outbox.enqueue_each(einladungen.SEND_INVITATION, einladung_ids)
    outbox.enqueue_each(SEND_REMINDER, erinnerung_ids)
    return {"einladungen": len(einladung_ids), "erinnerungen": len(erinnerung_ids)}
