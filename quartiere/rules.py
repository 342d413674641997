"""Who may see and change what in the Quartiere.

Koordination changes Aktivitäten, Bedarfe and Maßnahmen only in the Quartiere it coordinates
today (a current `Koordination` row); the Fachstelle changes everything; Verwaltung reads.
"""

from gwa_portal.core import rules as core_rules

from .models import Quartier


def can_see_internal(user):
    return core_rules.is_internal(user)


def can_manage_stammdaten(user):
    """Stadtteile, Quartiere, Kennzahlen, taxonomies and Koordinationen: Fachstelle only."""
    return core_rules.is_fachstelle(user)


def can_log_activity(user):
    return core_rules.is_staff_member(user)


def _is_koordination(user):
    return user.is_authenticated and user.is_active and user.is_koordination


def editable_quartiere(user):
    """The Quartiere in which `user` may change Aktivitäten, Bedarfe and Maßnahmen."""
    if core_rules.is_fachstelle(user):
        return Quartier.objects.all()
    if _is_koordination(user):
        return Quartier.objects.coordinated_by(user)
    return Quartier.objects.none()


def can_edit_quartier(user, quartier):
    """Fachstelle always; Koordination only in Quartiere it coordinates today."""
    if core_rules.is_fachstelle(user):
        return True
    if not _is_koordination(user):
        return False
    return quartier.koordinationen.current().filter(user=user).exists()


def can_change_aktivitaet(user, aktivitaet):
    return can_edit_quartier(user, aktivitaet.quartier)


def can_change_bedarf(user, bedarf):
    return can_edit_quartier(user, bedarf.quartier)


def can_change_massnahme(user, massnahme):
    """Koordination only when every Quartier of the Maßnahme is one of its own."""
    if core_rules.is_fachstelle(user):
        return True
    if not _is_koordination(user):
        return False
    quartier_ids = set(massnahme.quartiere.values_list("pk", flat=True))
    own = set(editable_quartiere(user).values_list("pk", flat=True))
    return bool(quartier_ids) and quartier_ids <= own
