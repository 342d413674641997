"""Writes around Termine: the Termin, its agenda and its invitations in one user action.

Callers run these inside one transaction; `einladungen` enqueues delivery on commit.
"""

from . import einladungen
from .models import Tagesordnungspunkt


def set_tagesordnung(*, termin, titel):
    """Make the agenda the given titles in order; a point keeps its notes at its position."""
    existing = {top.position: top for top in termin.tagesordnung.all()}
    for position, text in enumerate(titel, start=1):
        top = existing.pop(position, None)
        if top is None:
            Tagesordnungspunkt.objects.create(termin=termin, position=position, titel=text)
        elif top.titel != text:
            top.titel = text
            top.save(update_fields=["titel", "updated_at"])
    if existing:
        termin.tagesordnung.filter(pk__in=[top.pk for top in existing.values()]).delete()


def create_termin(*, termin, tagesordnung, personen, by):
    """Save a new Termin with its agenda and invite `personen`. Returns the new Einladungen."""
    termin.organisator = by
    termin.save()
    set_tagesordnung(termin=termin, titel=tagesordnung)
    return einladungen.invite(termin=termin, personen=personen)


def update_termin(*, termin, before, tagesordnung):
    """Save an edited Termin; True when the invitees get an updated invitation."""
    termin.save()
    set_tagesordnung(termin=termin, titel=tagesordnung)
    return einladungen.record_change(termin=termin, before=before)


def has_sent_invitations(termin):
    """Once a mail went out, the Termin must be cancelled (METHOD:CANCEL), not deleted."""
    return termin.einladungen.filter(sent_sequence__gte=0).exists()
