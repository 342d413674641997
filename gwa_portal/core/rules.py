"""Permission rules: plain functions of the user (and object) that views and templates share.

Object-level rules of the domain apps live in their own `rules.py` (for example
`quartiere/rules.py`); the role-level rules every app needs live here.
"""

from .models import INTERNAL_ROLES, Role

STAFF_ROLES = frozenset({Role.FACHSTELLE, Role.KOORDINATION})


def is_fachstelle(user):
    return user.is_authenticated and user.is_active and user.role == Role.FACHSTELLE


def is_internal(user):
    """Fachstelle, Koordination and Verwaltung see everything internal."""
    return user.is_authenticated and user.is_active and user.role in INTERNAL_ROLES


def is_staff_member(user):
    """Fachstelle and Koordination do the daily work (Verwaltung reads only)."""
    return user.is_authenticated and user.is_active and user.role in STAFF_ROLES


def is_network_member(user):
    """Internal roles and partners take part in the Netzwerk (Gremien, Termine)."""
    return is_internal(user) or (
        user.is_authenticated and user.is_active and user.role == Role.PARTNER
    )


def can_manage_users(user):
    return is_fachstelle(user)


def needs_mfa_setup(user, *, debug):
    """True when the user's role requires TOTP and none is set up yet."""
    from django.conf import settings

    if not user.is_authenticated or user.role not in settings.GWA_MFA_REQUIRED_ROLES:
        return False
    if debug and user.mfa_exempt:
        return False
    # The request's user carries the answer from its own query (auth_backends.load_user).
    has_totp = getattr(user, "has_totp", None)
    if has_totp is not None:
        return not has_totp
    from allauth.mfa.models import Authenticator

    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
