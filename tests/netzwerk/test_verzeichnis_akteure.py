"""Akteur:innen: list with filters and search, page, create/edit/delete and who may do what."""

import pytest
from django.urls import reverse

from gwa_portal.core.models import Role
from netzwerk.models import Akteur, Person

from ..factories import (
    AkteurFactory,
    AktivitaetFactory,
    AngebotFactory,
    PersonFactory,
    QuartierFactory,
)

pytestmark = pytest.mark.django_db

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER
LIST = reverse("netzwerk:akteur_list")


def body(response):
    return response.content.decode()


def rows(response):
    return body(response).count('<tr class="kern-table__row">') - 1


# --- list ------------------------------------------------------------------------------------


def test_list_filters_by_art_quartier_and_aktiv(client_as):
    wiesenau = QuartierFactory(name="Wiesenau", slug="wiesenau")
    AkteurFactory(name="Kita Sonnenschein", art=Akteur.Art.SCHULE_KITA, quartiere=[wiesenau])
    AkteurFactory(name="Sportverein", art=Akteur.Art.VEREIN, quartiere=[wiesenau])
    AkteurFactory(name="Alte Initiative", art=Akteur.Art.INITIATIVE, aktiv=False)
    client = client_as(V)
    page = body(client.get(LIST, {"art": "schule_kita"}))
    assert "Kita Sonnenschein" in page and "Sportverein" not in page
    page = body(client.get(LIST, {"quartier": "wiesenau"}))
    assert "Sportverein" in page and "Alte Initiative" not in page
    page = body(client.get(LIST, {"aktiv": "nein"}))
    assert "Alte Initiative" in page and "Sportverein" not in page


def test_list_search_finds_part_of_the_name(client_as):
    AkteurFactory(name="Nachbarschaftsverein Wiesenau e. V.")
    AkteurFactory(name="Kirchengemeinde St. Paulus")
    page = body(client_as(K).get(LIST, {"q": "wiesenau"}))
    assert "Nachbarschaftsverein" in page and "Paulus" not in page


def test_list_counts_only_persons_that_are_not_erased(client_as):
    akteur = AkteurFactory(name="Treff e. V.")
    PersonFactory(akteur=akteur)
    PersonFactory(akteur=akteur, geloescht_am="2024-01-01T00:00Z", email="")
    page = body(client_as(F).get(LIST))
    assert '<td class="kern-table__cell kern-table__cell--numeric">1</td>' in page


def test_empty_list_says_what_to_do(client_as):
    page = body(client_as(V).get(LIST, {"q": "gibt es nicht"}))
    assert "Keine Akteur:innen gefunden" in page


def test_list_is_paginated(client_as, settings):
    Akteur.objects.bulk_create(Akteur(name=f"Verein {n:03}", art="verein") for n in range(30))
    response = client_as(V).get(LIST)
    assert rows(response) == settings.GWA_PAGE_SIZE
    assert "Seite 1 von 2" in body(response)


def test_create_button_only_for_those_who_may_create(client_as):
    assert "Akteur:in anlegen" in body(client_as(K).get(LIST))
    assert "Akteur:in anlegen" not in body(client_as(V).get(LIST))


def test_list_needs_the_same_queries_for_few_and_many(client_as, django_assert_max_num_queries):
    client = client_as(F)
    quartiere = [QuartierFactory() for _ in range(3)]
    AkteurFactory(quartiere=quartiere)
    with django_assert_max_num_queries(20) as small:
        client.get(LIST)
    akteure = Akteur.objects.bulk_create(
        Akteur(name=f"Massenverein {n}", art="verein") for n in range(200)
    )
    Akteur.quartiere.through.objects.bulk_create(
        Akteur.quartiere.through(akteur=a, quartier=q) for a in akteure for q in quartiere
    )
    Person.objects.bulk_create(
        Person(name=f"P{n}", akteur=akteure[n % 200], kalender_token=f"t{n}") for n in range(400)
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(LIST)
    assert rows(response) == 25


# --- detail ----------------------------------------------------------------------------------


def test_detail_shows_persons_and_quartiere_but_not_erased_persons(client_as):
    wiesenau = QuartierFactory(name="Wiesenau")
    akteur = AkteurFactory(name="Treff e. V.", quartiere=[wiesenau])
    PersonFactory(akteur=akteur, name="Aylin Beispiel", funktion="Vorstand")
    PersonFactory(akteur=akteur, name="Gelöschte Person 99", geloescht_am="2024-01-01T00:00Z")
    page = body(client_as(V).get(akteur.get_absolute_url()))
    assert "Aylin Beispiel" in page and "Vorstand" in page and "Wiesenau" in page
    assert "Gelöschte Person 99" not in page
    assert "Bearbeiten" not in page


def test_detail_needs_the_same_queries_for_few_and_many(client_as, django_assert_max_num_queries):
    client = client_as(F)
    akteur = AkteurFactory(quartiere=[QuartierFactory()])
    PersonFactory(akteur=akteur)
    with django_assert_max_num_queries(20) as small:
        client.get(akteur.get_absolute_url())
    akteur.quartiere.add(*[QuartierFactory() for _ in range(5)])
    Person.objects.bulk_create(
        Person(name=f"P{n}", akteur=akteur, kalender_token=f"t{n}") for n in range(100)
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(akteur.get_absolute_url())
    assert body(response).count("/netzwerk/personen/") >= 100


# --- create / edit ---------------------------------------------------------------------------


def test_koordination_creates_an_akteur(client_as):
    wiesenau = QuartierFactory()
    response = client_as(K).post(
        reverse("netzwerk:akteur_create"),
        {"name": "Jugendtreff", "art": "traeger", "quartiere": [wiesenau.pk], "aktiv": "on"},
    )
    akteur = Akteur.objects.get(name="Jugendtreff")
    assert response.status_code == 302 and response.url == akteur.get_absolute_url()
    assert list(akteur.quartiere.all()) == [wiesenau]


def test_duplicate_name_is_explained_next_to_the_field(client_as):
    AkteurFactory(name="Jugendtreff")
    response = client_as(F).post(
        reverse("netzwerk:akteur_create"), {"name": "jugendtreff", "art": "verein"}
    )
    assert response.status_code == 400
    assert 'id="id_name_error"' in body(response)
    assert "Es gibt schon eine Akteur:in mit diesem Namen." in body(response)
    assert Akteur.objects.count() == 1


def test_koordination_edits_an_akteur(client_as):
    akteur = AkteurFactory(name="Alt")
    client_as(K).post(
        reverse("netzwerk:akteur_edit", args=[akteur.pk]), {"name": "Neu", "art": "kirche"}
    )
    akteur.refresh_from_db()
    assert (akteur.name, akteur.art, akteur.aktiv) == ("Neu", "kirche", False)


@pytest.mark.parametrize("role", [V, P])
def test_readers_and_partners_cannot_create_or_edit(client_as, role):
    akteur = AkteurFactory(name="Alt")
    client = client_as(role)
    assert (
        client.post(reverse("netzwerk:akteur_create"), {"name": "X", "art": "verein"}).status_code
        == 403
    )
    response = client.post(
        reverse("netzwerk:akteur_edit", args=[akteur.pk]), {"name": "X", "art": "verein"}
    )
    assert response.status_code == 403
    assert Akteur.objects.get().name == "Alt"


def test_anonymous_is_sent_to_login(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "/accounts/login/" in response.url


# --- delete ----------------------------------------------------------------------------------


def test_fachstelle_deletes_after_confirmation_and_persons_stay(client_as):
    akteur = AkteurFactory()
    person = PersonFactory(akteur=akteur)
    client = client_as(F)
    confirm = client.get(reverse("netzwerk:akteur_delete", args=[akteur.pk]))
    assert "1 Person bleibt im Verzeichnis" in body(confirm)
    response = client.post(reverse("netzwerk:akteur_delete", args=[akteur.pk]))
    assert response.status_code == 302
    assert not Akteur.objects.exists()
    person.refresh_from_db()
    assert person.akteur is None


def test_delete_is_blocked_while_an_angebot_points_to_it(client_as):
    angebot = AngebotFactory()
    response = client_as(F).post(reverse("netzwerk:akteur_delete", args=[angebot.akteur.pk]))
    assert response.status_code == 409
    assert "Löschen nicht möglich" in body(response) and "Angebote" in body(response)
    assert Akteur.objects.filter(pk=angebot.akteur.pk).exists()


def test_delete_is_blocked_while_an_aktivitaet_names_it_as_partner(client_as):
    akteur = AkteurFactory()
    aktivitaet = AktivitaetFactory()
    aktivitaet.partner.add(akteur)
    response = client_as(F).post(reverse("netzwerk:akteur_delete", args=[akteur.pk]))
    assert response.status_code == 409
    assert "Aktivitäten" in body(response)
    assert aktivitaet.partner.get() == akteur


def test_koordination_cannot_delete(client_as):
    akteur = AkteurFactory()
    assert client_as(K).post(reverse("netzwerk:akteur_delete", args=[akteur.pk])).status_code == 403
    assert Akteur.objects.filter(pk=akteur.pk).exists()


# --- export ----------------------------------------------------------------------------------


def test_export_lists_the_filtered_akteure_with_quartier_names(client_as):
    wiesenau = QuartierFactory(name="Wiesenau", slug="wiesenau")
    AkteurFactory(name="=Formel e. V.", art="verein", quartiere=[wiesenau], telefon="+49 511 1")
    AkteurFactory(name="Kirche", art="kirche")
    response = client_as(V).get(reverse("netzwerk:akteur_export"), {"art": "verein"})
    text = b"".join(response.streaming_content).decode()
    lines = text.removeprefix("\ufeff").splitlines()
    assert lines[0] == "name;art;quartiere;adresse;web;telefon;email;beschreibung;aktiv"
    assert lines[1] == "'=Formel e. V.;verein;Wiesenau;;;'+49 511 1;;;ja"
    assert len(lines) == 2


def test_partner_cannot_export(client_as):
    assert client_as(P).get(reverse("netzwerk:akteur_export")).status_code == 403
