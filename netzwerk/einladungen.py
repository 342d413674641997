"""Invitations to Termine. The Einladung row is the outbox; Celery only delivers.

Every write here runs inside the caller's transaction, and delivery is enqueued with
`transaction.on_commit`, so a broker outage loses nothing: `sweep_unsent` finds the rows later.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gwa_portal.core import outbox
from gwa_portal.core.audit import changed_copy, delete_logged, log_bulk_create, log_bulk_update

from .models import Einladung, Erinnerung, Termin
from .models.termine import new_rsvp_token

# Enqueued by name, so that this module need not import netzwerk/tasks/einladungen.py.
SEND_INVITATION = "netzwerk.tasks.send_invitation"
SEND_INVITATIONS = "netzwerk.tasks.send_invitations"
# Einladungen per task: one SMTP connection and one broker message per chunk. Small enough
# that the chunks of one Termin spread over the worker processes.
DELIVERY_CHUNK = 50

# Changes to these fields must reach the invitees' calendars (a new SEQUENCE).
CALENDAR_FIELDS = ("titel", "beginn", "ende", "ort_id", "online_link", "status")


class TerminAusgebucht(Exception):
    """A Zusage to a Termin whose places are all taken."""

    message = gettext_lazy("Leider sind alle Plätze vergeben. Eine Zusage ist nicht mehr möglich.")


def enqueue_delivery(einladung_ids):
    """Ask Celery to deliver after commit, in chunks; a failing broker leaves the rows for the
    sweep."""
    outbox.enqueue_chunks_on_commit(SEND_INVITATIONS, einladung_ids, size=DELIVERY_CHUNK)


def invite(*, termin, personen):
    """Invite `personen` to `termin` (people already invited are skipped). Returns the new rows."""
    already = set(termin.einladungen.values_list("person_id", flat=True))
    new = {p.pk: Einladung(termin=termin, person=p) for p in personen if p.pk not in already}
    if not new:
        return []
    created = Einladung.objects.bulk_create(new.values())
    if any(e.pk is None for e in created):  # a database that returns no ids from bulk inserts
        created = list(
            Einladung.objects.filter(termin=termin, person_id__in=new.keys()).select_related(
                "person"
            )
        )
    log_bulk_create(created)
    enqueue_delivery(e.pk for e in created)
    return created


def renew_links(einladungen):
    """Give each Einladung (a queryset, of one Termin or several) a new RSVP link and mail it
    again: the old links answer 404 from now on. An unclear send ("Versand unklar") is released
    too, since a person asked for this mail. Cancelled or past Termine keep their rows as they
    are (their links are of no use anyway). Call inside a transaction; returns the rows."""
    rows = list(
        einladungen.select_related("termin")
        .filter(termin__ende__gte=timezone.now())
        .exclude(termin__status=Termin.Status.ABGESAGT)
        .select_for_update(of=("self",))
    )
    for einladung in rows:
        einladung.rsvp_token = new_rsvp_token()
        einladung.sent_sequence = min(einladung.sent_sequence, einladung.termin.sequence - 1)
        einladung.sending_started_at = None
        einladung.send_error = ""
    # Not in the audit trail: the token is a secret, the rest is delivery bookkeeping.
    Einladung.objects.bulk_update(
        rows, ["rsvp_token", "sent_sequence", "sending_started_at", "send_error"]
    )
    enqueue_delivery(e.pk for e in rows)
    return rows


def calendar_relevant_change(old, new):
    return any(getattr(old, f) != getattr(new, f) for f in CALENDAR_FIELDS)


def record_change(*, termin, before):
    """After `termin` was edited (`before` is a copy of its previous state): bump the sequence
    and re-send to everyone when invitees' calendars must change. Returns whether it did."""
    if not calendar_relevant_change(before, termin):
        return False
    Termin.objects.filter(pk=termin.pk).update(sequence=F("sequence") + 1)
    termin.refresh_from_db(fields=["sequence"])
    # Logged beside the change that caused it, so the trail's sequence matches the row's.
    previous = changed_copy(termin, sequence=termin.sequence - 1)
    log_bulk_update([(previous, termin)], fields=["sequence"])
    if before.beginn != termin.beginn:
        # The reminders sent so far were about the old time: remind again for the new one.
        delete_logged(
            Erinnerung.objects.filter(einladung__termin=termin).select_related(
                "einladung__person", "einladung__termin"
            )
        )
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
    """Record an RSVP answer (it may be changed later).

    A Zusage to a full Termin raises TerminAusgebucht; the Termin row is locked while counting,
    so that two last-minute Zusagen cannot both take the last place.
    """
    with transaction.atomic():
        termin = Termin.objects.select_for_update().get(pk=einladung.termin_id)
        if antwort == Einladung.Antwort.ZUGESAGT and termin.kapazitaet:
            taken = (
                termin.einladungen.filter(antwort=Einladung.Antwort.ZUGESAGT)
                .exclude(pk=einladung.pk)
                .count()
            )
            if taken >= termin.kapazitaet:
                raise TerminAusgebucht
        einladung.antwort = antwort
        einladung.kommentar = kommentar
        einladung.beantwortet_am = timezone.now()
        einladung.save(update_fields=["antwort", "kommentar", "beantwortet_am", "updated_at"])


def free_places(termin):
    """Places left, or None when the Termin has no limit."""
    if not termin.kapazitaet:
        return None
    taken = termin.einladungen.filter(antwort=Einladung.Antwort.ZUGESAGT).count()
    return max(termin.kapazitaet - taken, 0)


def skip_reason(einladung, *, now):
    """Why this invitation cannot be mailed (handled without a mail), or "" when it can."""
    person, termin = einladung.person, einladung.termin
    if person.is_erased:
        return _("Nicht versandt: Die Person wurde gelöscht.")
    if not person.email:
        return _("Nicht versandt: Keine E-Mail-Adresse hinterlegt.")
    if termin.ende < now:
        return _("Nicht versandt: Der Termin ist vorbei.")
    if termin.is_cancelled and einladung.sent_sequence < 0:
        return _("Nicht versandt: Der Termin wurde vor dem Versand der Einladung abgesagt.")
    return ""
