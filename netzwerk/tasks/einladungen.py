"""Delivery of invitations to Termine, and the sweep that sends what a broker outage left.

A task gets a chunk of Einladungen and sends them over one SMTP connection (reused across the
tasks of a worker process), but each Einladung is still sent at most once per sequence, on its
own: the chunk is locked (`select_for_update(skip_locked=True)`) and rendered in one
transaction; then each row is claimed (`sending_started_at`, committed, and only if the row is
still as rendered) right before its SMTP call, and marked "sent" with the claim cleared right
after it. A worker killed in between leaves that one claim: the row shows "Versand unklar" and
is not sent again until the Fachstelle renews its link (which sends it anew). The rows after it
in the chunk were never claimed, so the sweep sends them. A second run of the task, or the
sweep, skips claimed and sent rows.
"""

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.db import transaction
from django.utils import timezone

from gwa_portal.core import outbox
from gwa_portal.core.mail import send_reusing_connection

from .. import einladungen, erinnerungen, mails
from ..models import Einladung
from .erinnerungen import SEND_REMINDER

MAX_RETRIES = 5


@shared_task(bind=True, name=einladungen.SEND_INVITATIONS, max_retries=MAX_RETRIES)
def send_invitations(self, einladung_ids):
    """Mail the current state of each Einladung's Termin to its invitee, once per sequence.

    Returns how many mails went out. When the SMTP server fails a mail, the rest of the chunk
    is retried later (with backoff), the failed row last."""
    sent, unsent, error = deliver(einladung_ids)
    if error is not None:
        countdown = get_exponential_backoff_interval(
            factor=1, retries=self.request.retries, maximum=600, full_jitter=True
        )
        raise self.retry(args=[unsent], exc=error, countdown=countdown)
    return sent


@shared_task(
    name=einladungen.SEND_INVITATION,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=MAX_RETRIES,
)
def send_invitation(einladung_id):
    """One Einladung (the queued messages and callers of before the chunks). Returns whether
    a mail went out."""
    sent, _unsent, error = deliver([einladung_id])
    if error is not None:
        raise error
    return bool(sent)


def deliver(einladung_ids):
    """Send the chunk. Returns (mails sent, ids still to send, the SMTP error or None): on the
    first SMTP failure it stops, since the next mail would most likely fail too."""
    prepared = _prepare(einladung_ids, now=timezone.now())
    sent, mark = 0, None
    for index, (einladung, message) in enumerate(prepared):
        try:
            mark = _send_one(einladung, message, previous=mark)
        except OSError as error:  # SMTP refused or unreachable: nothing went out
            unsent = [e.pk for e, _message in prepared[index + 1 :]] + [einladung.pk]
            return sent, unsent, error
        sent += mark is not None
    if mark is not None:
        outbox.release(Einladung, **mark)
    return sent, [], None


def _prepare(einladung_ids, *, now):
    """In one transaction: lock the chunk's rows, handle what cannot be mailed, and render the
    mails of the rest. Returns [(einladung, message)] of the rows to send. Rendering before
    any claim: a template error rolls back and claims nothing."""
    with transaction.atomic():
        rows = outbox.lock_many(
            Einladung.objects.select_related("termin", "termin__ort", "person"), einladung_ids
        )
        # Locked in pk order, sent in the given order (a retry puts the failed row last).
        position = {pk: index for index, pk in enumerate(einladung_ids)}
        rows.sort(key=lambda einladung: position[einladung.pk])
        builder = mails.InvitationMails()
        prepared = []
        for einladung in rows:
            if (
                einladung.sending_started_at is not None
                or einladung.sent_sequence >= einladung.termin.sequence
            ):
                continue
            reason = einladungen.skip_reason(einladung, now=now)
            if reason:
                # Handled for this sequence, with the reason, so that the sweep skips it.
                einladung.sent_sequence = einladung.termin.sequence
                einladung.send_error = reason
                einladung.save(update_fields=["sent_sequence", "send_error", "updated_at"])
                continue
            prepared.append((einladung, builder.mail(einladung)))
    return prepared


def _send_one(einladung, message, *, previous=None):
    """Claim and send one rendered Einladung. Returns its "sent" mark (for `outbox.release`),
    or None when the row was claimed, sent or changed (a new link) since it was rendered.

    The mark of the `previous` mail is written by the UPDATE of this claim: one statement and
    one commit per mail. A worker killed before that commit leaves the previous row claimed, "Versand
    unklar", which is what a kill right after its SMTP call leaves anyway."""
    now = timezone.now()
    claimed = outbox.release_and_claim(
        Einladung,
        einladung.pk,
        now=now,
        previous=previous,
        sent_sequence=einladung.sent_sequence,
        rsvp_token=einladung.rsvp_token,
    )
    if not claimed:
        return None
    try:
        send_reusing_connection(message)
    except OSError as error:
        text = outbox.error_text(error, model=Einladung)
        outbox.release(
            Einladung, einladung.pk, claimed_at=now, send_error=text, updated_at=timezone.now()
        )
        raise
    return {
        "pk": einladung.pk,
        "claimed_at": now,
        "sent_sequence": einladung.termin.sequence,
        "sent_at": now,
        "send_error": "",
        "updated_at": timezone.now(),
    }


@shared_task(name="netzwerk.tasks.sweep_unsent")
def sweep_unsent(now=None):
    """Beat, every minute: enqueue what a broker outage (or a lost worker) left unsent –
    invitations, updates and cancellations of Termine not yet over, and created reminders."""
    now = now or timezone.now()
    unsent = Einladung.objects.unsent().filter(termin__ende__gte=now, sending_started_at=None)
    einladung_ids = outbox.sweep_ids(unsent)
    erinnerung_ids = outbox.sweep_ids(erinnerungen.pending_reminders(now=now))
    outbox.enqueue_chunks(
        einladungen.SEND_INVITATIONS, einladung_ids, size=einladungen.DELIVERY_CHUNK
    )
    outbox.enqueue_each(SEND_REMINDER, erinnerung_ids)
    return {"einladungen": len(einladung_ids), "erinnerungen": len(erinnerung_ids)}
