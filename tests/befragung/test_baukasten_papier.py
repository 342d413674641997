"""The printable paper questionnaire: every question in the chosen language, with skip hints."""

import pytest
from django.urls import reverse

from befragung.models import Befragung
from gwa_portal.core.models import Role

from ..factories import (
    AntwortoptionFactory,
    BefragungFactory,
    FrageFactory,
    MatrixzeileFactory,
    QuartierFactory,
)

pytestmark = pytest.mark.django_db

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER


@pytest.fixture
def befragung():
    quartier = QuartierFactory(name="Wiesenau")
    befragung = BefragungFactory(
        status=Befragung.Status.ENTWURF,
        sprachen=["de", "ar"],
        titel={"de": "Leben im Quartier", "ar": "الحياة في الحي"},
        quartiere=[quartier],
    )
    kinder = FrageFactory(
        befragung=befragung, position=1, typ="janein", text={"de": "Kinder?", "ar": "أطفال؟"}
    )
    ja = AntwortoptionFactory(frage=kinder, name="ja", position=1, text={"de": "Ja", "ar": "نعم"})
    AntwortoptionFactory(frage=kinder, name="nein", position=2, text={"de": "Nein", "ar": "لا"})
    FrageFactory(
        befragung=befragung,
        position=2,
        typ="text",
        text={"de": "Welche Angebote fehlen?", "ar": "ما العروض الناقصة؟"},
        bedingung_option=ja,
    )
    FrageFactory(
        befragung=befragung,
        position=3,
        typ="skala",
        skala_min=1,
        skala_max=5,
        skala_links={"de": "schlecht"},
        text={"de": "Wie zufrieden?"},
    )
    matrix = FrageFactory(befragung=befragung, position=4, typ="matrix", text={"de": "Aussagen"})
    AntwortoptionFactory(frage=matrix, text={"de": "stimmt"})
    MatrixzeileFactory(frage=matrix, text={"de": "Es ist ruhig."})
    FrageFactory(befragung=befragung, position=5, typ="quartier", text={"de": "Wo wohnen Sie?"})
    FrageFactory(
        befragung=befragung, position=6, typ="zahl", zahl_min=0, zahl_max=120, text={"de": "Alter"}
    )
    return befragung


def test_german_questionnaire_has_boxes_lines_and_skip_hints(client_as, befragung):
    response = client_as(F).get(reverse("befragung:papier_druck", args=[befragung.slug, "de"]))
    assert response.status_code == 200
    html = response.text
    assert '<html lang="de" dir="ltr">' in html
    assert "css/befragung-papier.css" in html
    assert (
        'Nur beantworten, wenn Sie bei Frage 1 „<span lang="de">Ja</span>“ angekreuzt haben.'
        in html
    )
    assert html.count('class="bf-papier__box"') >= 2 + 5 + 1 + 1
    assert "bf-papier__linie" in html
    assert "Wiesenau" in html
    assert "Eine Zahl von 0 bis 120." in html
    assert "1 = schlecht" in html
    # The portal navigation and footer are not part of the questionnaire.
    assert "portal-nav" not in html and "portal-footer" not in html


def test_arabic_questionnaire_is_rtl_and_marks_german_fallbacks(client_as, befragung):
    response = client_as(K).get(reverse("befragung:papier_druck", args=[befragung.slug, "ar"]))
    html = response.text
    assert '<html lang="ar" dir="rtl">' in html
    assert "الحياة في الحي" in html and "ما العروض الناقصة؟" in html
    # No Arabic catalogue yet: the hint is German, marked as such, with the Arabic answer.
    assert '<p class="bf-papier__sprung" lang="de">' in html
    assert '<span lang="ar">نعم</span>' in html
    # Untranslated question texts fall back to German.
    assert "Wie zufrieden?" in html


def test_questionnaire_is_staff_only_and_in_the_survey_languages(client_as, befragung):
    url = reverse("befragung:papier_druck", args=[befragung.slug, "de"])
    assert client_as(V).get(url).status_code == 403
    assert client_as(P).get(url).status_code == 403
    assert client_as(None).get(url).status_code == 302
    other = reverse("befragung:papier_druck", args=[befragung.slug, "tr"])
    assert client_as(F).get(other).status_code == 404


def test_hostile_texts_are_escaped(client_as, befragung):
    option = befragung.fragen.get(position=1).optionen.get(name="ja")
    option.text = {"de": "<script>x</script>"}
    option.save()
    html = client_as(F).get(reverse("befragung:papier_druck", args=[befragung.slug, "de"])).text
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;" in html


def test_questionnaire_query_count_does_not_grow(
    client_as, befragung, django_assert_max_num_queries
):
    client = client_as(F)
    url = reverse("befragung:papier_druck", args=[befragung.slug, "ar"])
    with django_assert_max_num_queries(15) as small:
        client.get(url)
    for _ in range(34):
        frage = FrageFactory(befragung=befragung, typ="einfach")
        AntwortoptionFactory.create_batch(2, frage=frage)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)
