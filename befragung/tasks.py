"""Background delivery of survey invitations and reminders. Tasks take ids and are safe to
run twice: each locks its Befragungseinladung row and checks what was already sent.

The code is generated inside the task's transaction: if the mail fails, the code and the
link to it roll back with it, and the retry (or the sweep) issues another one."""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from gwa_portal.core import outbox

from . import einladungen, erinnerungen, freigabe
from .models import Befragungseinladung


def _record_error(einladung_id, error):
    """After the rollback: keep the reason visible for the staff, then let Celery retry."""
    message = outbox.error_text(error, model=Befragungseinladung)
    # Not in the audit trail: the task's delivery bookkeeping (§0).
    Befragungseinladung.objects.filter(pk=einladung_id).update(send_error=message)


def _deliver(einladung_id, *, kind):
    now = timezone.now()
    try:
        with transaction.atomic():
            einladung = outbox.lock(
                einladungen.mailable().select_related("befragung", "person"), einladung_id
            )
            if einladung is None or not einladungen.open_for_invitations(einladung.befragung):
                return False
            if kind == "einladung":
                if einladung.sent_at is not None:
                    return False
            elif (
                einladung.sent_at is None
                or einladung.reminder_requested_at is None
                or einladung.reminded_at is not None
            ):
                return False
            code = einladungen.issue_code(einladung)
            if code is None:  # the person took part meanwhile: no reminder
                einladung.reminder_requested_at = None
                einladung.save(update_fields=["reminder_requested_at", "updated_at"])
                return False
            einladungen.survey_mail(einladung, code=code, template=kind).send()
            if kind == "einladung":
                einladung.sent_at = now
            else:
                einladung.reminded_at = now
            einladung.send_error = ""
            einladung.save(
                update_fields=["code_hash", "sent_at", "reminded_at", "send_error", "updated_at"]
            )
    except OSError as error:
        _record_error(einladung_id, error)
        raise
    return True


@shared_task(
    name=einladungen.SEND_SURVEY_INVITATION,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_survey_invitation(einladung_id):
    """Mail the invitation with a fresh personal code, once. Returns whether a mail went out."""
    return _deliver(einladung_id, kind="einladung")


@shared_task(
    name=erinnerungen.SEND_SURVEY_REMINDER,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_survey_reminder(einladung_id):
    """Mail the requested Erinnerung with a new code (the old unused one stops working), once."""
    return _deliver(einladung_id, kind="erinnerung")


@shared_task
def flush_waiting_answers():
    """Beat: write the due batches of waiting answers, and everything still waiting of surveys
    that are over (ended, or past their closing date)."""
    return freigabe.flush_all()


@shared_task
def sweep_survey_invitations():
    """Beat, every 5 minutes: enqueue invitations and requested reminders left unsent, for
    example by a broker outage."""
    invitation_ids = outbox.sweep_ids(einladungen.pending_invitations())
    reminder_ids = outbox.sweep_ids(erinnerungen.pending_reminders())
    outbox.enqueue_each(einladungen.SEND_SURVEY_INVITATION, invitation_ids)
    outbox.enqueue_each(erinnerungen.SEND_SURVEY_REMINDER, reminder_ids)
    return {"einladungen": len(invitation_ids), "erinnerungen": len(reminder_ids)}
