"""Who may do what with surveys; views and templates use the same functions."""

from gwa_portal.core import rules as core_rules
from quartiere.models import Quartier

# --- formular ---


def can_preview(user):
    """Every internal role may look at a survey's form in any of its languages."""
    return core_rules.is_internal(user)


def can_enter_paper(user, befragung):
    """Fachstelle always; Koordination for surveys touching one of its Quartiere (a citywide
    survey touches all of them)."""
    if core_rules.is_fachstelle(user):
        return True
    if not (core_rules.is_staff_member(user) and user.is_koordination):
        return False
    own = Quartier.objects.coordinated_by(user)
    scope = befragung.quartiere.all()
    if scope.exists():
        return own.filter(pk__in=scope.values("pk")).exists()
    return own.exists()
