"""Who may see and change what in the Befragungen (plain functions for views and templates)."""

from gwa_portal.core import rules as core_rules
from quartiere import rules as quartiere_rules

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
