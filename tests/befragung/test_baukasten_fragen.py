"""The builder's questions: every type, conditions, reorder, the lock after answers, and the
translations page."""

import pytest
from django.urls import reverse

from befragung.models import Antwortoption, Befragung, Frage, Matrixzeile
from gwa_portal.core.models import Role

from ..factories import (
    AntwortoptionFactory,
    BefragungFactory,
    FrageFactory,
    KoordinationFactory,
    MatrixzeileFactory,
    QuartierFactory,
    RueckmeldungFactory,
)

pytestmark = pytest.mark.django_db

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER


@pytest.fixture
def draft():
    return BefragungFactory(status=Befragung.Status.ENTWURF, sprachen=["de", "en", "ar"])


def frage_data(**overrides):
    data = {"typ": "einfach", "text_de": "Wie gefällt es Ihnen?", "seite": "1"}
    data.update(overrides)
    return data


def post_new(client, befragung, **data):
    return client.post(reverse("befragung:frage_neu", args=[befragung.slug]), frage_data(**data))


def texts(items):
    return [item.text["de"] for item in items.order_by("position")]


def test_single_choice_gets_options_with_unique_slug_names(client_as, draft):
    response = post_new(
        client_as(F), draft, optionen="Sehr gut\n\nGut  \nGut so\nGut-so?", pflicht="on"
    )
    assert response.status_code == 302
    frage = Frage.objects.get()
    assert (frage.position, frage.name, frage.pflicht) == (1, "wie_gefaellt_es_ihnen", True)
    assert texts(frage.optionen) == ["Sehr gut", "Gut", "Gut so", "Gut-so?"]
    assert list(frage.optionen.order_by("position").values_list("name", flat=True)) == [
        "sehr_gut",
        "gut",
        "gut_so",
        "gut_so_2",
    ]


def test_choice_needs_two_distinct_options(client_as, draft):
    client = client_as(F)
    response = post_new(client, draft, optionen="Nur eine")
    assert response.status_code == 400
    assert "mindestens zwei Antwortmöglichkeiten" in response.text
    response = post_new(client, draft, optionen="Ja\nja")
    assert "Bitte nennen Sie jede Zeile nur einmal." in response.text
    assert not Frage.objects.exists()


def test_yes_no_creates_ja_and_nein_in_every_language(client_as, draft):
    post_new(client_as(F), draft, typ="janein", optionen="wird ignoriert\nauch")
    options = Frage.objects.get().optionen.order_by("position")
    assert [o.name for o in options] == ["ja", "nein"]
    assert options[0].text == {"de": "Ja", "en": "Yes", "ar": "نعم"}
    assert options[1].text == {"de": "Nein", "en": "No", "ar": "لا"}


def test_matrix_has_rows_and_columns(client_as, draft):
    response = post_new(
        client_as(F),
        draft,
        typ="matrix",
        optionen="stimme zu\nstimme nicht zu",
        zeilen="Es ist sauber.\nEs ist sicher.",
    )
    assert response.status_code == 302
    frage = Frage.objects.get()
    assert texts(frage.zeilen) == ["Es ist sauber.", "Es ist sicher."]
    assert [z.name for z in frage.zeilen.order_by("position")] == ["es_ist_sauber", "es_ist_sicher"]
    assert frage.optionen.count() == 2


def test_matrix_needs_rows(client_as, draft):
    response = post_new(client_as(F), draft, typ="matrix", optionen="a\nb")
    assert response.status_code == 400
    assert "mindestens eine Aussage" in response.text


def test_scale_needs_min_below_max_and_keeps_end_labels(client_as, draft):
    client = client_as(F)
    response = post_new(client, draft, typ="skala", skala_min="5", skala_max="1")
    assert response.status_code == 400
    assert response.context["form"].errors["skala_max"] == [
        "Der größte Wert muss größer als der kleinste sein."
    ]
    response = post_new(client, draft, typ="skala")
    assert "Bitte geben Sie den kleinsten Wert der Skala ein." in response.text
    response = post_new(
        client,
        draft,
        typ="skala",
        skala_min="1",
        skala_max="5",
        skala_links_de="schlecht",
        skala_rechts_de="gut",
        optionen="bleibt nicht",
    )
    assert response.status_code == 302
    frage = Frage.objects.get()
    assert (frage.skala_min, frage.skala_max) == (1, 5)
    assert frage.skala_links == {"de": "schlecht"}
    assert not frage.optionen.exists()


def test_number_range_is_checked(client_as, draft):
    response = post_new(client_as(F), draft, typ="zahl", zahl_min="10", zahl_max="2")
    assert response.status_code == 400
    assert "Die größte Zahl darf nicht kleiner als die kleinste sein." in response.text
    assert not Frage.objects.exists()


def test_quartier_and_text_questions_need_no_options(client_as, draft):
    client = client_as(F)
    assert post_new(client, draft, typ="quartier").status_code == 302
    assert post_new(client, draft, typ="text", text_de="Was noch?").status_code == 302
    assert list(Frage.objects.order_by("position").values_list("position", flat=True)) == [1, 2]
    assert not Antwortoption.objects.exists()


def test_garbage_input_is_a_400_with_german_errors(client_as, draft):
    response = post_new(
        client_as(F), draft, typ="quatsch", text_de="", seite="x", skala_min="zwei", name="a b"
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["typ"] == ["Bitte wählen Sie eine Art aus der Liste."]
    assert errors["text_de"] == ["Bitte geben Sie die Frage ein."]
    assert errors["seite"] == ["Bitte geben Sie eine ganze Zahl ein."]
    assert not Frage.objects.exists()


def test_duplicate_name_is_refused(client_as, draft):
    FrageFactory(befragung=draft, name="alter")
    response = post_new(client_as(F), draft, typ="text", name="alter")
    assert response.status_code == 400
    assert "Diese Kennung hat schon eine andere Frage dieser Befragung." in response.text


def test_condition_must_point_to_an_earlier_question(client_as, draft):
    first = FrageFactory(befragung=draft, position=1, typ="janein")
    ja = AntwortoptionFactory(frage=first, name="ja", text={"de": "Ja"})
    second = FrageFactory(befragung=draft, position=2, typ="einfach")
    later = AntwortoptionFactory(frage=second, text={"de": "später"})
    AntwortoptionFactory(frage=second)
    other_survey_option = AntwortoptionFactory()
    client = client_as(F)
    url = reverse("befragung:frage_bearbeiten", args=[draft.slug, first.pk])
    response = client.post(url, frage_data(typ="janein", bedingung_option=later.pk))
    assert response.status_code == 400
    assert "Bitte wählen Sie eine Antwort einer früheren Frage dieser Befragung." in response.text
    response = post_new(client, draft, typ="text", bedingung_option=other_survey_option.pk)
    assert response.status_code == 400
    response = post_new(client, draft, typ="text", bedingung_option=ja.pk)
    assert response.status_code == 302
    assert Frage.objects.get(position=3).bedingung_option == ja


def test_condition_choices_are_earlier_choice_questions_only(client_as, draft):
    einfach = FrageFactory(befragung=draft, position=1, typ="einfach")
    AntwortoptionFactory(frage=einfach, text={"de": "A"})
    skala = FrageFactory(befragung=draft, position=2, typ="skala", skala_min=1, skala_max=3)
    response = client_as(F).get(reverse("befragung:frage_neu", args=[draft.slug]))
    choices = [
        label for _value, label in response.context["form"].fields["bedingung_option"].choices
    ]
    assert any("Frage 1" in str(label) and ": A" in str(label) for label in choices)
    assert not any(str(skala.text["de"]) in str(label) for label in choices)


def test_editing_keeps_unchanged_options_and_their_translations(client_as, draft):
    frage = FrageFactory(befragung=draft, typ="einfach", text={"de": "F", "en": "Q"})
    keep = AntwortoptionFactory(frage=frage, position=1, text={"de": "Bus", "en": "Bus"})
    AntwortoptionFactory(frage=frage, position=2, text={"de": "Bahn", "en": "Train"})
    response = client_as(F).post(
        reverse("befragung:frage_bearbeiten", args=[draft.slug, frage.pk]),
        frage_data(text_de="F", optionen="Rad\nBus"),
    )
    assert response.status_code == 302
    assert texts(frage.optionen) == ["Rad", "Bus"]
    keep.refresh_from_db()
    assert (keep.position, keep.text) == (2, {"de": "Bus", "en": "Bus"})
    frage.refresh_from_db()
    assert frage.text == {"de": "F", "en": "Q"}


def test_options_used_by_a_later_condition_cannot_be_removed(client_as, draft):
    frage = FrageFactory(befragung=draft, position=1, typ="einfach")
    used = AntwortoptionFactory(frage=frage, position=1, text={"de": "Bus"})
    AntwortoptionFactory(frage=frage, position=2, text={"de": "Bahn"})
    FrageFactory(befragung=draft, position=2, bedingung_option=used)
    response = client_as(F).post(
        reverse("befragung:frage_bearbeiten", args=[draft.slug, frage.pk]),
        frage_data(optionen="Bahn\nRad"),
    )
    assert response.status_code == 400
    assert "als Bedingung späterer Fragen gebraucht" in response.text
    assert texts(frage.optionen) == ["Bus", "Bahn"]


def test_deleting_a_question_renumbers_and_clears_dependent_conditions(client_as, draft):
    first = FrageFactory(befragung=draft, position=1)
    option = AntwortoptionFactory(frage=first)
    second = FrageFactory(befragung=draft, position=2, bedingung_option=option)
    third = FrageFactory(befragung=draft, position=3)
    client = client_as(F)
    url = reverse("befragung:frage_loeschen", args=[draft.slug, first.pk])
    assert "ihre Bedingung entfällt" in client.get(url).text
    client.post(url)
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.position, third.position, second.bedingung_option) == (1, 2, None)


# --- reorder ---------------------------------------------------------------------------------


def positions(befragung):
    return list(befragung.fragen.order_by("position").values_list("name", flat=True))


def test_move_up_and_down_swaps_neighbours(client_as, draft):
    a, _b, c = (FrageFactory(befragung=draft, position=n, name=x) for n, x in enumerate("abc", 1))
    client = client_as(F)
    url = reverse("befragung:frage_verschieben", args=[draft.slug, c.pk])
    assert client.post(url, {"richtung": "hoch"}).status_code == 302
    assert positions(draft) == ["a", "c", "b"]
    url = reverse("befragung:frage_verschieben", args=[draft.slug, a.pk])
    client.post(url, {"richtung": "runter"})
    assert positions(draft) == ["c", "a", "b"]
    assert sorted(draft.fragen.values_list("position", flat=True)) == [1, 2, 3]


def test_move_beyond_the_ends_is_refused(client_as, draft):
    a = FrageFactory(befragung=draft, position=1, name="a")
    FrageFactory(befragung=draft, position=2, name="b")
    client = client_as(F)
    url = reverse("befragung:frage_verschieben", args=[draft.slug, a.pk])
    response = client.post(url, {"richtung": "hoch"})
    assert response.status_code == 409
    assert "Die Frage steht schon ganz oben." in response.text
    assert client.post(url, {"richtung": "seitwaerts"}).status_code == 400
    assert positions(draft) == ["a", "b"]


def test_a_question_never_moves_before_its_condition(client_as, draft):
    a = FrageFactory(befragung=draft, position=1, name="a")
    option = AntwortoptionFactory(frage=a)
    b = FrageFactory(befragung=draft, position=2, name="b", bedingung_option=option)
    client = client_as(F)
    response = client.post(
        reverse("befragung:frage_verschieben", args=[draft.slug, b.pk]), {"richtung": "hoch"}
    )
    assert response.status_code == 409
    assert "muss deshalb danach stehen" in response.text
    client.post(
        reverse("befragung:frage_verschieben", args=[draft.slug, a.pk]), {"richtung": "runter"}
    )
    assert positions(draft) == ["a", "b"]


def test_move_needs_post(client_as, draft):
    a = FrageFactory(befragung=draft)
    url = reverse("befragung:frage_verschieben", args=[draft.slug, a.pk])
    assert client_as(F).get(url).status_code == 405


# --- permissions and the lock ----------------------------------------------------------------


def test_koordination_changes_questions_of_own_drafts_only(client_as, koordination):
    own_quartier = KoordinationFactory(user=koordination).quartier
    own = BefragungFactory(status=Befragung.Status.ENTWURF, quartiere=[own_quartier])
    foreign = BefragungFactory(status=Befragung.Status.ENTWURF, quartiere=[QuartierFactory()])
    foreign_frage = FrageFactory(befragung=foreign)
    client = client_as(K)
    assert post_new(client, own, typ="text").status_code == 302
    assert post_new(client, foreign, typ="text").status_code == 403
    for name in ("frage_bearbeiten", "frage_loeschen", "frage_verschieben"):
        url = reverse(f"befragung:{name}", args=[foreign.slug, foreign_frage.pk])
        assert client.post(url, {"richtung": "runter"}).status_code == 403
    assert foreign.fragen.count() == 1


def test_verwaltung_and_partner_cannot_add_questions(client_as, draft):
    assert post_new(client_as(V), draft, typ="text").status_code == 403
    assert post_new(client_as(P), draft, typ="text").status_code == 403
    assert not Frage.objects.exists()


def test_questions_are_locked_once_answers_exist(client_as, draft):
    frage = FrageFactory(befragung=draft, position=1, typ="text")
    FrageFactory(befragung=draft, position=2, typ="text")
    RueckmeldungFactory(befragung=draft)
    client = client_as(F)
    for url, data in (
        (reverse("befragung:frage_neu", args=[draft.slug]), frage_data(typ="text")),
        (
            reverse("befragung:frage_bearbeiten", args=[draft.slug, frage.pk]),
            frage_data(typ="text", text_de="Anders"),
        ),
        (reverse("befragung:frage_loeschen", args=[draft.slug, frage.pk]), {}),
        (
            reverse("befragung:frage_verschieben", args=[draft.slug, frage.pk]),
            {"richtung": "runter"},
        ),
    ):
        response = client.post(url, data)
        assert response.status_code == 409, url
        assert "Zu dieser Befragung gibt es schon Rückmeldungen." in response.text
    frage.refresh_from_db()
    assert (frage.position, frage.text["de"], draft.fragen.count()) == (1, frage.text["de"], 2)
    assert "Anders" not in frage.text.values()


def test_questions_are_locked_after_start(client_as):
    running = BefragungFactory(status=Befragung.Status.LAEUFT)
    response = post_new(client_as(F), running, typ="text")
    assert response.status_code == 409
    assert "nicht mehr im Entwurf" in response.text
    assert not Frage.objects.exists()


# --- translations ----------------------------------------------------------------------------


def test_translation_page_shows_german_next_to_rtl_inputs(client_as, draft):
    frage = FrageFactory(befragung=draft, text={"de": "Wie alt?"}, hilfe={"de": "In Jahren"})
    AntwortoptionFactory(frage=frage, text={"de": "jung", "ar": "شاب"})
    MatrixzeileFactory(frage=frage, text={"de": "Zeile"})
    response = client_as(F).get(reverse("befragung:uebersetzungen", args=[draft.slug, "ar"]))
    assert response.status_code == 200
    html = response.text
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert "Wie alt?" in html and "In Jahren" in html
    assert "Übersetzung fehlt" in html
    # title, description, privacy notice, question, hint and row are missing; the option is not.
    assert response.context["missing"] == 6


def test_translations_are_saved_together(client_as, draft):
    frage = FrageFactory(befragung=draft, text={"de": "Wie alt?"})
    option = AntwortoptionFactory(frage=frage, text={"de": "jung"})
    zeile = MatrixzeileFactory(frage=frage, text={"de": "Zeile"})
    response = client_as(F).post(
        reverse("befragung:uebersetzungen", args=[draft.slug, "en"]),
        {
            "b-titel": "Survey",
            f"f{frage.pk}-text": "How old?",
            f"o{option.pk}": "young",
            f"z{zeile.pk}": "  Row ",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    frage.refresh_from_db()
    option.refresh_from_db()
    zeile.refresh_from_db()
    assert draft.titel["en"] == "Survey"
    assert frage.text == {"de": "Wie alt?", "en": "How old?"}
    assert option.text["en"] == "young"
    assert zeile.text["en"] == "Row"


def test_too_long_translation_saves_nothing(client_as, draft):
    frage = FrageFactory(befragung=draft, text={"de": "Wie alt?"})
    response = client_as(F).post(
        reverse("befragung:uebersetzungen", args=[draft.slug, "en"]),
        {"b-titel": "Survey", f"f{frage.pk}-text": "x" * 6000},
    )
    assert response.status_code == 400
    assert "Der Text ist zu lang" in response.text
    draft.refresh_from_db()
    assert "en" not in draft.titel or draft.titel["en"] != "Survey"


def test_translation_page_is_only_for_other_chosen_languages(client_as, draft):
    client = client_as(F)
    assert (
        client.get(reverse("befragung:uebersetzungen", args=[draft.slug, "de"])).status_code == 404
    )
    assert (
        client.get(reverse("befragung:uebersetzungen", args=[draft.slug, "tr"])).status_code == 404
    )


def test_after_answers_only_missing_translations_can_be_filled(client_as, draft):
    draft.titel = {"de": "Umfrage"}
    draft.save()
    frage = FrageFactory(befragung=draft, text={"de": "Wie alt?", "en": "How old?"})
    RueckmeldungFactory(befragung=draft)
    response = client_as(F).post(
        reverse("befragung:uebersetzungen", args=[draft.slug, "en"]),
        {"b-titel": "Survey", f"f{frage.pk}-text": "Changed"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    frage.refresh_from_db()
    assert draft.titel["en"] == "Survey"
    assert frage.text["en"] == "How old?"


def test_koordination_cannot_translate_foreign_surveys(client_as):
    foreign = BefragungFactory(status=Befragung.Status.ENTWURF, quartiere=[QuartierFactory()])
    url = reverse("befragung:uebersetzungen", args=[foreign.slug, "en"])
    assert client_as(K).post(url, {"b-titel": "x"}).status_code == 403
    foreign.refresh_from_db()
    assert foreign.titel["en"] != "x"


def test_translation_page_query_count_does_not_grow(
    client_as, draft, django_assert_max_num_queries
):
    client = client_as(F)
    url = reverse("befragung:uebersetzungen", args=[draft.slug, "ar"])

    def add(n):
        for _ in range(n):
            frage = FrageFactory(befragung=draft, typ="matrix")
            AntwortoptionFactory.create_batch(2, frage=frage)
            MatrixzeileFactory(frage=frage)

    add(3)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    add(37)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)
    assert Matrixzeile.objects.count() == 40
