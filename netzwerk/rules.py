"""Who may see and change what in the Netzwerk; views and templates share these functions.

Fachstelle sees and changes everything. Koordination sees everything internal and changes what
belongs to the Quartiere it coordinates today. Verwaltung reads everything internal and changes
only the Gremien (and their Termine) it belongs to. Partners see only their own Gremien and Termine.
Each topic keeps its rules in its own block.
"""

from django.db.models import Q

from gwa_portal.core import rules as core_rules
from gwa_portal.core.models import Role
from quartiere import rules as quartiere_rules
from quartiere.models import Quartier

from .models import Angebot, Einladung, Gremium, Mitgliedschaft, Person, Termin

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


def can_import_akteure(user):
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


# --- protokolle ---


def person_of(user):
    """The user's Person in the directory, or None (the OneToOne may not exist)."""
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user, geloescht_am__isnull=True).first()


def termin_quartier_id(termin):
    """The Quartier a Termin belongs to: its own, else its Gremium's (None: citywide, as is
    every Termin of a citywide Gremium, wherever it is held)."""
    if termin.gremium_id and termin.gremium.quartier_id is None:
        return None
    return termin.quartier_id or (termin.gremium.quartier_id if termin.gremium_id else None)


def can_write_protokoll(user, termin):
    """Fachstelle always; Koordination for Termine in a Quartier it coordinates today.

    Citywide Termine (no Quartier) are the Fachstelle's; Supervision has no Protokoll at all.
    """
    if termin.supervision_id:
        return False
    if core_rules.is_fachstelle(user):
        return True
    if not (core_rules.is_staff_member(user) and user.role == Role.KOORDINATION):
        return False
    quartier_id = termin_quartier_id(termin)
    return bool(quartier_id) and (
        Quartier.objects.coordinated_by(user).filter(pk=quartier_id).exists()
    )


def can_see_protokoll(user, protokoll):
    """Internal roles read every Protokoll; partners only released ones of their Termine."""
    if protokoll.termin.supervision_id:
        return False
    if core_rules.is_internal(user):
        return True
    if not core_rules.is_network_member(user) or not protokoll.is_released:
        return False
    person = person_of(user)
    if person is None:
        return False
    termin = protokoll.termin
    if (
        termin.gremium_id
        and Gremium.objects.for_person(person).filter(pk=termin.gremium_id).exists()
    ):
        return True
    return Einladung.objects.filter(termin=termin, person=person).exists()


def can_mark_aufgabe_done(user, aufgabe):
    """The responsible person, or whoever may write the Protokoll the Aufgabe comes from."""
    if not user.is_authenticated or not user.is_active:
        return False
    if aufgabe.verantwortlich.user_id == user.pk:
        return True
    return can_write_protokoll(user, aufgabe.protokoll.termin)


def can_see_aufgaben_list(user):
    return core_rules.is_staff_member(user)


# --- fortbildung ---


def can_manage_fortbildungen(user):
    return core_rules.is_fachstelle(user)


def can_see_fortbildungen(user):
    return core_rules.is_internal(user)


def can_register_for_fortbildung(user):
    """Fortbildungen are for the coordinators; they register themselves."""
    return core_rules.is_staff_member(user) and user.role == Role.KOORDINATION


def can_see_bestaetigung(user, teilnehmer):
    return core_rules.is_fachstelle(user) or (user.is_authenticated and user.pk == teilnehmer.pk)


# --- supervision ---


def can_manage_supervision(user):
    return core_rules.is_fachstelle(user)


def can_see_supervision_list(user):
    return core_rules.is_staff_member(user)


def can_see_supervision(user, supervision):
    """Only the members and the Fachstelle know a group exists."""
    if core_rules.is_fachstelle(user):
        return True
    return core_rules.is_staff_member(user) and supervision.mitglieder.filter(pk=user.pk).exists()


# --- protokolle (lists) ---


def protokoll_scope(user):
    """For lists: None if `user` may write every Protokoll, else the set of Quartier ids
    in which they may (checked per row without a query each)."""
    if core_rules.is_fachstelle(user):
        return None
    if core_rules.is_staff_member(user) and user.role == Role.KOORDINATION:
        return set(Quartier.objects.coordinated_by(user).values_list("pk", flat=True))
    return set()


def can_mark_in_scope(user, aufgabe, scope):
    """can_mark_aufgabe_done with a precomputed protokoll_scope (rows need select_related)."""
    if aufgabe.verantwortlich.user_id == user.pk:
        return True
    termin = aufgabe.protokoll.termin
    if termin.supervision_id:
        return False
    if scope is None:
        return True
    return termin_quartier_id(termin) in scope


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
    """Fachstelle always; Koordination for Termine of its Quartiere (own or Gremium's, not of a
    citywide Gremium); Verwaltung for Termine of Gremien it belongs to."""
    if core_rules.is_fachstelle(user):
        return True
    if _has_role(user, Role.KOORDINATION):
        if termin.gremium_id and termin.gremium.quartier_id is None:
            return False  # a citywide Gremium's Termine are the Fachstelle's
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


# --- links ---
# Pages link a Termin, Gremium or Person only where the viewer may open its page. The list
# variants take rows already fetched and need at most one query for the whole list.


def openable_termine(user, termine):
    """The pks among `termine` whose Termin page `user` may open.

    Everyone opens public Termine (the public variant); internal users every Termin except
    Supervision dates of groups they do not belong to; partners the ones they are invited to or
    that belong to their Gremien (as `visible_termine`).
    """
    termine = list(termine)
    if core_rules.is_fachstelle(user):
        return {termin.pk for termin in termine}
    # As Termin.objects.public(), without a query.
    ids = {
        termin.pk
        for termin in termine
        if termin.oeffentlich and termin.status != Termin.Status.ABGESAGT
    }
    if core_rules.is_internal(user):
        ids |= {termin.pk for termin in termine if not termin.supervision_id}
    rest = [termin.pk for termin in termine if termin.pk not in ids]
    if rest and core_rules.is_network_member(user):
        ids |= set(visible_termine(user).filter(pk__in=rest).values_list("pk", flat=True))
    return ids


def openable_gremien(user, gremien):
    """The pks among `gremien` whose page `user` may open: all for internal users, the own
    ones for partners, none for anyone else."""
    gremien = [gremium for gremium in gremien if gremium is not None]
    if core_rules.is_internal(user):
        return {gremium.pk for gremium in gremien}
    if not gremien or not _has_role(user, Role.PARTNER):
        return set()
    pks = [gremium.pk for gremium in gremien]
    return set(member_gremien(user).filter(pk__in=pks).values_list("pk", flat=True))


def can_link_personen(user):
    """Person pages live in the directory, which only internal users may open."""
    return can_see_verzeichnis(user)
