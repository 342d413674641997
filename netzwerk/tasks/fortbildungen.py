"""Mails to coordinators who moved up from the waiting list of a Fortbildung, and their sweep."""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from gwa_portal.core import outbox

from .. import fortbildungen, mails


@shared_task(
    name=fortbildungen.SEND_NACHRUECK_MAIL,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_nachrueck_mail(anmeldung_id):
    """Tell a coordinator that they moved up from the waiting list, once."""
    with transaction.atomic():
        anmeldung = outbox.lock(
            fortbildungen.nachrueck_mails_unsent().select_related("user", "fortbildung"),
            anmeldung_id,
        )
        if anmeldung is None or not anmeldung.user.email:
            return False
        mails.nachrueck_mail(anmeldung).send()
        anmeldung.nachrueck_mail_am = timezone.now()
        anmeldung.save(update_fields=["nachrueck_mail_am", "updated_at"])
    return True


@shared_task(name="netzwerk.mail_jobs.sweep_nachrueck_mails")
def sweep_nachrueck_mails():
    """Beat, every 5 minutes: send the move-up mails a broker outage left unsent."""
    return outbox.run_each(
        send_nachrueck_mail, outbox.sweep_ids(fortbildungen.nachrueck_mails_unsent())
    )
