"""Personen: list with filters, page with memberships, forms with consent, Meine Kontaktdaten."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gwa_portal.core.models import Role
from netzwerk.models import Mitgliedschaft, Person

from ..factories import (
    AkteurFactory,
    EinladungFactory,
    GremiumFactory,
    MitgliedschaftFactory,
    PersonFactory,
    QuartierFactory,
)

pytestmark = pytest.mark.django_db

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER
LIST = reverse("netzwerk:person_list")
CREATE = reverse("netzwerk:person_create")


def body(response):
    return response.content.decode()


def rows(response):
    return body(response).count('<tr class="kern-table__row">') - 1


def erased(**kwargs):
    return PersonFactory(email="", geloescht_am=timezone.now(), **kwargs)


# --- list ------------------------------------------------------------------------------------


def test_list_filters_by_akteur_art_quartier_and_consent(client_as):
    wiesenau = QuartierFactory(slug="wiesenau")
    kita = AkteurFactory(name="Kita", art="schule_kita", quartiere=[wiesenau])
    verein = AkteurFactory(name="Verein", art="verein")
    PersonFactory(name="Kita-Leitung", akteur=kita)
    PersonFactory(name="Vereinsvorstand", akteur=verein, einwilligung_am=None, email="")
    client = client_as(V)

    def names(**params):
        page = body(client.get(LIST, params))
        return {n for n in ("Kita-Leitung", "Vereinsvorstand") if n in page}

    assert names(akteur=kita.pk) == {"Kita-Leitung"}
    assert names(art="verein") == {"Vereinsvorstand"}
    assert names(quartier="wiesenau") == {"Kita-Leitung"}
    assert names(einwilligung="nein") == {"Vereinsvorstand"}
    assert names(einwilligung="ja") == {"Kita-Leitung"}


def test_search_finds_name_and_email(client_as):
    PersonFactory(name="Aylin Beispiel", email="aylin@example.org")
    PersonFactory(name="Bernd Muster", email="kontakt@treff.de")
    client = client_as(K)
    assert "Aylin" in body(client.get(LIST, {"q": "aylin"}))
    page = body(client.get(LIST, {"q": "treff.de"}))
    assert "Bernd Muster" in page and "Aylin" not in page


def test_erased_persons_are_hidden_unless_the_filter_shows_them(client_as):
    PersonFactory(name="Aktive Person")
    erased(name="Gelöschte Person 7")
    client = client_as(F)
    assert "Gelöschte Person 7" not in body(client.get(LIST))
    page = body(client.get(LIST, {"geloescht": "ja"}))
    assert "Gelöschte Person 7" in page and "Aktive Person" not in page
    page = body(client.get(LIST, {"geloescht": ""}))
    assert "Gelöschte Person 7" in page and "Aktive Person" in page


def test_empty_list_says_what_to_do(client_as):
    assert "Keine Personen gefunden" in body(client_as(V).get(LIST))


def test_list_needs_the_same_queries_for_few_and_many(client_as, django_assert_max_num_queries):
    client = client_as(F)
    PersonFactory()
    with django_assert_max_num_queries(20) as small:
        client.get(LIST)
    akteure = [AkteurFactory() for _ in range(5)]
    Person.objects.bulk_create(
        Person(name=f"P{n}", akteur=akteure[n % 5], kalender_token=f"t{n}") for n in range(300)
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(LIST)
    assert rows(response) == 25


# --- detail ----------------------------------------------------------------------------------


def test_detail_shows_memberships_invitations_and_consent(client_as):
    person = PersonFactory(
        name="Aylin Beispiel",
        einwilligung_am=datetime.date(2024, 3, 1),
        einwilligung_zweck="Einladungen zum Runden Tisch",
    )
    MitgliedschaftFactory(
        person=person, gremium=GremiumFactory(name="AG Senior:innen"), rolle="sprecher"
    )
    EinladungFactory(person=person)
    EinladungFactory(person=person)
    page = body(client_as(V).get(person.get_absolute_url()))
    assert "AG Senior:innen" in page and "Sprecher:in" in page
    assert "01.03.2024" in page and "Einladungen zum Runden Tisch" in page
    assert '<dd class="kern-description-list-item__value">2</dd>' in page
    assert "Daten exportieren (JSON)" not in page


def test_dsgvo_buttons_are_for_the_fachstelle_only(client_as):
    person = PersonFactory()
    assert "Person löschen (anonymisieren)" in body(client_as(F).get(person.get_absolute_url()))
    assert "Person löschen (anonymisieren)" not in body(client_as(K).get(person.get_absolute_url()))


def test_detail_needs_the_same_queries_for_few_and_many(client_as, django_assert_max_num_queries):
    client = client_as(F)
    person = PersonFactory()
    MitgliedschaftFactory(person=person)
    with django_assert_max_num_queries(20) as small:
        client.get(person.get_absolute_url())
    for _ in range(10):
        MitgliedschaftFactory(person=person)
        EinladungFactory(person=person)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(person.get_absolute_url())
    assert body(response).count("Mitglied</td>") == 11


# --- create / edit ---------------------------------------------------------------------------


def test_koordination_creates_a_person_with_consent(client_as):
    akteur = AkteurFactory()
    response = client_as(K).post(
        CREATE,
        {
            "name": "Aylin Beispiel",
            "akteur": akteur.pk,
            "email": "aylin@example.org",
            "einwilligung_am": "2024-03-01",
            "einwilligung_zweck": "Einladungen",
        },
    )
    person = Person.objects.get()
    assert response.status_code == 302 and response.url == person.get_absolute_url()
    assert (person.akteur, person.einwilligung_am) == (akteur, datetime.date(2024, 3, 1))


@pytest.mark.parametrize("contact", [{"email": "a@example.org"}, {"telefon": "0511 1234"}])
def test_contact_data_without_consent_is_refused_next_to_the_fields(client_as, contact):
    response = client_as(F).post(CREATE, {"name": "Aylin", **contact})
    assert response.status_code == 400
    page = body(response)
    assert 'id="id_einwilligung_am_error"' in page and "wann die Person eingewilligt hat" in page
    assert 'id="id_einwilligung_zweck_error"' in page
    assert not Person.objects.exists()


def test_a_person_without_contact_data_needs_no_consent(client_as):
    response = client_as(F).post(CREATE, {"name": "Nur ein Name"})
    assert response.status_code == 302
    assert Person.objects.get().einwilligung_am is None


def test_duplicate_email_is_refused_next_to_the_field(client_as):
    PersonFactory(email="aylin@example.org")
    response = client_as(F).post(
        CREATE,
        {
            "name": "Zweite",
            "email": "AYLIN@example.org",
            "einwilligung_am": "2024-03-01",
            "einwilligung_zweck": "Einladungen",
        },
    )
    assert response.status_code == 400
    assert 'id="id_email_error"' in body(response)
    assert Person.objects.count() == 1


def test_consent_in_the_future_is_refused(client_as):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_as(F).post(
        CREATE,
        {
            "name": "X",
            "email": "x@example.org",
            "einwilligung_am": tomorrow.isoformat(),
            "einwilligung_zweck": "Einladungen",
        },
    )
    assert response.status_code == 400
    assert "liegt in der Zukunft" in body(response)


def test_only_the_fachstelle_links_a_person_to_an_account(client_as, partner):
    person = PersonFactory()
    assert 'name="user"' not in body(
        client_as(K).get(reverse("netzwerk:person_edit", args=[person.pk]))
    )
    data = {
        "name": person.name,
        "email": person.email,
        "einwilligung_am": "2024-03-01",
        "einwilligung_zweck": "Einladungen",
        "user": partner.pk,
    }
    client_as(K).post(reverse("netzwerk:person_edit", args=[person.pk]), data)
    person.refresh_from_db()
    assert person.user is None
    client_as(F).post(reverse("netzwerk:person_edit", args=[person.pk]), data)
    person.refresh_from_db()
    assert person.user == partner


def test_an_erased_person_cannot_be_edited(client_as):
    person = erased()
    response = client_as(F).post(
        reverse("netzwerk:person_edit", args=[person.pk]), {"name": "Wieder da"}
    )
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.name != "Wieder da"


@pytest.mark.parametrize("role", [V, P])
def test_readers_and_partners_cannot_create_or_edit(client_as, role):
    person = PersonFactory(name="Alt")
    client = client_as(role)
    assert client.post(CREATE, {"name": "X"}).status_code == 403
    response = client.post(reverse("netzwerk:person_edit", args=[person.pk]), {"name": "X"})
    assert response.status_code == 403
    assert list(Person.objects.values_list("name", flat=True)) == ["Alt"]


def test_partner_cannot_see_other_persons(client_as):
    person = PersonFactory()
    client = client_as(P)
    assert client.get(LIST).status_code == 403
    assert client.get(person.get_absolute_url()).status_code == 403


# --- Meine Kontaktdaten ----------------------------------------------------------------------

KONTAKT = reverse("netzwerk:meine_kontaktdaten")


def test_partner_corrects_own_contact_data(client_as, partner):
    person = PersonFactory(user=partner, name="Dana", email="alt@example.org")
    client = client_as(P)
    page = body(client.get(KONTAKT))
    assert "alt@example.org" in page
    response = client.post(
        KONTAKT,
        {
            "name": "Dana Partner",
            "email": "neu@example.org",
            "telefon": "0511 9",
            "funktion": "Vorsitz",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.email, person.telefon, person.funktion) == (
        "Dana Partner",
        "neu@example.org",
        "0511 9",
        "Vorsitz",
    )


def test_partner_cannot_change_consent_or_akteur_through_the_page(client_as, partner):
    akteur = AkteurFactory()
    other = AkteurFactory()
    person = PersonFactory(user=partner, akteur=akteur)
    client_as(P).post(
        KONTAKT,
        {"name": "Dana", "email": person.email, "akteur": other.pk, "einwilligung_zweck": "X"},
    )
    person.refresh_from_db()
    assert person.akteur == akteur and person.einwilligung_zweck != "X"


def test_new_contact_data_without_consent_asks_for_it(client_as, partner):
    person = PersonFactory(user=partner, email="", einwilligung_am=None, einwilligung_zweck="")
    client = client_as(P)
    response = client.post(KONTAKT, {"name": "Dana", "email": "dana@example.org"})
    assert response.status_code == 400
    assert 'id="id_einwilligung_error"' in body(response)
    client.post(KONTAKT, {"name": "Dana", "email": "dana@example.org", "einwilligung": "on"})
    person.refresh_from_db()
    assert person.email == "dana@example.org"
    assert person.einwilligung_am == timezone.localdate()
    assert person.einwilligung_zweck


def test_email_of_someone_else_is_refused_on_own_page(client_as, partner):
    PersonFactory(email="vergeben@example.org")
    PersonFactory(user=partner)
    response = client_as(P).post(KONTAKT, {"name": "Dana", "email": "vergeben@example.org"})
    assert response.status_code == 400
    assert "Es gibt schon eine Person mit dieser E-Mail-Adresse." in body(response)


def test_without_a_linked_person_the_page_explains_and_posting_is_refused(client_as):
    client = client_as(P)
    assert "keine Kontaktperson" in body(client.get(KONTAKT))
    assert client.post(KONTAKT, {"name": "X"}).status_code == 403
    assert not Person.objects.exists()


def test_anonymous_is_sent_to_login_from_own_contact_page(client):
    assert client.get(KONTAKT).status_code == 302


# --- overview --------------------------------------------------------------------------------


def test_overview_counts_active_akteure_and_persons_with_consent(client_as):
    AkteurFactory(aktiv=True)
    AkteurFactory(aktiv=False)
    PersonFactory(akteur=None)
    PersonFactory(akteur=None, einwilligung_am=None, email="")
    erased(akteur=None)
    page = body(client_as(V).get(reverse("netzwerk:index")))
    assert "1 aktive Organisation im Verzeichnis." in page
    assert "2 Kontaktpersonen, davon 1 mit Einwilligung." in page


def test_overview_counts_only_active_angebote(client_as):
    from ..factories import AngebotFactory

    AngebotFactory(aktiv=True)
    AngebotFactory(aktiv=False)
    page = body(client_as(P).get(reverse("netzwerk:index")))
    assert "1 aktives Angebot in den Quartieren." in page
    assert reverse("netzwerk:angebot_list") in page


def test_partner_sees_only_own_contact_data_on_the_overview(client_as):
    page = body(client_as(P).get(reverse("netzwerk:index")))
    assert "Meine Kontaktdaten" in page
    assert reverse("netzwerk:akteur_list") not in page
    assert reverse("netzwerk:person_list") not in page


def test_membership_history_is_listed_with_dates(client_as):
    person = PersonFactory()
    Mitgliedschaft.objects.create(
        person=person,
        gremium=GremiumFactory(name="Runder Tisch Wiesenau"),
        von=datetime.date(2022, 1, 1),
        bis=datetime.date(2023, 6, 30),
    )
    page = body(client_as(F).get(person.get_absolute_url()))
    assert "Runder Tisch Wiesenau" in page and "bis 30.06.2023" in page
