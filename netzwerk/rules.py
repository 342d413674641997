"""Who may see and change what in the Netzwerk; views and templates share these functions.

Fachstelle sees and changes everything. Koordination sees everything internal and changes what
belongs to the Quartiere it coordinates today. Verwaltung reads everything internal and changes
only the Gremien (and their Termine) it belongs to. Partners see only their own Gremien and Termine.
"""

from django.db.models import Q

from gwa_portal.core import rules as core_rules
from gwa_portal.core.models import Role
from quartiere.models import Quartier

from .models import Gremium, Mitgliedschaft, Termin

# --- gremien ---


def _active(user):
    return user.is_authenticated and user.is_active


def _has_role(user, role):
    return _active(user) and user.role == role


def coordinated_quartiere(user):
    """The Quartiere in which `user` changes Gremien and Termine (Fachstelle: all)."""
    if core_rules.is_fachstelle(user):
        return Quartier.objects.all()
    if _has_role(user, Role.KOORDINATION):
        return Quartier.objects.coordinated_by(user)
    return Quartier.objects.none()


def member_gremien(user):
    """The Gremien in which the user's Person is a member today."""
    if not _active(user):
        return Gremium.objects.none()
    return Gremium.objects.filter(
        pk__in=Mitgliedschaft.objects.current().filter(person__user=user).values("gremium")
    )


def visible_gremien(user):
    """Internal roles see every Gremium; partners only their own."""
    if core_rules.is_internal(user):
        return Gremium.objects.all()
    if _has_role(user, Role.PARTNER):
        return member_gremien(user)
    return Gremium.objects.none()


def can_create_gremium(user):
    """Fachstelle (also citywide Gremien) and Koordination (in its own Quartiere)."""
    return core_rules.is_staff_member(user)


def changeable_gremien(user):
    """The Gremien whose data, members and Termine `user` may change."""
    if core_rules.is_fachstelle(user):
        return Gremium.objects.all()
    if _has_role(user, Role.KOORDINATION):
        return Gremium.objects.filter(quartier__in=coordinated_quartiere(user))
    if _has_role(user, Role.VERWALTUNG):
        return member_gremien(user)
    return Gremium.objects.none()


def can_change_gremium(user, gremium):
    """Fachstelle always; Koordination for Gremien of its Quartiere (citywide ones: no);
    Verwaltung for Gremien it belongs to."""
    if core_rules.is_fachstelle(user):
        return True
    if _has_role(user, Role.KOORDINATION):
        return (
            gremium.quartier_id is not None
            and coordinated_quartiere(user).filter(pk=gremium.quartier_id).exists()
        )
    if _has_role(user, Role.VERWALTUNG):
        return member_gremien(user).filter(pk=gremium.pk).exists()
    return False


# --- termine ---


def _without_foreign_supervision(queryset, user):
    # Supervision dates are seen only by the group's members and the Fachstelle.
    if core_rules.is_fachstelle(user):
        return queryset
    return queryset.filter(Q(supervision__isnull=True) | Q(supervision__mitglieder=user))


def visible_termine(user):
    """Internal roles: every Termin; partners: Termine they are invited to or of their Gremien;
    anonymous users: public ones."""
    if core_rules.is_internal(user):
        return _without_foreign_supervision(Termin.objects.all(), user)
    if _has_role(user, Role.PARTNER):
        invited = Termin.objects.filter(einladungen__person__user=user).values("pk")
        return Termin.objects.filter(Q(pk__in=invited) | Q(gremium__in=member_gremien(user)))
    return Termin.objects.public()


def can_create_termin(user):
    """Staff always; Verwaltung when it belongs to a Gremium it can plan for."""
    if core_rules.is_staff_member(user):
        return True
    return _has_role(user, Role.VERWALTUNG) and member_gremien(user).exists()


def can_change_termin(user, termin):
    """Fachstelle always; Koordination for Termine of its Quartiere (by the Termin's own
    Quartier or its Gremium's); Verwaltung for Termine of Gremien it belongs to."""
    if core_rules.is_fachstelle(user):
        return True
    if _has_role(user, Role.KOORDINATION):
        quartier_ids = {termin.quartier_id, termin.gremium.quartier_id if termin.gremium else None}
        quartier_ids.discard(None)
        return coordinated_quartiere(user).filter(pk__in=quartier_ids).exists()
    if _has_role(user, Role.VERWALTUNG):
        return (
            termin.gremium_id is not None
            and member_gremien(user).filter(pk=termin.gremium_id).exists()
        )
    return False


def can_see_einladungen(user):
    """The RSVP overview is internal: who was invited and what they answered."""
    return core_rules.is_internal(user)


def can_manage_orte(user):
    return core_rules.is_staff_member(user)
