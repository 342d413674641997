"""Writes and reads around Gremien and their Mitgliedschaften."""

from django.db.models import Case, Value, When
from django.utils import timezone

from .models import Mitgliedschaft

# Speakers first, then members, then guests.
ROLLE_ORDER = Case(
    When(rolle=Mitgliedschaft.Rolle.SPRECHER, then=Value(0)),
    When(rolle=Mitgliedschaft.Rolle.MITGLIED, then=Value(1)),
    default=Value(2),
)


def current_members(gremium):
    """Today's Mitgliedschaften with their Persons, speakers first."""
    return (
        Mitgliedschaft.objects.current()
        .filter(gremium=gremium)
        .select_related("person", "person__akteur")
        .order_by(ROLLE_ORDER, "person__name", "pk")
    )


def former_members(gremium):
    """Mitgliedschaften that ended before today, newest end first."""
    return (
        Mitgliedschaft.objects.filter(gremium=gremium, bis__lt=timezone.localdate())
        .select_related("person", "person__akteur")
        .order_by("-bis", "person__name", "pk")
    )


def add_member(*, gremium, person, rolle, von=None):
    return Mitgliedschaft.objects.create(gremium=gremium, person=person, rolle=rolle, von=von)


def end_membership(*, mitgliedschaft, bis):
    mitgliedschaft.bis = bis
    mitgliedschaft.save(update_fields=["bis", "updated_at"])
    return mitgliedschaft
