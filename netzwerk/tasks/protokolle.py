"""Delivery of released Protokolle from the Protokollversand outbox, and its sweep."""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from gwa_portal.core import outbox

from .. import mails, protokolle
from ..models import Protokollversand


@shared_task(
    name=protokolle.SEND_PROTOKOLL, autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def send_protokoll(versand_id):
    """Mail a released Protokoll to one recipient, once."""
    with transaction.atomic():
        versand = outbox.lock(
            Protokollversand.objects.unsent().select_related(
                "person", "protokoll__termin__gremium", "protokoll__termin__ort"
            ),
            versand_id,
        )
        if versand is None:
            return False
        mails.protokoll_mail(versand).send()
        versand.sent_at = timezone.now()
        versand.save(update_fields=["sent_at"])
    return True


@shared_task(name="netzwerk.mail_jobs.sweep_protokollversand")
def sweep_protokollversand():
    """Beat, every 5 minutes: send what a broker outage left in the Protokoll outbox."""
    return outbox.run_each(send_protokoll, outbox.sweep_ids(Protokollversand.objects.unsent()))
