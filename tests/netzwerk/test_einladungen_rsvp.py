"""The RSVP page behind the secret link: no login, answer and change, refuse bad links."""

import datetime
import re

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from gwa_portal.core.models import Role
from netzwerk import einladungen
from netzwerk.models import Einladung, Termin
from netzwerk.tokens import RSVP_SALT, rsvp_token

from ..factories import EinladungFactory, PersonFactory, TagesordnungspunktFactory, TerminFactory

pytestmark = pytest.mark.django_db

Antwort = Einladung.Antwort


def rsvp_url(einladung):
    return reverse("einladung_rsvp", kwargs={"token": rsvp_token(einladung)})


def test_the_page_shows_the_termin_without_login(client):
    termin = TerminFactory(titel="Runder Tisch Wiesenau", beschreibung="Wir planen das Fest.")
    TagesordnungspunktFactory(termin=termin, titel="Sommerfest")
    einladung = EinladungFactory(termin=termin, person=PersonFactory(name="Ada Beispiel"))
    other = EinladungFactory(termin=termin, person=PersonFactory(name="Bert Anders"))
    einladungen.answer(einladung=other, antwort=Antwort.ZUGESAGT, kommentar="Bringe Kuchen")

    response = client.get(rsvp_url(einladung))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Runder Tisch Wiesenau" in html
    assert "Sommerfest" in html
    assert "Wir planen das Fest." in html
    assert termin.ort.adresse in html
    assert "Ada Beispiel" in html
    assert "Bert Anders" not in html
    assert "Bringe Kuchen" not in html
    assert "<legend" in html
    assert 'type="radio"' in html
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize("antwort", [Antwort.ZUGESAGT, Antwort.ABGESAGT, Antwort.VIELLEICHT])
def test_an_invitee_answers_and_sees_the_success_message(client, antwort):
    einladung = EinladungFactory()
    url = rsvp_url(einladung)

    response = client.post(url, {"antwort": antwort, "kommentar": "Komme etwas später"})

    assert response.status_code == 302
    assert response["Location"] == url
    einladung.refresh_from_db()
    assert einladung.antwort == antwort
    assert einladung.kommentar == "Komme etwas später"
    assert einladung.beantwortet_am is not None
    page = client.get(url).content.decode()
    assert "Vielen Dank! Ihre Antwort ist gespeichert" in page
    assert re.search(rf'<input type="radio"[^>]*value="{antwort}"[^>]*checked', page)


def test_the_answer_can_be_changed_and_is_preselected(client):
    einladung = EinladungFactory()
    url = rsvp_url(einladung)
    client.post(url, {"antwort": Antwort.ZUGESAGT})
    client.post(url, {"antwort": Antwort.ABGESAGT, "kommentar": "Leider krank"})
    einladung.refresh_from_db()
    assert einladung.antwort == Antwort.ABGESAGT
    form = client.get(url).context["form"]
    assert form.initial == {"antwort": Antwort.ABGESAGT, "kommentar": "Leider krank"}


def test_a_logged_in_user_can_answer_too(client_as):
    einladung = EinladungFactory()
    response = client_as(Role.PARTNER).post(rsvp_url(einladung), {"antwort": Antwort.ZUGESAGT})
    assert response.status_code == 302
    einladung.refresh_from_db()
    assert einladung.antwort == Antwort.ZUGESAGT


def test_no_answer_chosen_gives_a_german_error_and_400(client):
    einladung = EinladungFactory()
    response = client.post(rsvp_url(einladung), {"kommentar": "?"})
    assert response.status_code == 400
    assert "Bitte wählen Sie eine Antwort." in response.content.decode()
    einladung.refresh_from_db()
    assert einladung.antwort == Antwort.OFFEN
    assert einladung.kommentar == ""


def test_a_full_termin_refuses_a_new_zusage(client):
    termin = TerminFactory(kapazitaet=1)
    first, second = EinladungFactory.create_batch(2, termin=termin)
    assert client.post(rsvp_url(first), {"antwort": Antwort.ZUGESAGT}).status_code == 302

    response = client.post(rsvp_url(second), {"antwort": Antwort.ZUGESAGT})

    assert response.status_code == 400
    assert "alle Plätze vergeben" in response.content.decode()
    second.refresh_from_db()
    assert second.antwort == Antwort.OFFEN
    # The one who holds the place may confirm again, and the others may still decline.
    assert client.post(rsvp_url(first), {"antwort": Antwort.ZUGESAGT}).status_code == 302
    assert client.post(rsvp_url(second), {"antwort": Antwort.ABGESAGT}).status_code == 302


def test_free_places_are_shown(client):
    termin = TerminFactory(kapazitaet=3)
    einladung = EinladungFactory(termin=termin)
    einladungen.answer(einladung=EinladungFactory(termin=termin), antwort=Antwort.ZUGESAGT)
    assert "Es sind noch 2 Plätze frei." in client.get(rsvp_url(einladung)).content.decode()


def tampered(token):
    return token[:-2] + ("AA" if not token.endswith("AA") else "BB")


@pytest.mark.parametrize(
    "make_token",
    [
        lambda e: tampered(rsvp_token(e)),
        lambda e: signing.dumps(e.pk, salt="ein-anderer-zweck"),
        lambda e: tampered(signing.dumps(e.pk, salt=RSVP_SALT)),
        lambda e: "kaputt",
    ],
    ids=["tampered", "other-salt", "tampered-old-kind", "garbage"],
)
def test_a_bad_link_gets_a_german_404_and_changes_nothing(client, make_token):
    einladung = EinladungFactory()
    url = reverse("einladung_rsvp", kwargs={"token": make_token(einladung)})

    for response in [client.get(url), client.post(url, {"antwort": Antwort.ZUGESAGT})]:
        assert response.status_code == 404
        assert "Link ungültig" in response.content.decode()
    einladung.refresh_from_db()
    assert einladung.antwort == Antwort.OFFEN


@pytest.mark.parametrize(
    "make_token",
    [
        lambda e: signing.dumps(e.pk, salt=RSVP_SALT),
        lambda e: signing.dumps(e.pk + 1000, salt=RSVP_SALT),
        lambda e: signing.dumps(str(e.pk), salt=RSVP_SALT),
    ],
    ids=["own-einladung", "unknown-einladung", "not-an-id"],
)
def test_an_old_signed_link_opens_nothing_and_points_to_the_newest_mail(client, make_token):
    einladung = EinladungFactory()
    url = reverse("einladung_rsvp", kwargs={"token": make_token(einladung)})

    for response in [client.get(url), client.post(url, {"antwort": Antwort.ZUGESAGT})]:
        assert response.status_code == 410
        html = response.content.decode()
        assert "Link veraltet" in html
        assert "Link aus der neuesten E-Mail" in html
        assert einladung.termin.titel not in html
    einladung.refresh_from_db()
    assert einladung.antwort == Antwort.OFFEN


def test_an_expired_link_gets_410_and_changes_nothing(client):
    past = timezone.now() - datetime.timedelta(days=1)
    einladung = EinladungFactory(
        termin=TerminFactory(beginn=past - datetime.timedelta(hours=2), ende=past)
    )
    url = rsvp_url(einladung)
    for response in [client.get(url), client.post(url, {"antwort": Antwort.ZUGESAGT})]:
        assert response.status_code == 410
        assert "Einladung abgelaufen" in response.content.decode()
    einladung.refresh_from_db()
    assert einladung.antwort == Antwort.OFFEN


def test_a_cancelled_termin_gets_410_and_changes_nothing(client):
    einladung = EinladungFactory()
    Termin.objects.filter(pk=einladung.termin_id).update(status=Termin.Status.ABGESAGT)
    url = rsvp_url(einladung)
    response = client.post(url, {"antwort": Antwort.ZUGESAGT})
    assert response.status_code == 410
    assert "Termin abgesagt" in response.content.decode()
    einladung.refresh_from_db()
    assert einladung.antwort == Antwort.OFFEN


def test_the_link_of_an_erased_person_no_longer_works(client):
    einladung = EinladungFactory(person=PersonFactory(geloescht_am=timezone.now()))
    assert client.get(rsvp_url(einladung)).status_code == 404


def test_the_page_needs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    termin = TerminFactory(kapazitaet=100)
    TagesordnungspunktFactory.create_batch(10, termin=termin)
    others = EinladungFactory.create_batch(20, termin=termin)
    for e in others[:10]:
        einladungen.answer(einladung=e, antwort=Antwort.ZUGESAGT)
    with django_assert_max_num_queries(6):
        assert client.get(rsvp_url(others[-1])).status_code == 200
