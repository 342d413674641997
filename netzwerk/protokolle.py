"""Releasing minutes (the Protokollversand outbox) and finishing Aufgaben."""

from django.db import transaction
from django.utils import timezone

from gwa_portal.core import outbox
from gwa_portal.core.audit import log_bulk_create

from .models import Aufgabe, Mitgliedschaft, Person, Protokoll, Protokollversand

# Enqueued by name, so that this module need not import netzwerk/tasks/protokolle.py.
SEND_PROTOKOLL = "netzwerk.mail_jobs.send_protokoll"


def recipients(termin):
    """Who receives the released Protokoll: the Gremium's current members, else the invitees.

    Only persons with an e-mail address who have not been erased.
    """
    if termin.gremium_id:
        ids = Mitgliedschaft.objects.current().filter(gremium=termin.gremium_id).values("person")
    else:
        ids = termin.einladungen.values("person")
    return Person.objects.active().filter(pk__in=ids).exclude(email="")


def release_protokoll(*, protokoll, by):
    """Release the minutes and queue one mail per recipient, in one transaction.

    Returns the number of recipients. Releasing twice changes nothing.
    """
    with transaction.atomic():
        locked = Protokoll.objects.select_for_update().get(pk=protokoll.pk)
        if locked.is_released:
            return 0
        locked.freigegeben_am = timezone.now()
        locked.verfasst_von = locked.verfasst_von or by
        locked.save(update_fields=["freigegeben_am", "verfasst_von", "updated_at"])
        Protokollversand.objects.bulk_create(
            [Protokollversand(protokoll=locked, person=p) for p in recipients(locked.termin)],
            ignore_conflicts=True,
        )
        # Released once only, so every row is new: logged as who was sent the minutes.
        versand = list(locked.versand.select_related("person"))
        log_bulk_create(versand)
        ids = [row.pk for row in versand if row.sent_at is None]
        outbox.enqueue_each_on_commit(SEND_PROTOKOLL, ids)
    protokoll.freigegeben_am = locked.freigegeben_am
    protokoll.verfasst_von = locked.verfasst_von
    return len(ids)


def mark_aufgabe_done(*, aufgabe, erledigt=True):
    aufgabe.erledigt = erledigt
    aufgabe.erledigt_am = timezone.localdate() if erledigt else None
    aufgabe.save(update_fields=["erledigt", "erledigt_am", "updated_at"])
    return aufgabe


def aufgaben_of(person):
    """The open Aufgaben a person is responsible for, overdue first."""
    return Aufgabe.objects.released().open().filter(verantwortlich=person).with_related()
