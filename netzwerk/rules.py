"""Who may see and change what in the Netzwerk: plain functions that views and templates share.

Each topic keeps its own block below, so that parallel work merges cleanly.
"""

from gwa_portal.core import rules as core_rules
from quartiere import rules as quartiere_rules

from .models import Angebot

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
