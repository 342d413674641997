"""The builder's survey pages: list, create, settings, delete and the workflow, for every role."""

import datetime

import pytest
from django.urls import reverse

from befragung.models import Befragung
from gwa_portal.core.models import Role

from ..factories import (
    AntwortoptionFactory,
    BefragungFactory,
    FrageFactory,
    KoordinationFactory,
    QuartierFactory,
    RueckmeldungFactory,
)

pytestmark = pytest.mark.django_db

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER
ENTWURF, LAEUFT, BEENDET = (
    Befragung.Status.ENTWURF,
    Befragung.Status.LAEUFT,
    Befragung.Status.BEENDET,
)


@pytest.fixture
def own_quartier(koordination):
    return KoordinationFactory(user=koordination).quartier


def settings_data(**overrides):
    data = {
        "slug": "neue-befragung",
        "titel_de": "Wie wohnen Sie?",
        "beschreibung_de": "Fünf Minuten.",
        "datenschutz_de": "Anonym.",
        "danke_de": "Danke!",
        "weitere_sprachen": ["en", "ar"],
        "modus": "offen",
        "beginn": "2025-03-01",
        "ende": "2025-04-30",
        "mindestgruppe": "5",
    }
    data.update(overrides)
    return data


def complete_draft(**kwargs):
    """A draft that may start: one question with two options, everything in de and en."""
    befragung = BefragungFactory(
        status=ENTWURF,
        titel={"de": "Leben", "en": "Life"},
        beschreibung={"de": "Bitte", "en": "Please"},
        datenschutz={"de": "Anonym", "en": "Anonymous"},
        **kwargs,
    )
    frage = FrageFactory(befragung=befragung, text={"de": "Gut?", "en": "Good?"})
    AntwortoptionFactory(frage=frage, text={"de": "ja", "en": "yes"})
    AntwortoptionFactory(frage=frage, text={"de": "nein", "en": "no"})
    return befragung


# --- list ------------------------------------------------------------------------------------


def test_list_shows_surveys_with_answer_counts(client_as):
    befragung = BefragungFactory(titel={"de": "Wohnen im Quartier"})
    RueckmeldungFactory.create_batch(3, befragung=befragung)
    response = client_as(V).get(reverse("befragung:liste"))
    assert response.status_code == 200
    row = response.context["page"].object_list[0]
    assert row.rueckmeldungen_count == 3
    assert "Wohnen im Quartier" in response.text


def test_list_filters_by_status_quartier_modus_and_sprache(client_as):
    quartier = QuartierFactory()
    draft = BefragungFactory(status=ENTWURF, sprachen=["de", "ar"], quartiere=[quartier])
    running = BefragungFactory(status=LAEUFT, sprachen=["de", "en"], modus="zugangscode")
    citywide = BefragungFactory(status=BEENDET, sprachen=["de"])
    elsewhere = BefragungFactory(quartiere=[QuartierFactory()])
    client = client_as(F)

    def shown(**params):
        response = client.get(reverse("befragung:liste"), params)
        return set(response.context["page"].object_list)

    assert shown(status="entwurf") == {draft}
    assert shown(quartier=quartier.slug) == {draft, running, citywide}
    assert elsewhere not in shown(quartier=quartier.slug)
    assert shown(modus="zugangscode") == {running}
    assert shown(sprache="ar") == {draft}
    assert shown(sprache="de") == {draft, running, citywide, elsewhere}


def test_list_has_an_empty_state(client_as):
    response = client_as(K).get(reverse("befragung:liste"))
    assert "Keine Befragungen gefunden" in response.text


def test_list_is_paginated(client_as, settings):
    settings.GWA_PAGE_SIZE = 5
    BefragungFactory.create_batch(7)
    response = client_as(F).get(reverse("befragung:liste"), {"page": 2})
    assert len(response.context["page"].object_list) == 2


def test_list_query_count_does_not_grow_with_surveys(client_as, django_assert_max_num_queries):
    client = client_as(F)

    def make(n):
        for _ in range(n):
            b = BefragungFactory(quartiere=[QuartierFactory()])
            RueckmeldungFactory(befragung=b)

    make(3)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("befragung:liste"))
    make(37)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("befragung:liste"))
    assert response.context["page"].paginator.count == 40


def test_partner_and_anonymous_cannot_see_the_internal_list(client_as):
    assert client_as(P).get(reverse("befragung:liste")).status_code == 403
    assert client_as(None).get(reverse("befragung:liste")).status_code == 302


# --- create and edit -------------------------------------------------------------------------


def test_fachstelle_creates_a_citywide_draft_with_german_texts(client_as, fachstelle):
    response = client_as(F).post(reverse("befragung:neu"), settings_data())
    befragung = Befragung.objects.get(slug="neue-befragung")
    assert response.status_code == 302
    assert response["Location"] == befragung.get_absolute_url()
    assert befragung.status == ENTWURF
    assert befragung.erstellt_von == fachstelle
    assert befragung.titel == {"de": "Wie wohnen Sie?"}
    assert befragung.sprachen == ["de", "en", "ar"]
    assert not befragung.quartiere.exists()


def test_koordination_drafts_only_for_own_quartiere(client_as, own_quartier):
    foreign = QuartierFactory()
    client = client_as(K)
    response = client.post(reverse("befragung:neu"), settings_data(quartiere=[foreign.pk]))
    assert response.status_code == 400
    assert "Bitte wählen Sie nur Quartiere aus der Liste." in response.text
    response = client.post(reverse("befragung:neu"), settings_data())
    assert response.status_code == 400
    assert "Bitte wählen Sie mindestens eines Ihrer Quartiere." in response.text
    assert not Befragung.objects.exists()
    response = client.post(reverse("befragung:neu"), settings_data(quartiere=[own_quartier.pk]))
    assert response.status_code == 302
    assert list(Befragung.objects.get().quartiere.all()) == [own_quartier]


def test_end_before_begin_is_a_german_error_next_to_the_field(client_as):
    response = client_as(F).post(
        reverse("befragung:neu"), settings_data(beginn="2025-05-01", ende="2025-04-01")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["ende"] == ["Das Ende darf nicht vor dem Beginn liegen."]
    assert "__all__" not in response.context["form"].errors
    assert not Befragung.objects.exists()


def test_duplicate_and_reserved_slugs_are_refused(client_as):
    BefragungFactory(slug="neue-befragung")
    client = client_as(F)
    response = client.post(reverse("befragung:neu"), settings_data())
    assert response.status_code == 400
    assert "Diesen Kurznamen hat schon eine andere Befragung." in response.text
    response = client.post(reverse("befragung:neu"), settings_data(slug="intern"))
    assert "Dieser Kurzname ist für das Portal reserviert." in response.text
    assert Befragung.objects.count() == 1


def test_german_is_always_a_language(client_as):
    client_as(F).post(reverse("befragung:neu"), settings_data(weitere_sprachen=[]))
    assert Befragung.objects.get().sprachen == ["de"]


def test_unknown_language_is_refused(client_as):
    response = client_as(F).post(reverse("befragung:neu"), settings_data(weitere_sprachen=["xx"]))
    assert response.status_code == 400
    assert "Bitte wählen Sie nur Sprachen aus der Liste." in response.text


def test_changing_the_german_title_drops_its_translation(client_as):
    befragung = BefragungFactory(status=ENTWURF, titel={"de": "Alt", "en": "Old"})
    client = client_as(F)
    url = reverse("befragung:bearbeiten", args=[befragung.slug])
    data = settings_data(slug=befragung.slug, titel_de="Alt", weitere_sprachen=["en"])
    client.post(url, data)
    befragung.refresh_from_db()
    assert befragung.titel == {"de": "Alt", "en": "Old"}
    client.post(url, data | {"titel_de": "Neu"})
    befragung.refresh_from_db()
    assert befragung.titel == {"de": "Neu"}


def test_adding_a_language_fills_yes_no_texts(client_as):
    befragung = BefragungFactory(status=ENTWURF, sprachen=["de"])
    frage = FrageFactory(befragung=befragung, typ="janein")
    AntwortoptionFactory(frage=frage, name="ja", text={"de": "Ja"}, position=1)
    client_as(F).post(
        reverse("befragung:bearbeiten", args=[befragung.slug]),
        settings_data(slug=befragung.slug, weitere_sprachen=["tr"]),
    )
    assert frage.optionen.get(name="ja").text == {"de": "Ja", "tr": "Evet"}


def test_koordination_edits_own_draft_but_not_foreign_or_running(client_as, own_quartier):
    own = BefragungFactory(status=ENTWURF, quartiere=[own_quartier])
    foreign = BefragungFactory(status=ENTWURF, quartiere=[QuartierFactory()])
    mixed = BefragungFactory(status=ENTWURF, quartiere=[own_quartier, QuartierFactory()])
    citywide = BefragungFactory(status=ENTWURF)
    running = BefragungFactory(status=LAEUFT, quartiere=[own_quartier])
    client = client_as(K)
    assert client.get(reverse("befragung:bearbeiten", args=[own.slug])).status_code == 200
    for befragung in (foreign, mixed, citywide, running):
        url = reverse("befragung:bearbeiten", args=[befragung.slug])
        assert client.get(url).status_code == 403, befragung
        assert client.post(url, settings_data(slug="x")).status_code == 403
    assert not Befragung.objects.filter(slug="x").exists()


def test_verwaltung_cannot_create_or_edit(client_as):
    befragung = BefragungFactory(status=ENTWURF)
    client = client_as(V)
    assert client.post(reverse("befragung:neu"), settings_data()).status_code == 403
    url = reverse("befragung:bearbeiten", args=[befragung.slug])
    assert client.post(url, settings_data()).status_code == 403


def test_running_survey_only_changes_its_end(client_as):
    befragung = BefragungFactory(
        status=LAEUFT, sprachen=["de"], beginn=datetime.date(2025, 1, 1), modus="offen"
    )
    response = client_as(F).post(
        reverse("befragung:bearbeiten", args=[befragung.slug]),
        settings_data(
            slug="umbenannt", weitere_sprachen=["ar"], modus="zugangscode", ende="2025-12-31"
        ),
    )
    assert response.status_code == 302
    befragung.refresh_from_db()
    assert befragung.ende == datetime.date(2025, 12, 31)
    assert befragung.slug != "umbenannt"
    assert befragung.sprachen == ["de"]
    assert befragung.modus == "offen"


def test_ended_survey_settings_are_refused_with_409(client_as):
    befragung = BefragungFactory(status=BEENDET)
    response = client_as(F).get(reverse("befragung:bearbeiten", args=[befragung.slug]))
    assert response.status_code == 409
    assert "Die Befragung ist beendet" in response.text


# --- delete ----------------------------------------------------------------------------------


def test_draft_without_answers_is_deleted_after_confirmation(client_as):
    befragung = BefragungFactory(status=ENTWURF)
    FrageFactory(befragung=befragung)
    client = client_as(F)
    url = reverse("befragung:loeschen", args=[befragung.slug])
    assert "wirklich löschen" in client.get(url).text
    response = client.post(url)
    assert response["Location"] == reverse("befragung:liste")
    assert not Befragung.objects.exists()


@pytest.mark.parametrize("status", [LAEUFT, BEENDET])
def test_started_surveys_are_not_deleted(client_as, status):
    befragung = BefragungFactory(status=status)
    response = client_as(F).post(reverse("befragung:loeschen", args=[befragung.slug]))
    assert response.status_code == 409
    assert Befragung.objects.filter(pk=befragung.pk).exists()


def test_draft_with_answers_is_not_deleted(client_as):
    befragung = BefragungFactory(status=ENTWURF)
    RueckmeldungFactory(befragung=befragung)
    response = client_as(F).post(reverse("befragung:loeschen", args=[befragung.slug]))
    assert response.status_code == 409
    assert "Nur Entwürfe ohne Rückmeldungen" in response.text
    assert Befragung.objects.filter(pk=befragung.pk).exists()


def test_koordination_deletes_own_draft_only(client_as, own_quartier):
    own = BefragungFactory(status=ENTWURF, quartiere=[own_quartier])
    foreign = BefragungFactory(status=ENTWURF, quartiere=[QuartierFactory()])
    client = client_as(K)
    assert client.post(reverse("befragung:loeschen", args=[foreign.slug])).status_code == 403
    assert client.post(reverse("befragung:loeschen", args=[own.slug])).status_code == 302
    assert list(Befragung.objects.all()) == [foreign]


# --- workflow --------------------------------------------------------------------------------


def test_fachstelle_starts_a_complete_draft(client_as):
    befragung = complete_draft()
    client = client_as(F)
    url = reverse("befragung:starten", args=[befragung.slug])
    assert "Nach dem Start" in client.get(url).text
    response = client.post(url)
    assert response.status_code == 302
    befragung.refresh_from_db()
    assert befragung.status == LAEUFT


def test_start_lists_what_is_missing_in_german(client_as):
    befragung = BefragungFactory(status=ENTWURF, sprachen=["de", "en", "ar"])
    response = client_as(F).post(reverse("befragung:starten", args=[befragung.slug]))
    assert response.status_code == 409
    assert "Die Befragung hat noch keine Frage." in response.text
    assert "Arabisch: " in response.text
    befragung.refresh_from_db()
    assert befragung.status == ENTWURF


def test_start_needs_every_translation(client_as):
    befragung = complete_draft()
    frage = befragung.fragen.get()
    frage.hilfe = {"de": "Ein Hinweis"}
    frage.save()
    response = client_as(F).post(reverse("befragung:starten", args=[befragung.slug]))
    assert response.status_code == 409
    assert "Englisch: 1 Text(e) sind noch nicht übersetzt." in response.text


def test_koordination_cannot_start_or_end(client_as, own_quartier):
    draft = complete_draft(quartiere=[own_quartier])
    running = BefragungFactory(status=LAEUFT, quartiere=[own_quartier])
    client = client_as(K)
    assert client.post(reverse("befragung:starten", args=[draft.slug])).status_code == 403
    assert client.post(reverse("befragung:beenden", args=[running.slug])).status_code == 403
    draft.refresh_from_db()
    running.refresh_from_db()
    assert (draft.status, running.status) == (ENTWURF, LAEUFT)


def test_fachstelle_ends_a_running_survey(client_as):
    befragung = BefragungFactory(status=LAEUFT)
    response = client_as(F).post(reverse("befragung:beenden", args=[befragung.slug]))
    assert response.status_code == 302
    befragung.refresh_from_db()
    assert befragung.status == BEENDET


def test_only_drafts_start_and_only_running_surveys_end(client_as):
    running = BefragungFactory(status=LAEUFT)
    draft = BefragungFactory(status=ENTWURF)
    client = client_as(F)
    assert client.post(reverse("befragung:starten", args=[running.slug])).status_code == 409
    assert client.post(reverse("befragung:beenden", args=[draft.slug])).status_code == 409


# --- survey page -----------------------------------------------------------------------------


def test_survey_page_shows_missing_translations_per_language(client_as):
    befragung = BefragungFactory(
        status=ENTWURF, sprachen=["de", "en", "ar"], titel={"de": "T", "en": "T"}
    )
    FrageFactory(befragung=befragung, text={"de": "Wie?", "en": "How?"})
    response = client_as(V).get(befragung.get_absolute_url())
    missing = {code: n for code, _label, n in response.context["missing"]}
    # ar misses the title, the description, the privacy notice and the question; en two texts.
    assert missing == {"en": 2, "ar": 4}
    assert "4 Texte fehlen" in response.text
    # Verwaltung reads but gets no builder buttons.
    assert "Frage hinzufügen" not in response.text
    assert "Einstellungen bearbeiten" not in response.text


def test_survey_page_explains_the_lock_after_answers(client_as):
    befragung = BefragungFactory(status=ENTWURF)
    FrageFactory(befragung=befragung)
    RueckmeldungFactory(befragung=befragung)
    response = client_as(F).get(befragung.get_absolute_url())
    assert "Zu dieser Befragung gibt es schon Rückmeldungen." in response.text
    assert "Frage hinzufügen" not in response.text


def test_survey_page_query_count_does_not_grow_with_questions(
    client_as, django_assert_max_num_queries
):
    befragung = BefragungFactory(status=ENTWURF, quartiere=[QuartierFactory()])
    client = client_as(F)

    def add(n):
        for _ in range(n):
            frage = FrageFactory(befragung=befragung)
            AntwortoptionFactory.create_batch(2, frage=frage)
        first = befragung.fragen.order_by("position").first()
        last = befragung.fragen.order_by("position").last()
        last.bedingung_option = first.optionen.first()
        last.save()

    add(3)
    with django_assert_max_num_queries(20) as small:
        client.get(befragung.get_absolute_url())
    add(37)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(befragung.get_absolute_url())
    assert len(response.context["fragen"]) == 40


def test_start_refuses_an_end_in_the_past(client_as):
    befragung = complete_draft(beginn=datetime.date(2020, 1, 1), ende=datetime.date(2020, 2, 1))
    response = client_as(F).post(reverse("befragung:starten", args=[befragung.slug]))
    assert response.status_code == 409
    assert "Das Ende der Befragung liegt in der Vergangenheit." in response.text


def test_koordination_without_quartier_is_told_why_it_cannot_draft(client_as):
    response = client_as(K).get(reverse("befragung:neu"))
    assert "Sie koordinieren derzeit kein Quartier." in response.text


def test_main_navigation_leads_internal_users_to_the_builder(client_as):
    for role, expected in ((V, "befragung:liste"), (P, "befragung:index")):
        nav = client_as(role).get("/").context["main_nav"]
        urls = [item["url"] for item in nav if item["label"] == "Befragungen"]
        assert urls == [reverse(expected)], role
