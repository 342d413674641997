"""Invitations to Termine. The Einladung row is the outbox; Celery only delivers.

Every write here runs inside the caller's transaction, and delivery is enqueued with
`transaction.on_commit`, so a broker outage loses nothing: `sweep_unsent` finds the rows later.
"""

import email.policy

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.audit import changed_copy, delete_logged, log_bulk_create, log_bulk_update
from gwa_portal.core.mail import build_mail

from . import ical
from .models import Einladung, Erinnerung, Termin
from .tokens import person_feed_url, rsvp_url

# Changes to these fields must reach the invitees' calendars (a new SEQUENCE).
CALENDAR_FIELDS = ("titel", "beginn", "ende", "ort_id", "online_link", "status")


class TerminAusgebucht(Exception):
    """A Zusage to a Termin whose places are all taken."""

    message = _("Leider sind alle Plätze vergeben. Eine Zusage ist nicht mehr möglich.")


def enqueue_delivery(einladung_ids):
    """Ask Celery to deliver after commit; a failing broker leaves the rows for the sweep."""
    from . import tasks

    ids = list(einladung_ids)
    transaction.on_commit(lambda: tasks.enqueue_each(tasks.send_invitation, ids))


def invite(*, termin, personen):
    """Invite `personen` to `termin` (people already invited are skipped). Returns the new rows."""
    already = set(termin.einladungen.values_list("person_id", flat=True))
    new = {p.pk: Einladung(termin=termin, person=p) for p in personen if p.pk not in already}
    if not new:
        return []
    Einladung.objects.bulk_create(new.values())
    log_bulk_create(new.values())
    created = list(
        Einladung.objects.filter(termin=termin, person_id__in=new.keys()).select_related("person")
    )
    enqueue_delivery(e.pk for e in created)
    return created


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


class CalendarMail(EmailMultiAlternatives):
    """A mail whose last alternative is the iMIP calendar (RFC 6047): `text/calendar` with the
    `method` parameter, and base64 so that the CRLF line ends iCalendar requires survive
    (Django's text alternatives would normalise them and cannot carry the parameter)."""

    def __init__(self, *args, calendar, calendar_method, **kwargs):
        super().__init__(*args, **kwargs)
        self.calendar = calendar
        self.calendar_method = calendar_method

    def message(self, *, policy=email.policy.default):
        msg = super().message(policy=policy)
        msg.add_alternative(
            self.calendar,
            maintype="text",
            subtype="calendar",
            cte="base64",
            params={"charset": "utf-8", "method": self.calendar_method},
        )
        return msg


def mail_context(einladung):
    termin = einladung.termin
    return {
        "einladung": einladung,
        "termin": termin,
        "person": einladung.person,
        "tagesordnung": list(termin.tagesordnung.order_by("position")),
        "rsvp_url": rsvp_url(einladung),
        "kalender_url": person_feed_url(einladung.person),
    }


def invitation_mail(einladung):
    """The invitation (or update, or cancellation) for one invitee, with its iMIP part."""
    method, calendar = ical.invitation_calendar(einladung)
    base = build_mail(
        to=einladung.person.email,
        template="netzwerk/email/einladung",
        context={**mail_context(einladung), "is_update": einladung.sent_sequence >= 0},
    )
    mail = CalendarMail(
        subject=base.subject,
        body=base.body,
        from_email=base.from_email,
        to=base.to,
        headers=base.extra_headers,
        alternatives=base.alternatives,
        calendar=calendar,
        calendar_method=method,
    )
    return mail


def reminder_mail(erinnerung):
    einladung = erinnerung.einladung
    return build_mail(
        to=einladung.person.email,
        template="netzwerk/email/erinnerung",
        context=mail_context(einladung),
    )
