"""Who may see, build, start and end Befragungen. Plain functions shared by views and templates.

Each topic keeps its own block, so that parallel work merges cleanly.
"""

from django.utils.translation import gettext as _

from gwa_portal.core import rules as core_rules
from quartiere import rules as quartiere_rules
from quartiere.models import Quartier
from quartiere.rules import editable_quartiere

from .models import Befragung

# --- baukasten ---


def can_see_befragungen(user):
    """Fachstelle, Koordination and Verwaltung see every survey internally."""
    return core_rules.is_internal(user)


def can_create_befragung(user):
    """Fachstelle for any scope; Koordination drafts for its own Quartiere."""
    return core_rules.is_staff_member(user)


def is_own_scope(user, befragung):
    """Koordination: the survey has a scope and every Quartier of it is coordinated by user."""
    quartier_ids = {q.pk for q in befragung.quartiere.all()}
    own = set(editable_quartiere(user).values_list("pk", flat=True))
    return bool(quartier_ids) and quartier_ids <= own


def can_edit_befragung(user, befragung):
    """Who may change the survey at all: the Fachstelle, and Koordination its own drafts.
    What the state still allows (see can_change_meaning) is checked separately."""
    if core_rules.is_fachstelle(user):
        return True
    if not core_rules.is_staff_member(user):
        return False
    return befragung.status == Befragung.Status.ENTWURF and is_own_scope(user, befragung)


def can_change_meaning(befragung, *, has_answers):
    """Questions, options, rows, languages and mode change only in a draft without answers."""
    return befragung.status == Befragung.Status.ENTWURF and not has_answers


def lock_reason(befragung, *, has_answers):
    """Why the questions are locked (German, for the page and the 409 response), or ""."""
    if has_answers:
        return _(
            "Zu dieser Befragung gibt es schon Rückmeldungen. Fragen, Antwortmöglichkeiten und "
            "Matrixzeilen sind deshalb gesperrt, damit die Antworten ihre Bedeutung behalten. "
            "Fehlende Übersetzungen können Sie noch ergänzen."
        )
    if befragung.status != Befragung.Status.ENTWURF:
        return _(
            "Die Befragung ist nicht mehr im Entwurf. Fragen, Sprachen und Teilnahme sind "
            "gesperrt; nur das Ende lässt sich noch ändern."
        )
    return ""


def can_delete_befragung(user, befragung, *, has_answers):
    return (
        can_edit_befragung(user, befragung)
        and befragung.status == Befragung.Status.ENTWURF
        and not has_answers
    )


def can_publish(user):
    """Starting and ending surveys is the Fachstelle's decision."""
    return core_rules.is_fachstelle(user)


def can_start(user, befragung):
    return can_publish(user) and befragung.status == Befragung.Status.ENTWURF


def can_end(user, befragung):
    return can_publish(user) and befragung.status == Befragung.Status.LAEUFT


def can_print(user):
    """The paper questionnaire is printed by the staff who hand it out."""
    return core_rules.is_staff_member(user)


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


# --- ergebnisse ---


def can_see_results(user):
    """Results are aggregated and suppressed below the minimum group size: all internal roles."""
    return core_rules.is_internal(user)


def can_export_raw(user):
    """One row per Rueckmeldung, unsuppressed: only the Fachstelle downloads raw data."""
    return core_rules.is_fachstelle(user)


def can_import_xlsform(user):
    """An import creates a citywide draft, which only the Fachstelle may own."""
    return core_rules.is_fachstelle(user)


def bedarf_quartiere(user, befragung):
    """The Quartiere in which `user` may create a Bedarf from this survey's results: the
    survey's scope (all Quartiere when citywide) that the user may plan in."""
    allowed = quartiere_rules.editable_quartiere(user)
    scope = befragung.quartiere.all()
    if scope.exists():
        allowed = allowed.filter(pk__in=scope.values("pk"))
    return allowed


def can_create_bedarf(user, befragung):
    return core_rules.is_staff_member(user) and bedarf_quartiere(user, befragung).exists()
