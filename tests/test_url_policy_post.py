"""POST-only views: the GET policy only sees 405 there, so each is POSTed here by every role.

Anonymous users are sent to the login, a role the view is not for gets 403 (or 404 where the
object does not exist for it), and the right role gets the view's success answer. Each role
gets fresh objects, so one role's POST cannot change what the next one meets.
"""

import pytest
from django.core import mail
from django.urls import reverse

from befragung import zugangscodes
from befragung.models import Befragung
from gwa_portal.core.models import Role, User

from .factories import (
    AnmeldungFactory,
    AufgabeFactory,
    BefragungFactory,
    EinladungFactory,
    FortbildungFactory,
    FrageFactory,
    KoordinationFactory,
    PersonFactory,
    ProtokollFactory,
    QuartierFactory,
    TerminFactory,
)
from .test_url_policy import POLICY

pytestmark = pytest.mark.django_db

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER
ANON = None
ROLES = [ANON, F, K, V, P]


def _partner_account():
    return {"pk": User.objects.get(role=P).pk}


def _released_aufgabe():
    from django.utils import timezone

    return {"pk": AufgabeFactory(protokoll=ProtokollFactory(freigegeben_am=timezone.now())).pk}


def _fortbildung():
    return {"slug": FortbildungFactory().slug}


def _fortbildung_with_own_registration():
    """A Fortbildung the policy's Koordination user is registered for (so they can leave)."""
    anmeldung = AnmeldungFactory(user=User.objects.get(role=K))
    return {"slug": anmeldung.fortbildung.slug}


def _code_survey():
    """A running code survey in a Quartier the policy's Koordination user coordinates."""
    quartier = QuartierFactory()
    KoordinationFactory(quartier=quartier, user=User.objects.get(role=K))
    befragung = BefragungFactory(
        modus=Befragung.Modus.ZUGANGSCODE, status=Befragung.Status.LAEUFT, quartiere=[quartier]
    )
    return {"slug": befragung.slug}


def _fresh_codes(kwargs):
    befragung = Befragung.objects.get(slug=kwargs["slug"])
    return {"codes": " ".join(zugangscodes.generate(befragung=befragung, anzahl=2))}


def _second_frage():
    """A draft survey (in a Quartier nobody coordinates) with two questions; the 2nd moves up."""
    befragung = BefragungFactory(status=Befragung.Status.ENTWURF, quartiere=[QuartierFactory()])
    FrageFactory(befragung=befragung)
    return {"slug": befragung.slug, "pk": FrageFactory(befragung=befragung).pk}


def _termin():
    return {"pk": TerminFactory().pk}


def _einladung():
    einladung = EinladungFactory()
    return {"pk": einladung.termin_id, "einladung_pk": einladung.pk}


def _person():
    return {"pk": PersonFactory().pk}


def _own_contacts():
    """Every account gets its own directory entry, whose calendar link it may renew."""
    for user in User.objects.filter(person__isnull=True):
        PersonFactory(user=user, email=user.email)
    return {}


FACHSTELLE_DOES = {ANON: 302, F: 302, K: 403, V: 403, P: 403}
KOORDINATION_DOES = {ANON: 302, F: 403, K: 302, V: 403, P: 403}

# name -> (URL kwargs factory, POST data factory (given the kwargs), expected status per role)
POST_POLICY = {
    "core:user_resend": (_partner_account, None, FACHSTELLE_DOES),
    # The Protokoll's Termin lies in a Quartier the policy's Koordination does not coordinate.
    "netzwerk:aufgabe_done": (_released_aufgabe, None, FACHSTELLE_DOES),
    "netzwerk:fortbildung_anmelden": (_fortbildung, None, KOORDINATION_DOES),
    "netzwerk:fortbildung_abmelden": (_fortbildung_with_own_registration, None, KOORDINATION_DOES),
    "netzwerk:fortbildung_teilnahme": (_fortbildung, lambda kw: {"anwesend": []}, FACHSTELLE_DOES),
    # The code pages answer 200 with the codes (a page, a CSV, a print sheet).
    "befragung:zugangscodes_erzeugen": (
        _code_survey,
        lambda kw: {"anzahl": "3"},
        {ANON: 302, F: 200, K: 200, V: 403, P: 403},
    ),
    "befragung:zugangscodes_csv": (
        _code_survey,
        _fresh_codes,
        {ANON: 302, F: 200, K: 200, V: 403, P: 403},
    ),
    "befragung:zugangscodes_druck": (
        _code_survey,
        _fresh_codes,
        {ANON: 302, F: 200, K: 200, V: 403, P: 403},
    ),
    "befragung:einladungen_erinnern": (
        _code_survey,
        None,
        {ANON: 302, F: 302, K: 302, V: 403, P: 403},
    ),
    # RSVP and calendar links: the Fachstelle renews them; everyone renews their own feed.
    "netzwerk:termin_links_erneuern": (_termin, None, FACHSTELLE_DOES),
    "netzwerk:einladung_link_erneuern": (_einladung, None, FACHSTELLE_DOES),
    "netzwerk:kalender_link_person": (_person, None, FACHSTELLE_DOES),
    "netzwerk:kalender_link_eigen": (
        _own_contacts,
        None,
        {ANON: 302, F: 302, K: 302, V: 302, P: 302},
    ),
    # The survey's Quartier is not the policy's Koordination's: only the Fachstelle edits it.
    "befragung:frage_verschieben": (
        _second_frage,
        lambda kw: {"richtung": "hoch"},
        FACHSTELLE_DOES,
    ),
}


def test_every_post_only_view_has_a_post_row():
    post_only = {name for name, (_, expected) in POLICY.items() if 405 in expected.values()}
    assert post_only == POST_POLICY.keys()


@pytest.mark.parametrize("name", sorted(POST_POLICY))
def test_post_policy(name, client_as, users):
    kwargs_factory, data_factory, expected = POST_POLICY[name]
    outcomes, login_url = {}, reverse("account_login")
    for role in ROLES:
        client = client_as(role)  # logs in before the factories run: users exist by now
        kwargs = kwargs_factory()
        data = data_factory(kwargs) if data_factory else {}
        response = client.post(reverse(name, kwargs=kwargs), data)
        outcomes[role] = response.status_code
        if role is ANON and response.status_code == 302:
            assert response["Location"].startswith(login_url), response["Location"]
    assert outcomes == expected, {str(k): v for k, v in outcomes.items()}


def test_refused_resend_sends_nothing(client_as, users, django_capture_on_commit_callbacks):
    url = reverse("core:user_resend", kwargs={"pk": users[P].pk})
    for role in [ANON, K, V, P]:
        with django_capture_on_commit_callbacks(execute=True):
            client_as(role).post(url)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client_as(F).post(url)
    assert [m.to for m in mail.outbox] == [[users[P].email]]
