"""Who may see and change what in the Befragungen: plain functions for views and templates."""

from gwa_portal.core import rules as core_rules
from quartiere.rules import editable_quartiere

# --- zugang ---


def can_manage_zugang(user, befragung):
    """Access codes and invitations: the Fachstelle, and Koordination for a survey whose
    Quartiere are all their own (a citywide survey belongs to the Fachstelle)."""
    if core_rules.is_fachstelle(user):
        return True
    if not core_rules.is_staff_member(user):
        return False
    quartier_ids = {q.pk for q in befragung.quartiere.all()}
    own = set(editable_quartiere(user).values_list("pk", flat=True))
    return bool(quartier_ids) and quartier_ids <= own


def can_see_participation(user):
    """Whether an invited person has used their code: it tells who took part (never what
    they answered), so only the Fachstelle sees it."""
    return core_rules.is_fachstelle(user)
