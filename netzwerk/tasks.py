"""Background delivery for the netzwerk app. Tasks take ids and are safe to run twice."""

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from gwa_portal.core.mail import build_mail

from .models import Einladung

log = logging.getLogger(__name__)


def enqueue(task, *args):
    """Enqueue without failing the request: if the broker is down, the periodic sweep sends."""
    try:
        task.delay(*args)
    except Exception as error:  # any broker error: the row stays in the outbox for the sweep
        log.warning("enqueue %s%r failed, the sweep will retry: %s", task.name, args, error)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation(einladung_id):
    """Mail the current state of the Termin to one invitee, once per sequence."""
    with transaction.atomic():
        einladung = (
            Einladung.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("termin", "person")
            .filter(pk=einladung_id)
            .first()
        )
        if einladung is None or einladung.sent_sequence >= einladung.termin.sequence:
            return False
        if not einladung.person.email or einladung.person.is_erased:
            return False
        message = build_mail(
            to=einladung.person.email,
            template="netzwerk/email/einladung",
            context={"einladung": einladung, "termin": einladung.termin},
        )
        message.send()
        einladung.sent_sequence = einladung.termin.sequence
        einladung.sent_at = timezone.now()
        einladung.send_error = ""
        einladung.save(update_fields=["sent_sequence", "sent_at", "send_error", "updated_at"])
    return True
