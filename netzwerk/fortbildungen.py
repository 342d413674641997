"""Registration for Fortbildungen: places, waiting list with automatic move-up, attendance,
and the training record (hours per year).

Every write that depends on the number of free places locks the Fortbildung row first
(select_for_update), so two simultaneous registrations cannot both take the last place.
"""

from django.db import transaction
from django.db.models import (
    Count,
    DateTimeField,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from gwa_portal.core import outbox
from gwa_portal.core.audit import changed_copy, log_bulk_update, update_logged

from .models import Anmeldung, Fortbildung, Termin

Status = Anmeldung.Status
# A place is taken by those registered and by those who took part.
TAKING_A_PLACE = [Status.ANGEMELDET, Status.TEILGENOMMEN]
# Enqueued by name, so that this module need not import netzwerk/tasks/fortbildungen.py.
SEND_NACHRUECK_MAIL = "netzwerk.mail_jobs.send_nachrueck_mail"


class RegistrationError(Exception):
    """A registration the rules forbid; the message is German and shown to the user."""


def with_places(queryset=None):
    """Fortbildungen annotated with `belegt` (places taken) and `wartend` (waiting list)."""
    queryset = Fortbildung.objects.all() if queryset is None else queryset
    return queryset.annotate(
        # distinct: the join with the Termine repeats each Anmeldung once per Termin.
        belegt=Count(
            "anmeldungen", filter=Q(anmeldungen__status__in=TAKING_A_PLACE), distinct=True
        ),
        wartend=Count(
            "anmeldungen", filter=Q(anmeldungen__status=Status.WARTELISTE), distinct=True
        ),
        erster_termin=Min("termine__beginn"),
    )


def _taken(fortbildung):
    return fortbildung.anmeldungen.filter(status__in=TAKING_A_PLACE).count()


def nachrueck_mails_unsent():
    """Registrations that moved up and whose owner was not told yet (the move-up outbox)."""
    return Anmeldung.objects.filter(
        status=Status.ANGEMELDET, nachgerueckt_am__isnull=False, nachrueck_mail_am__isnull=True
    )


def fill_free_places(fortbildung):
    """Move people up from the waiting list (oldest first) while places are free.

    Call inside a transaction that holds the Fortbildung's row lock. Returns the moved rows.
    """
    free = fortbildung.kapazitaet - _taken(fortbildung)
    if free <= 0:
        return []
    moving = list(
        fortbildung.anmeldungen.filter(status=Status.WARTELISTE).order_by("created_at", "pk")[:free]
    )
    now = timezone.now()
    for anmeldung in moving:
        anmeldung.status = Status.ANGEMELDET
        anmeldung.nachgerueckt_am = now
        anmeldung.nachrueck_mail_am = None
        anmeldung.save(
            update_fields=["status", "nachgerueckt_am", "nachrueck_mail_am", "updated_at"]
        )
    outbox.enqueue_each_on_commit(SEND_NACHRUECK_MAIL, [a.pk for a in moving])
    return moving


def register(*, fortbildung, user):
    """Register `user`: a free place gives `angemeldet`, otherwise the waiting list."""
    with transaction.atomic():
        locked = Fortbildung.objects.select_for_update().get(pk=fortbildung.pk)
        if locked.anmeldeschluss and timezone.localdate() > locked.anmeldeschluss:
            raise RegistrationError(_("Der Anmeldeschluss ist vorbei."))
        existing = locked.anmeldungen.filter(user=user).first()
        if existing and existing.status != Status.ABGEMELDET:
            raise RegistrationError(_("Sie sind für diese Fortbildung schon angemeldet."))
        status = Status.ANGEMELDET if _taken(locked) < locked.kapazitaet else Status.WARTELISTE
        if existing is None:
            return Anmeldung.objects.create(fortbildung=locked, user=user, status=status)
        # A renewed registration queues from now on: the waiting list is ordered by created_at,
        # which save() would not change.
        now = timezone.now()
        changes = {"status": status, "nachgerueckt_am": None, "nachrueck_mail_am": None}
        Anmeldung.objects.filter(pk=existing.pk).update(**changes, created_at=now, updated_at=now)
        existing.fortbildung = locked
        log_bulk_update([(existing, changed_copy(existing, **changes))], fields=changes)
        existing.refresh_from_db()
        return existing


def unregister(*, fortbildung, user):
    """Withdraw `user`; a place that becomes free goes to the first on the waiting list."""
    with transaction.atomic():
        locked = Fortbildung.objects.select_for_update().get(pk=fortbildung.pk)
        anmeldung = locked.anmeldungen.filter(user=user).first()
        if anmeldung is None or anmeldung.status not in (Status.ANGEMELDET, Status.WARTELISTE):
            raise RegistrationError(_("Sie sind für diese Fortbildung nicht angemeldet."))
        anmeldung.status = Status.ABGEMELDET
        anmeldung.save(update_fields=["status", "updated_at"])
        moved = fill_free_places(locked)
    return anmeldung, moved


def set_attendance(*, fortbildung, present):
    """Mark the chosen registrations `teilgenommen`; unchecked participants go back to
    `angemeldet`. Only registrations holding a place count."""
    with transaction.atomic():
        locked = Fortbildung.objects.select_for_update().get(pk=fortbildung.pk)
        now = timezone.now()
        present_ids = {a.pk for a in present}
        holders = locked.anmeldungen.filter(status__in=TAKING_A_PLACE).select_related("user")
        update_logged(
            holders.filter(pk__in=present_ids), status=Status.TEILGENOMMEN, updated_at=now
        )
        update_logged(
            holders.exclude(pk__in=present_ids).filter(status=Status.TEILGENOMMEN),
            status=Status.ANGEMELDET,
            updated_at=now,
        )
        return len(present_ids)


def _course_year():
    """The year a course counts for: that of its first Termin, else the year it was created."""
    first_termin = (
        Termin.objects.filter(fortbildung=OuterRef("fortbildung"))
        .order_by("beginn")
        .values("beginn")[:1]
    )
    return ExtractYear(
        Coalesce(
            Subquery(first_termin, output_field=DateTimeField()),
            F("fortbildung__created_at"),
            output_field=DateTimeField(),
        )
    )


def attended(user):
    """The courses `user` took part in, with first and last date, newest first."""
    return (
        Anmeldung.objects.filter(user=user, status=Status.TEILGENOMMEN)
        .select_related("fortbildung")
        .annotate(
            jahr=_course_year(),
            von=Min("fortbildung__termine__beginn"),
            bis=Max("fortbildung__termine__ende"),
        )
        .order_by("-jahr", "fortbildung__thema", "pk")
    )


def hours_per_year(user):
    """[{jahr, stunden, kurse}], summed in SQL over the courses `user` took part in."""
    return list(
        Anmeldung.objects.filter(user=user, status=Status.TEILGENOMMEN)
        .annotate(jahr=_course_year())
        .values("jahr")
        .annotate(stunden=Sum("fortbildung__stunden"), kurse=Count("pk"))
        .order_by("-jahr")
    )


def hours_in_year(*, year, user=None):
    """{stunden, teilnahmen} of the courses counting for `year` (of `user`, else everyone)."""
    anmeldungen = Anmeldung.objects.filter(status=Status.TEILGENOMMEN)
    if user is not None:
        anmeldungen = anmeldungen.filter(user=user)
    row = (
        anmeldungen.annotate(jahr=_course_year())
        .filter(jahr=year)
        .aggregate(stunden=Sum("fortbildung__stunden"), teilnahmen=Count("pk"))
    )
    return {"stunden": row["stunden"] or 0, "teilnahmen": row["teilnahmen"]}
