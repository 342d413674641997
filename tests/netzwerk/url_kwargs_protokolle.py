"""URL kwargs for the policy test of Protokolle, Fortbildung and Supervision.

The objects lie outside the policy users' reach: the Termin's Gremium is in a Quartier the
policy's Koordination does not coordinate, the Supervision group has no members, and the
attendance confirmation belongs to someone else.
"""

from gwa_portal.core.models import Role
from netzwerk.models import Anmeldung

from ..factories import (
    AnmeldungFactory,
    FortbildungFactory,
    ProtokollFactory,
    SupervisionFactory,
    TerminFactory,
    UserFactory,
)


def released_protokoll():
    from django.utils import timezone

    return {"pk": ProtokollFactory(freigegeben_am=timezone.now()).termin_id}


def draft_protokoll():
    return {"pk": ProtokollFactory().termin_id}


def termin():
    return {"pk": TerminFactory().pk}


def fortbildung():
    return {"slug": FortbildungFactory().slug}


def other_user():
    return {"user_pk": UserFactory(role=Role.KOORDINATION).pk}


def bestaetigung():
    anmeldung = AnmeldungFactory(status=Anmeldung.Status.TEILGENOMMEN)
    return {"slug": anmeldung.fortbildung.slug, "user_pk": anmeldung.user_id}


def supervision():
    return {"slug": SupervisionFactory().slug}


def supervision_termin():
    group = SupervisionFactory()
    return {"slug": group.slug, "pk": TerminFactory(gremium=None, supervision=group).pk}


def aufgabe():
    from ..factories import AufgabeFactory

    return {"pk": AufgabeFactory().pk}
