"""Choosing Personen and Akteure from a big directory: forms and filters search on the server and
render only the matches (at most SEARCH_LIMIT) plus what is already chosen, so page size does not
grow with the directory; the POST is checked against all choosable rows."""

import re

import pytest
from django.urls import reverse

from gwa_portal.core.forms import SEARCH_BUTTON, SEARCH_LIMIT
from gwa_portal.core.models import Role
from netzwerk.models import Akteur, Einladung, Mitgliedschaft, Person, Termin
from quartiere.models import Aktivitaet, Handlungsfeld, Zielgruppe

from ..factories import (
    AkteurFactory,
    GremiumFactory,
    KoordinationFactory,
    OrtFactory,
    PersonFactory,
    QuartierFactory,
    TerminFactory,
    in_days,
)
from .test_termine import termin_data

pytestmark = pytest.mark.django_db

F = Role.FACHSTELLE
CHOICE_MARKUP = re.compile(r'<option|type="checkbox"|type="radio"')


def choices_rendered(response):
    return len(CHOICE_MARKUP.findall(response.content.decode()))


def more_personen(n, prefix="Massen"):
    start = Person.objects.count()
    Person.objects.bulk_create(
        Person(
            name=f"{prefix} Person {start + i}",
            email=f"{prefix.lower()}{start + i}@example.org",
            kalender_token=f"{prefix}-{start + i}",
        )
        for i in range(n)
    )


# --- Gremium page and "Mitglied hinzufügen" -------------------------------------------------


def test_gremium_page_renders_a_search_field_and_no_person_choices(client_as):
    gremium = GremiumFactory()
    more_personen(30)
    client = client_as(F)
    small = client.get(gremium.get_absolute_url())
    more_personen(300)
    large = client.get(gremium.get_absolute_url())
    assert small.status_code == large.status_code == 200
    assert choices_rendered(small) == choices_rendered(large) == 0
    assert len(large.content) - len(small.content) < 100
    body = large.content.decode()
    add_url = reverse("netzwerk:mitgliedschaft_add", args=[gremium.slug])
    assert f'method="get" action="{add_url}"' in body
    assert 'name="person_suche"' in body and "Person suchen" in body


def test_member_page_lists_the_matches_of_the_search_only(client_as):
    gremium = GremiumFactory()
    more_personen(300)
    PersonFactory(name="Zeynep Yılmaz", akteur=AkteurFactory(name="Kulturverein Brink"))
    url = reverse("netzwerk:mitgliedschaft_add", args=[gremium.slug])
    client = client_as(F)
    body = client.get(url).content.decode()
    assert body.count('type="radio"') == 0
    assert "mehr als 25 zur Wahl: Bitte suchen Sie zuerst." in body
    by_akteur = client.get(url, {"person_suche": "kulturverein"}).content.decode()
    assert by_akteur.count('type="radio"') == 1
    assert "Zeynep Yılmaz (Kulturverein Brink)" in by_akteur
    assert "1 Treffer für „kulturverein“." in by_akteur
    many = client.get(url, {"person_suche": "Massen"}).content.decode()
    assert many.count('type="radio"') == SEARCH_LIMIT
    assert "Bitte genauer suchen." in many
    none = client.get(url, {"person_suche": "niemand-heisst-so"}).content.decode()
    assert "Keine Treffer für „niemand-heisst-so“." in none


def test_member_can_be_added_with_a_person_outside_the_rendered_matches(client_as):
    gremium = GremiumFactory()
    more_personen(300)
    person = Person.objects.order_by("-pk").first()
    url = reverse("netzwerk:mitgliedschaft_add", args=[gremium.slug])
    client = client_as(F)
    assert f'value="{person.pk}"' not in client.get(url).content.decode()
    response = client.post(url, {"person": person.pk, "rolle": "mitglied", "von": ""})
    assert response.status_code == 302
    assert Mitgliedschaft.objects.filter(gremium=gremium, person=person).exists()

    erased = PersonFactory(geloescht_am="2024-01-01T00:00Z")
    for bad in (erased.pk, 999999, "abc"):
        response = client.post(url, {"person": bad, "rolle": "mitglied"})
        assert response.status_code == 400
        assert "Bitte wählen Sie eine Person aus der Liste." in response.content.decode()
    assert Mitgliedschaft.objects.filter(gremium=gremium).count() == 1


def test_search_button_shows_the_form_again_without_errors_or_saving(client_as):
    gremium = GremiumFactory()
    PersonFactory(name="Aylin Beispiel")
    url = reverse("netzwerk:mitgliedschaft_add", args=[gremium.slug])
    response = client_as(F).post(
        url, {"person_suche": "Aylin", SEARCH_BUTTON: "person_suche", "rolle": "sprecher"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Aylin Beispiel" in body and 'role="alert"' not in body
    assert 'value="sprecher" selected' in body
    assert not Mitgliedschaft.objects.exists()


# --- Termin anlegen and "Weitere Personen einladen" ---------------------------------------


def test_termin_form_does_not_grow_with_the_directory(client_as):
    more_personen(30)
    client = client_as(F)
    url = reverse("netzwerk:termin_create")
    small = client.get(url)
    more_personen(300)
    large = client.get(url)
    assert choices_rendered(small) == choices_rendered(large)
    assert choices_rendered(large) < 50
    searched = client.get(url, {"weitere_personen_suche": "massen"})
    assert searched.content.decode().count('name="weitere_personen"') == SEARCH_LIMIT


def test_termin_invites_a_person_found_by_search_and_rejects_an_unknown_one(client_as):
    ort = OrtFactory()
    more_personen(300)
    PersonFactory(name="Gesuchte Person", email="gesucht@example.org")
    target = Person.objects.get(name="Gesuchte Person")
    client = client_as(F)
    url = reverse("netzwerk:termin_create")
    found = client.get(url, {"weitere_personen_suche": "gesuchte"}).content.decode()
    assert found.count('name="weitere_personen"') == 1 and f'value="{target.pk}"' in found
    other = Person.objects.filter(name__startswith="Massen").last()
    response = client.post(url, termin_data(ort, weitere_personen=[target.pk, other.pk]))
    assert response.status_code == 302
    invited = set(Termin.objects.get().einladungen.values_list("person", flat=True))
    assert invited == {target.pk, other.pk}

    no_mail = PersonFactory(email="")
    response = client.post(url, termin_data(ort, titel="Zweiter", weitere_personen=[no_mail.pk]))
    assert response.status_code == 400
    assert "Bitte wählen Sie nur Personen aus der Liste" in response.content.decode()
    assert Termin.objects.count() == 1


def test_chosen_personen_stay_chosen_across_searches(client_as):
    ort = OrtFactory()
    more_personen(300)
    first = PersonFactory(name="Erste Auswahl", email="erste@example.org")
    client = client_as(F)
    data = termin_data(
        ort,
        weitere_personen=[first.pk],
        weitere_personen_suche="Massen Person 5",
        **{SEARCH_BUTTON: "weitere_personen_suche"},
    )
    response = client.post(reverse("netzwerk:termin_create"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(rf'value="{first.pk}"[^>]*checked', body)
    assert "Erste Auswahl" in body and "Massen Person 5" in body
    assert 'value="Runder Tisch im Dezember"' in body
    assert not Termin.objects.exists()


def test_invite_page_is_bounded_and_invites_a_person_found_by_search(client_as):
    termin = TerminFactory(beginn=in_days(5))
    more_personen(300)
    target = Person.objects.filter(name__startswith="Massen").first()
    url = reverse("netzwerk:termin_einladen", args=[termin.pk])
    client = client_as(F)
    assert client.get(url).content.decode().count('name="personen"') == 0
    found = client.get(url, {"personen_suche": target.name}).content.decode()
    assert f'value="{target.pk}"' in found
    assert client.post(url, {"personen": [target.pk]}).status_code == 302
    assert Einladung.objects.filter(termin=termin, person=target).exists()
    response = client.post(url, {"personen": [target.pk]})
    assert response.status_code == 400
    assert "noch nicht eingeladen" in response.content.decode()


def test_search_pages_use_few_queries_on_small_and_large_data(
    client_as, django_assert_max_num_queries
):
    gremium = GremiumFactory()
    termin = TerminFactory(beginn=in_days(5))
    client = client_as(F)
    urls = [
        (reverse("netzwerk:mitgliedschaft_add", args=[gremium.slug]), {"person_suche": "a"}),
        (reverse("netzwerk:termin_create"), {"weitere_personen_suche": "a"}),
        (reverse("netzwerk:termin_einladen", args=[termin.pk]), {"personen_suche": "a"}),
    ]
    for n in (5, 300):
        more_personen(n)
        for url, params in urls:
            client.get(url, params)
            with django_assert_max_num_queries(12):
                assert client.get(url, params).status_code == 200


# --- List filters -------------------------------------------------------------------------


def test_personen_list_filters_by_akteur_name_without_a_select_of_all_akteure(client_as):
    kita = AkteurFactory(name="Kita Sonnenschein")
    PersonFactory(name="Kita-Leitung", akteur=kita)
    PersonFactory(name="Vereinsvorstand", akteur=AkteurFactory(name="Sportverein"))
    client = client_as(F)
    url = reverse("netzwerk:person_list")
    small = choices_rendered(client.get(url))
    Akteur.objects.bulk_create(Akteur(name=f"Akteur {n}") for n in range(300))
    assert choices_rendered(client.get(url)) == small

    response = client.get(url, {"akteur_name": "sonnen"})
    assert [p.name for p in response.context["page"].object_list] == ["Kita-Leitung"]
    # A link with ?akteur=<pk> still filters and shows only that one to reset it.
    response = client.get(url, {"akteur": kita.pk})
    assert [p.name for p in response.context["page"].object_list] == ["Kita-Leitung"]
    body = response.content.decode()
    assert re.search(rf'<option value="{kita.pk}" selected>Kita Sonnenschein</option>', body)
    assert "Akteur 1</option>" not in body


def test_termine_list_filters_by_gremium_name(client_as):
    gremium = GremiumFactory(name="AG Wohnen Wiesenau")
    TerminFactory(titel="Wohnen", gremium=gremium, beginn=in_days(2))
    TerminFactory(titel="Anderes", gremium=GremiumFactory(name="Runder Tisch"), beginn=in_days(3))
    client = client_as(F)
    url = reverse("netzwerk:termin_list")
    response = client.get(url, {"gremium_name": "wohnen"})
    assert [t.titel for t in response.context["page"].object_list] == ["Wohnen"]
    assert "Runder Tisch</option>" not in client.get(url).content.decode()
    selected = client.get(url, {"gremium": gremium.slug}).content.decode()
    assert f'<option value="{gremium.slug}" selected>AG Wohnen Wiesenau</option>' in selected


# --- Aktivität partners (quartiere) -------------------------------------------------------


def test_fachstelle_aktivitaet_form_shows_no_checkbox_per_akteur(client_as):
    quartier = QuartierFactory()
    akteure = Akteur.objects.bulk_create(Akteur(name=f"Partner {n}") for n in range(300))
    Akteur.quartiere.through.objects.bulk_create(
        Akteur.quartiere.through(akteur=a, quartier=quartier) for a in akteure
    )
    client = client_as(F)
    url = reverse("quartiere:aktivitaet_create")
    body = client.get(url).content.decode()
    assert body.count('name="partner"') == 0
    found = client.get(url, {"partner_suche": "Partner 29"}).content.decode()
    assert found.count('name="partner"') == 13  # every word matches: 29, 129, 229, 290 … 299
    data = {
        "quartier": quartier.pk,
        "datum": "2025-01-15",
        "art": Aktivitaet.Art.TREFFEN,
        "kurzbeschreibung": "Treffen",
        "handlungsfelder": [Handlungsfeld.objects.first().pk],
        "zielgruppen": [Zielgruppe.objects.first().pk],
        "partner": [akteure[0].pk],
    }
    assert client.post(url, data).status_code == 302
    assert list(Aktivitaet.objects.get().partner.all()) == [akteure[0]]


def test_koordination_with_few_partners_sees_them_all_without_searching(client, koordination):
    quartier = KoordinationFactory(user=koordination).quartier
    AkteurFactory(name="Nachbarschaftsverein", quartiere=[quartier])
    client.force_login(koordination)
    body = client.get(reverse("quartiere:aktivitaet_create")).content.decode()
    assert body.count('name="partner"') == 1 and "Nachbarschaftsverein" in body
