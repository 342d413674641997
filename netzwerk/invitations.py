"""Invitations to Termine. The Einladung row is the outbox; Celery only delivers.

Every write here runs inside the caller's transaction, and delivery is enqueued with
`transaction.on_commit`, so a broker outage loses nothing: `sweep_unsent` finds the rows later.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Einladung, Termin

# Changes to these fields must reach the invitees' calendars (a new SEQUENCE).
CALENDAR_FIELDS = ("titel", "beginn", "ende", "ort_id", "online_link", "status")


def enqueue_delivery(einladung_ids):
    """Ask Celery to deliver after commit; a failing broker leaves the rows for the sweep."""
    from . import tasks

    ids = list(einladung_ids)

    def send():
        for pk in ids:
            tasks.enqueue(tasks.send_invitation, pk)

    transaction.on_commit(send)


def invite(*, termin, personen):
    """Invite `personen` to `termin` (people already invited are skipped). Returns the new rows."""
    already = set(termin.einladungen.values_list("person_id", flat=True))
    new = [Einladung(termin=termin, person=p) for p in personen if p.pk not in already]
    Einladung.objects.bulk_create(new)
    created = list(Einladung.objects.filter(termin=termin, person__in=[e.person for e in new]))
    enqueue_delivery(e.pk for e in created)
    return created


def calendar_relevant_change(old, new):
    return any(getattr(old, f) != getattr(new, f) for f in CALENDAR_FIELDS)


def record_change(*, termin, before):
    """After `termin` was edited (`before` is a copy of its previous state): bump the sequence
    and re-send to everyone when invitees' calendars must change."""
    if not calendar_relevant_change(before, termin):
        return False
    Termin.objects.filter(pk=termin.pk).update(sequence=F("sequence") + 1)
    termin.refresh_from_db(fields=["sequence"])
    enqueue_delivery(termin.einladungen.values_list("pk", flat=True))
    return True


def cancel(*, termin):
    """Cancel `termin`: the invitees get a METHOD:CANCEL with a new sequence."""
    if termin.is_cancelled:
        return
    before = Termin.objects.get(pk=termin.pk)
    termin.status = Termin.Status.ABGESAGT
    termin.save(update_fields=["status", "updated_at"])
    record_change(termin=termin, before=before)


def answer(*, einladung, antwort, kommentar=""):
    """Record an RSVP answer (it may be changed later)."""
    einladung.antwort = antwort
    einladung.kommentar = kommentar
    einladung.beantwortet_am = timezone.now()
    einladung.save(update_fields=["antwort", "kommentar", "beantwortet_am", "updated_at"])
