"""Who may see and change what in the Netzwerk: plain functions that views and templates share.

Each topic keeps its rules in its own block.
"""

from gwa_portal.core import rules as core_rules
from quartiere import rules as quartiere_rules

from .models import Angebot

# --- verzeichnis ---
# Akteur:innen and Personen are internal: every internal role reads them. Fachstelle and
# Koordination create and edit entries (coordinators meet the local partners every day and keep
# their contacts current); deleting, the CSV import and the DSGVO export and erasure stay with
# the Fachstelle, which answers for the data protection of the directory. Verwaltung reads only.
# Partners see nothing of the directory except their own Person ("Meine Kontaktdaten"), whose
# name, e-mail, phone and function they may correct themselves.


def can_see_verzeichnis(user):
    return core_rules.is_internal(user)


def can_edit_verzeichnis(user):
    """Create and edit Akteur:innen and Personen."""
    return core_rules.is_staff_member(user)


def can_delete_akteur(user):
    return core_rules.is_fachstelle(user)


def can_change_person(user, person):
    """Erased Personen stay anonymous: nobody fills them with data again."""
    return can_edit_verzeichnis(user) and not person.is_erased


def can_import_personen(user):
    return core_rules.is_fachstelle(user)


def can_export_verzeichnis(user):
    return core_rules.is_internal(user)


def can_manage_dsgvo(user):
    """Export everything stored about a Person (JSON) and erase (anonymise) a Person."""
    return core_rules.is_fachstelle(user)


def can_edit_own_contact(user):
    """Every network member may look at and correct the Person linked to their account."""
    return core_rules.is_network_member(user)


# --- angebote ---


def can_see_inactive_angebote(user):
    """Angebote are public information while active; the inactive ones are internal."""
    return core_rules.is_internal(user)


def visible_angebote(user):
    """The Angebote `user` may see: all for internal users, the active ones for everyone else."""
    if can_see_inactive_angebote(user):
        return Angebot.objects.all()
    return Angebot.objects.active()


def can_create_angebot(user, quartier=None):
    """Fachstelle anywhere, Koordination in the Quartiere it coordinates (the form offers those).

    With `quartier`: whether the user may add an Angebot in that very Quartier.
    """
    if quartier is not None:
        return quartiere_rules.can_edit_quartier(user, quartier)
    return core_rules.is_staff_member(user)


def can_change_angebot(user, angebot):
    return quartiere_rules.can_edit_quartier(user, angebot.quartier)
