"""Angebote: public while active, changed by the Fachstelle and the Koordination of the Quartier."""

import re

import pytest
from django.urls import reverse

from gwa_portal.core.models import Role
from netzwerk.models import Angebot

from ..factories import (
    AkteurFactory,
    AngebotFactory,
    HandlungsfeldFactory,
    KoordinationFactory,
    QuartierFactory,
    ZielgruppeFactory,
)

LIST = reverse("netzwerk:angebot_list")
CREATE = reverse("netzwerk:angebot_create")


def detail(angebot):
    return reverse("netzwerk:angebot_detail", args=[angebot.pk])


def edit(angebot):
    return reverse("netzwerk:angebot_edit", args=[angebot.pk])


def delete(angebot):
    return reverse("netzwerk:angebot_delete", args=[angebot.pk])


def main(response):
    return re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group(0)


@pytest.fixture
def eigenes_quartier(koordination):
    quartier = QuartierFactory(name="Wiesenau", slug="wiesenau")
    KoordinationFactory(quartier=quartier, user=koordination)
    return quartier


def form_data(quartier, akteur, **overrides):
    data = {
        "titel": "Sprachcafé",
        "akteur": akteur.pk,
        "quartier": quartier.pk,
        "beschreibung": "Deutsch üben bei Tee und Gebäck.",
        "zeitplan": "jeden Mittwoch, 16–18 Uhr",
        "ort": "Quartierstreff",
        "sprachen": "Deutsch, Arabisch",
        "barrierefreiheit": "ebenerdig",
        "kontakt": "Tel. 0511 000000",
        "aktiv": "on",
    }
    data.update(overrides)
    return data


# --- list ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [None, Role.PARTNER])
def test_public_list_shows_active_angebote_only(client_as, role):
    AngebotFactory(titel="Erzählcafé", sprachen="Deutsch, Türkisch")
    AngebotFactory(titel="Pausierte Hausaufgabenhilfe", aktiv=False)
    html = main(client_as(role).get(LIST))
    assert "Erzählcafé" in html and "Deutsch, Türkisch" in html
    assert "Pausierte Hausaufgabenhilfe" not in html
    assert 'name="aktiv"' not in html, "no status filter for the public"
    assert "Angebot eintragen" not in html


@pytest.mark.parametrize("role", [Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG])
def test_internal_list_shows_inactive_angebote_marked(client_as, role):
    AngebotFactory(titel="Pausierte Hausaufgabenhilfe", aktiv=False)
    html = main(client_as(role).get(LIST))
    assert "Pausierte Hausaufgabenhilfe" in html
    assert "nicht aktiv" in html
    assert 'name="aktiv"' in html
    assert ("Angebot eintragen" in html) == (role != Role.VERWALTUNG)


def test_list_filters_by_quartier_handlungsfeld_zielgruppe_akteur_sprache_and_status(client_as):
    wiesenau = QuartierFactory(slug="wiesenau")
    tafel = AkteurFactory(name="Tafel-Verein")
    integration = HandlungsfeldFactory(name="Integration")
    familien = ZielgruppeFactory(name="Familien")
    AngebotFactory(
        titel="Treffer",
        quartier=wiesenau,
        akteur=tafel,
        sprachen="Deutsch, Ukrainisch",
        handlungsfelder=[integration],
        zielgruppen=[familien],
    )
    AngebotFactory(titel="Anderes Quartier", akteur=tafel, sprachen="Ukrainisch")
    AngebotFactory(titel="Andere Sprache", quartier=wiesenau, akteur=tafel, sprachen="Deutsch")
    AngebotFactory(titel="Pausiert", quartier=wiesenau, aktiv=False)
    client = client_as(Role.VERWALTUNG)
    query = {
        "quartier": "wiesenau",
        "handlungsfeld": integration.pk,
        "zielgruppe": familien.pk,
        "akteur": tafel.pk,
        "sprache": "ukrain",
    }
    html = main(client.get(LIST, query))
    assert "Treffer" in html
    assert "Anderes Quartier" not in html and "Andere Sprache" not in html
    assert "1 Angebot" in html
    html = main(client.get(LIST, {"quartier": "wiesenau", "aktiv": "nein"}))
    assert "Pausiert" in html and "Treffer" not in html


def test_akteur_filter_offers_only_akteure_with_visible_angebote(client, db):
    AngebotFactory(akteur=AkteurFactory(name="Sichtbarer Verein"))
    AngebotFactory(akteur=AkteurFactory(name="Verein mit pausiertem Angebot"), aktiv=False)
    AkteurFactory(name="Verein ohne Angebot")
    html = main(client.get(LIST))
    assert "Sichtbarer Verein" in html
    assert "Verein mit pausiertem Angebot" not in html
    assert "Verein ohne Angebot" not in html


def test_unknown_filter_values_show_a_german_error_not_a_500(client, db):
    AngebotFactory(titel="Erzählcafé")
    response = client.get(LIST, {"quartier": "gibt-es-nicht", "zielgruppe": "x"})
    assert response.status_code == 200
    html = main(response)
    assert html.count("Bitte eine gültige Auswahl treffen.") == 1  # the Zielgruppe
    assert "Es gibt kein Quartier mit diesem Namen." in html


def test_list_empty_states(client, db):
    assert "Es sind noch keine Angebote eingetragen." in main(client.get(LIST))
    AngebotFactory(sprachen="Deutsch")
    html = main(client.get(LIST, {"sprache": "Farsi"}))
    assert "Keine Angebote gefunden." in html


def test_list_is_paginated_and_keeps_filters(client, db, settings):
    settings.GWA_PAGE_SIZE = 2
    quartier = QuartierFactory(slug="brink")
    AngebotFactory.create_batch(5, quartier=quartier)
    html = main(client.get(LIST, {"quartier": "brink"}))
    assert "Seite 1 von 3" in html
    assert "?quartier=brink&amp;page=2" in html
    assert "Seite 3 von 3" in main(client.get(LIST, {"quartier": "brink", "page": 3}))


@pytest.mark.parametrize("role", [None, Role.FACHSTELLE])
def test_list_needs_the_same_queries_for_few_and_many_angebote(
    client_as, role, django_assert_max_num_queries
):
    client = client_as(role)
    hf, zg = HandlungsfeldFactory(), ZielgruppeFactory()
    AngebotFactory(handlungsfelder=[hf], zielgruppen=[zg])
    with django_assert_max_num_queries(20) as few:
        main(client.get(LIST))
    for quartier in QuartierFactory.create_batch(5):
        AngebotFactory.create_batch(
            6, quartier=quartier, handlungsfelder=[hf, HandlungsfeldFactory()], zielgruppen=[zg]
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = main(client.get(LIST))
    assert "31 Angebote" in html


# --- detail ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [None, Role.PARTNER, Role.VERWALTUNG])
def test_detail_shows_the_offer_to_everyone_without_edit_buttons_for_readers(client_as, role):
    angebot = AngebotFactory(
        titel="Mittagstisch",
        ort="Gemeindehaus",
        sprachen="Deutsch, Russisch",
        barrierefreiheit="Rampe am Seiteneingang",
        kontakt="Frau Beispiel",
        zielgruppen=[ZielgruppeFactory(name="Ältere/vereinsamte Menschen")],
    )
    html = main(client_as(role).get(detail(angebot)))
    for text in [
        "Mittagstisch",
        "Gemeindehaus",
        "Deutsch, Russisch",
        "Rampe am Seiteneingang",
        "Frau Beispiel",
        "Ältere/vereinsamte Menschen",
        angebot.akteur.name,
    ]:
        assert text in html
    assert edit(angebot) not in html and delete(angebot) not in html


@pytest.mark.parametrize("role", [None, Role.PARTNER])
def test_inactive_angebot_is_not_found_for_the_public(client_as, role):
    angebot = AngebotFactory(aktiv=False)
    assert client_as(role).get(detail(angebot)).status_code == 404


def test_inactive_angebot_is_shown_to_internal_users_as_inactive(client_as):
    angebot = AngebotFactory(aktiv=False)
    html = main(client_as(Role.VERWALTUNG).get(detail(angebot)))
    assert "Dieses Angebot ist nicht aktiv." in html


def test_detail_shows_edit_buttons_to_the_coordinator_of_the_quartier(client_as, eigenes_quartier):
    own = AngebotFactory(quartier=eigenes_quartier)
    foreign = AngebotFactory()
    client = client_as(Role.KOORDINATION)
    assert edit(own) in main(client.get(detail(own)))
    assert edit(foreign) not in main(client.get(detail(foreign)))
    assert edit(foreign) in main(client_as(Role.FACHSTELLE).get(detail(foreign)))


def test_detail_needs_the_same_queries_with_few_and_many_taxonomy_entries(
    client, db, django_assert_max_num_queries
):
    angebot = AngebotFactory()
    with django_assert_max_num_queries(12) as few:
        main(client.get(detail(angebot)))
    angebot.handlungsfelder.set(HandlungsfeldFactory.create_batch(4))
    angebot.zielgruppen.set(ZielgruppeFactory.create_batch(6))
    with django_assert_max_num_queries(len(few.captured_queries)):
        main(client.get(detail(angebot)))


def test_unknown_angebot_is_404(client, db):
    assert client.get(reverse("netzwerk:angebot_detail", args=[999])).status_code == 404


# --- create / edit / delete ------------------------------------------------------------------


def test_coordinator_creates_an_angebot_in_own_quartier(client_as, eigenes_quartier):
    akteur = AkteurFactory()
    hf, zg = HandlungsfeldFactory(name="Integration"), ZielgruppeFactory(name="Zugewanderte")
    client = client_as(Role.KOORDINATION)
    form = client.get(CREATE, {"quartier": "wiesenau"})
    assert form.status_code == 200
    assert f'<option value="{eigenes_quartier.pk}" selected>' in form.content.decode()
    response = client.post(
        CREATE,
        form_data(eigenes_quartier, akteur, handlungsfelder=[hf.pk], zielgruppen=[zg.pk]),
        follow=True,
    )
    angebot = Angebot.objects.get()
    assert response.redirect_chain[-1][0] == detail(angebot)
    assert "Das Angebot wurde eingetragen." in response.content.decode()
    assert angebot.quartier == eigenes_quartier and angebot.aktiv
    assert list(angebot.handlungsfelder.all()) == [hf]
    assert list(angebot.zielgruppen.all()) == [zg]


def test_coordinator_cannot_create_in_a_foreign_quartier(client_as, eigenes_quartier):
    foreign = QuartierFactory()
    response = client_as(Role.KOORDINATION).post(CREATE, form_data(foreign, AkteurFactory()))
    assert response.status_code == 400
    assert "Sie können nur Angebote in Quartieren eintragen, die Sie koordinieren." in main(
        response
    )
    assert not Angebot.objects.exists()


def test_missing_fields_give_german_errors_and_save_nothing(client_as, db):
    quartier = QuartierFactory()
    data = form_data(quartier, AkteurFactory(), titel="", zeitplan="")
    data["akteur"] = "9999"
    response = client_as(Role.FACHSTELLE).post(CREATE, data)
    assert response.status_code == 400
    html = main(response)
    assert "Bitte geben Sie einen Titel ein." in html
    assert "Bitte geben Sie an, wann das Angebot stattfindet." in html
    assert "Bitte wählen Sie eine Anbieter:in aus der Liste." in html
    assert 'aria-invalid="true"' in html
    assert not Angebot.objects.exists()


def test_bad_taxonomy_ids_give_a_german_error(client_as, db):
    quartier = QuartierFactory()
    response = client_as(Role.FACHSTELLE).post(
        CREATE, form_data(quartier, AkteurFactory(), zielgruppen=["abc"], handlungsfelder=["99"])
    )
    assert response.status_code == 400
    html = main(response)
    assert "Bitte wählen Sie nur Zielgruppen aus der Liste." in html
    assert "Bitte wählen Sie nur Handlungsfelder aus der Liste." in html


@pytest.mark.parametrize("role", [Role.VERWALTUNG, Role.PARTNER])
def test_readers_cannot_create(client_as, role, db):
    quartier = QuartierFactory()
    response = client_as(role).post(CREATE, form_data(quartier, AkteurFactory()))
    assert response.status_code == 403
    assert not Angebot.objects.exists()


def test_anonymous_is_sent_to_login_for_create(client, db):
    response = client.get(CREATE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_coordinator_edits_own_angebot_and_may_deactivate_it(client_as, eigenes_quartier):
    angebot = AngebotFactory(quartier=eigenes_quartier, titel="Alt")
    data = form_data(eigenes_quartier, angebot.akteur, titel="Neu")
    del data["aktiv"]
    response = client_as(Role.KOORDINATION).post(edit(angebot), data)
    assert response.status_code == 302
    angebot.refresh_from_db()
    assert angebot.titel == "Neu" and not angebot.aktiv


def test_coordinator_cannot_move_own_angebot_to_a_foreign_quartier(client_as, eigenes_quartier):
    angebot = AngebotFactory(quartier=eigenes_quartier)
    foreign = QuartierFactory()
    response = client_as(Role.KOORDINATION).post(edit(angebot), form_data(foreign, angebot.akteur))
    assert response.status_code == 400
    angebot.refresh_from_db()
    assert angebot.quartier == eigenes_quartier


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.KOORDINATION, 403), (Role.VERWALTUNG, 403), (Role.PARTNER, 403), (None, 302)],
)
def test_others_cannot_edit_or_delete_a_foreign_angebot(client_as, role, status, koordination):
    angebot = AngebotFactory(titel="Fremd")
    client = client_as(role)
    assert client.post(edit(angebot), form_data(angebot.quartier, angebot.akteur)).status_code == (
        status
    )
    assert client.post(delete(angebot)).status_code == status
    angebot.refresh_from_db()
    assert angebot.titel == "Fremd"


def test_fachstelle_edits_any_angebot(client_as, db):
    angebot = AngebotFactory()
    response = client_as(Role.FACHSTELLE).post(
        edit(angebot), form_data(angebot.quartier, angebot.akteur, titel="Geändert")
    )
    assert response.status_code == 302
    angebot.refresh_from_db()
    assert angebot.titel == "Geändert"


def test_delete_asks_first_then_deletes(client_as, eigenes_quartier):
    angebot = AngebotFactory(quartier=eigenes_quartier, titel="Erzählcafé")
    client = client_as(Role.KOORDINATION)
    confirm = client.get(delete(angebot))
    assert confirm.status_code == 200
    assert "Möchten Sie „Erzählcafé“ wirklich löschen?" in confirm.content.decode()
    assert Angebot.objects.exists()
    response = client.post(delete(angebot), follow=True)
    assert response.redirect_chain[-1][0] == LIST
    assert "Das Angebot wurde gelöscht." in response.content.decode()
    assert not Angebot.objects.exists()


def test_edit_form_keeps_an_inactive_akteur_already_chosen(client_as, db):
    akteur = AkteurFactory(name="Aufgelöster Verein", aktiv=False)
    angebot = AngebotFactory(akteur=akteur)
    html = main(client_as(Role.FACHSTELLE).get(edit(angebot)))
    assert "Aufgelöster Verein" in html
    assert "Aufgelöster Verein" not in main(client_as(Role.FACHSTELLE).get(CREATE))
