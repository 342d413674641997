"""Who may see and change what in a Quartier."""

from gwa_portal.core import rules as core_rules


def can_edit_quartier(user, quartier):
    """Fachstelle always; Koordination only in Quartiere it coordinates today."""
    if core_rules.is_fachstelle(user):
        return True
    if not (user.is_authenticated and user.is_active and user.is_koordination):
        return False
    return quartier.koordinationen.current().filter(user=user).exists()


def can_see_internal(user):
    return core_rules.is_internal(user)
