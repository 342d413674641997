"""Which reminders are due: of Termine (per Einladung and offset) and the weekly reminder of
overdue Aufgaben. The beat's tasks in `netzwerk/tasks/erinnerungen.py` send them."""

import datetime

from .models import Aufgabe, Einladung, Erinnerung, Termin


def pending_reminders(*, now):
    """Reminder rows that were created but never sent nor claimed, for Termine still ahead."""
    return (
        Erinnerung.objects.filter(
            sent_at__isnull=True,
            sending_started_at__isnull=True,  # claimed: being sent, or unclear (no resend)
            einladung__termin__beginn__gt=now,
            einladung__termin__status=Termin.Status.GEPLANT,
            einladung__person__geloescht_am__isnull=True,
        )
        .exclude(einladung__antwort=Einladung.Antwort.ABGESAGT)
        .exclude(einladung__person__email="")
        .order_by("pk")
    )


def due_reminders(*, now):
    """(einladung_id, offset) pairs whose reminder time has come, in two queries.

    Due: the Termin is ahead and not cancelled, now >= beginn - offset, the invitee has not
    declined, and the invitation was mailed before the reminder time (an invitation or update
    that arrives later already tells the news, so a reminder on top would be noise).
    """
    termine = list(
        Termin.objects.filter(beginn__gt=now, status=Termin.Status.GEPLANT).values_list(
            "pk", "beginn", "erinnerungen"
        )
    )
    due_offsets = {}
    for pk, beginn, offsets in termine:
        due = {
            o
            for o in offsets or []
            if isinstance(o, int) and o > 0 and now >= beginn - datetime.timedelta(minutes=o)
        }
        if due:
            due_offsets[pk] = (beginn, due)
    if not due_offsets:
        return []
    einladungen = (
        Einladung.objects.filter(
            termin_id__in=due_offsets.keys(),
            sent_sequence__gte=0,
            sent_at__isnull=False,
            person__geloescht_am__isnull=True,
        )
        .exclude(antwort=Einladung.Antwort.ABGESAGT)
        .exclude(person__email="")
        .values_list("pk", "termin_id", "sent_at")
    )
    pairs = []
    for pk, termin_id, sent_at in einladungen:
        beginn, offsets = due_offsets[termin_id]
        for offset in sorted(offsets):
            if sent_at <= beginn - datetime.timedelta(minutes=offset):
                pairs.append((pk, offset))
    return pairs


def start_of_week(day):
    return day - datetime.timedelta(days=day.weekday())


def aufgaben_for_erinnerung(*, today):
    """Overdue released Aufgaben of reachable Personen not yet reminded of this week."""
    return (
        Aufgabe.objects.released()
        .overdue(today=today)
        .filter(verantwortlich__geloescht_am__isnull=True)
        .exclude(verantwortlich__email="")
        .exclude(erinnert_am__gte=start_of_week(today))
    )
