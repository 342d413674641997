"""The results page, the free-text list and „Bedarf anlegen“ from a result."""

import pytest
from django.urls import reverse

from befragung.models import BefragungBedarf
from gwa_portal.core.models import Role
from quartiere.models import Bedarf

from ..factories import (
    BefragungFactory,
    FrageFactory,
    HandlungsfeldFactory,
    KoordinationFactory,
    QuartierFactory,
    ZielgruppeFactory,
)
from .ergebnisse_data import add, known_data, options

pytestmark = pytest.mark.django_db


def url(befragung, name="ergebnisse", **query):
    from django.utils.http import urlencode

    base = reverse(f"befragung:{name}", args=[befragung.slug])
    return f"{base}?{urlencode(query)}" if query else base


@pytest.fixture
def data():
    return known_data()


def test_results_page_shows_chart_table_base_and_suppression(client_as, data):
    befragung, *_ = data
    response = client_as(Role.VERWALTUNG).get(url(befragung))
    assert response.status_code == 200
    html = response.content.decode()
    assert "33 Rückmeldungen" in html
    assert '<svg class="portal-chart__svg"' in html
    assert "Basis: Befragte mit Antwort" in html
    assert "19 (63,3&nbsp;%)" in html
    assert "nicht ausgewiesen" in html
    # Verwaltung reads results but neither downloads raw data nor creates Bedarfe.
    assert reverse("befragung:export_csv", args=[befragung.slug]) not in html
    assert "Bedarf anlegen" not in html


def test_fachstelle_sees_raw_exports_and_bedarf_buttons(client_as, data):
    befragung, f, *_ = data
    html = client_as(Role.FACHSTELLE).get(url(befragung)).content.decode()
    assert reverse("befragung:export_csv", args=[befragung.slug]) in html
    assert reverse("befragung:export_xlsx", args=[befragung.slug]) in html
    assert (
        f"{reverse('befragung:bedarf_neu', args=[befragung.slug])}?frage={f['wohnen'].pk}" in html
    )


def test_partner_and_anonymous_cannot_see_results(client_as, data):
    befragung, *_ = data
    assert client_as(Role.PARTNER).get(url(befragung)).status_code == 403
    assert client_as(None).get(url(befragung)).status_code == 302


def test_filters_and_cross_tab_are_applied(client_as, data):
    befragung, f, *_ = data
    html = client_as(Role.KOORDINATION).get(url(befragung, sprache="en")).content.decode()
    assert "10 Rückmeldungen" in html
    html = client_as(Role.KOORDINATION).get(url(befragung, kreuz=f["gern"].pk)).content.decode()
    assert "Rückmeldungen nach Antwort auf Frage" in html
    assert "ohne Antwort" in html


def test_a_filter_below_the_minimum_explains_why_nothing_is_shown(client_as, data):
    befragung, f, *_ = data
    response = client_as(Role.FACHSTELLE).get(url(befragung, quartier="gamma"))
    html = response.content.decode()
    assert "Zu wenige Rückmeldungen für eine Auswertung" in html
    assert f'id="frage-{f["wohnen"].pk}-heading"' not in html
    assert "3 Rückmeldungen" not in html


def test_invalid_filter_values_give_a_german_error_and_400(client_as, data):
    befragung, *_ = data
    response = client_as(Role.FACHSTELLE).get(url(befragung, quartier="gibt-es-nicht", kanal="fax"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte wählen Sie ein Quartier aus der Liste." in html
    assert "Bitte wählen Sie einen Kanal aus der Liste." in html


def test_results_page_of_a_survey_without_answers(client_as):
    befragung = BefragungFactory()
    html = client_as(Role.FACHSTELLE).get(url(befragung)).content.decode()
    assert "Es liegen keine Rückmeldungen vor." in html


def _bulk_survey(n):
    befragung = BefragungFactory()
    einfach = FrageFactory(befragung=befragung, position=1, name="e")
    opts = options(einfach, "a", "b")
    text = FrageFactory(befragung=befragung, position=2, name="t", typ="text")
    skala = FrageFactory(
        befragung=befragung, position=3, name="s", typ="skala", skala_min=1, skala_max=5
    )
    add(
        befragung,
        n,
        answers=lambda i: [
            {"frage": einfach, "option": opts["a" if i % 3 else "b"]},
            {"frage": text, "text": f"Text {i}"},
            {"frage": skala, "zahl": 1 + i % 5},
        ],
    )
    return befragung, einfach


@pytest.mark.parametrize("n", [10, 1000])
def test_results_page_query_count_does_not_grow_with_rueckmeldungen(
    client_as, django_assert_max_num_queries, n
):
    befragung, einfach = _bulk_survey(n)
    client = client_as(Role.FACHSTELLE)
    with django_assert_max_num_queries(20):
        response = client.get(url(befragung, kreuz=einfach.pk))
    assert response.status_code == 200
    assert (
        f"{n} Rückmeldungen".replace("1000", "1.000") in response.content.decode()
        or str(n) in response.content.decode()
    )


# --- free texts ------------------------------------------------------------------------------


def test_free_texts_are_listed_in_the_order_of_their_random_key(client_as, data):
    befragung, f, *_ = data
    response = client_as(Role.VERWALTUNG).get(
        reverse("befragung:freitext", args=[befragung.slug, f["wunsch"].pk])
    )
    assert response.status_code == 200
    page = response.context["page"]
    expected = list(
        f["wunsch"]
        .antworten.order_by("id")
        .values_list("text", flat=True)[: page.paginator.per_page]
    )
    assert list(page.object_list) == expected
    assert page.paginator.count == 23


def test_free_texts_are_paginated(client_as, data, settings):
    settings.GWA_PAGE_SIZE = 10
    befragung, f, *_ = data
    base = reverse("befragung:freitext", args=[befragung.slug, f["wunsch"].pk])
    response = client_as(Role.FACHSTELLE).get(base + "?page=3")
    assert len(response.context["page"].object_list) == 3
    assert "Seite 3 von 3" in response.content.decode()


def test_free_texts_are_hidden_when_the_filter_leaves_too_few(client_as, data):
    befragung, f, *_ = data
    base = reverse("befragung:freitext", args=[befragung.slug, f["wunsch"].pk])
    response = client_as(Role.FACHSTELLE).get(base + "?quartier=gamma")
    html = response.content.decode()
    assert "Antworten werden nicht gezeigt" in html
    assert "Ruhe" not in html


def test_free_text_list_only_for_text_questions_of_this_survey(client_as, data):
    befragung, f, *_ = data
    client = client_as(Role.FACHSTELLE)
    assert (
        client.get(reverse("befragung:freitext", args=[befragung.slug, f["wohnen"].pk])).status_code
        == 404
    )
    other = BefragungFactory()
    assert (
        client.get(reverse("befragung:freitext", args=[other.slug, f["wunsch"].pk])).status_code
        == 404
    )


@pytest.mark.parametrize("n", [10, 500])
def test_free_text_list_query_count_is_constant(client_as, django_assert_max_num_queries, n):
    befragung, _e = _bulk_survey(n)
    frage = befragung.fragen.get(name="t")
    client = client_as(Role.FACHSTELLE)
    with django_assert_max_num_queries(12):
        assert (
            client.get(reverse("befragung:freitext", args=[befragung.slug, frage.pk])).status_code
            == 200
        )


# --- Bedarf from a result --------------------------------------------------------------------


def bedarf_url(befragung, frage):
    return f"{reverse('befragung:bedarf_neu', args=[befragung.slug])}?frage={frage.pk}"


def test_bedarf_form_is_prefilled_with_the_question_and_its_key_figures(client_as, data):
    befragung, f, *_ = data
    response = client_as(Role.FACHSTELLE).get(bedarf_url(befragung, f["wohnen"]))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["titel"] == "Frage wohnen"
    assert "Basis: 30 Befragte" in form.initial["beschreibung"]
    assert "– A: 19 (63,3 %)" in form.initial["beschreibung"]
    assert "– C: < 5" in form.initial["beschreibung"]
    # Only the survey's Quartiere.
    assert {q.slug for q in form.fields["quartier"].queryset} == {"alpha", "beta", "gamma"}


def test_saving_creates_the_bedarf_with_source_and_link(client_as, data, users):
    befragung, f, _o, _z, q = data
    hf, zg = HandlungsfeldFactory(), ZielgruppeFactory()
    response = client_as(Role.FACHSTELLE).post(
        bedarf_url(befragung, f["wohnen"]),
        {
            "quartier": q["a"].pk,
            "titel": "Mehr Wohnraum",
            "beschreibung": "Aus der Befragung",
            "handlungsfeld": hf.pk,
            "zielgruppen": [zg.pk],
            "prioritaet": 1,
        },
    )
    bedarf = Bedarf.objects.get()
    assert response.status_code == 302 and response.url == bedarf.get_absolute_url()
    assert bedarf.quelle == Bedarf.Quelle.BEFRAGUNG
    assert bedarf.quelle_hinweis == str(befragung)
    assert bedarf.erfasst_von == users[Role.FACHSTELLE]
    assert list(bedarf.zielgruppen.all()) == [zg]
    link = BefragungBedarf.objects.get()
    assert (link.befragung, link.bedarf, link.frage) == (befragung, bedarf, f["wohnen"])
    html = client_as(Role.VERWALTUNG).get(url(befragung)).content.decode()
    assert bedarf.get_absolute_url() in html and "Mehr Wohnraum" in html


def test_invalid_bedarf_shows_errors_and_saves_nothing(client_as, data):
    befragung, f, *_ = data
    response = client_as(Role.FACHSTELLE).post(bedarf_url(befragung, f["wohnen"]), {"titel": ""})
    assert response.status_code == 400
    assert "Bitte wählen Sie ein Quartier." in response.content.decode()
    assert not Bedarf.objects.exists() and not BefragungBedarf.objects.exists()


def test_a_failing_link_rolls_back_the_bedarf(client_as, data, monkeypatch):
    befragung, f, _o, _z, q = data

    def fail(*args, **kwargs):
        raise RuntimeError("link failed")

    monkeypatch.setattr(BefragungBedarf.objects, "create", fail)
    client = client_as(Role.FACHSTELLE)
    client.raise_request_exception = False
    response = client.post(
        bedarf_url(befragung, f["wohnen"]),
        {
            "quartier": q["a"].pk,
            "titel": "X",
            "handlungsfeld": HandlungsfeldFactory().pk,
            "prioritaet": 2,
        },
    )
    assert response.status_code == 500
    assert not Bedarf.objects.exists()


def test_koordination_creates_bedarfe_only_in_its_own_quartiere_of_the_survey(
    client_as, data, users
):
    befragung, f, _o, _z, q = data
    KoordinationFactory(quartier=q["b"], user=users[Role.KOORDINATION])
    KoordinationFactory(
        quartier=QuartierFactory(), user=users[Role.KOORDINATION]
    )  # outside the scope
    client = client_as(Role.KOORDINATION)
    response = client.get(bedarf_url(befragung, f["wohnen"]))
    assert response.status_code == 200
    assert list(response.context["form"].fields["quartier"].queryset) == [q["b"]]
    assert response.context["form"].initial["quartier"] == q["b"]
    response = client.post(
        bedarf_url(befragung, f["wohnen"]),
        {
            "quartier": q["a"].pk,
            "titel": "X",
            "handlungsfeld": HandlungsfeldFactory().pk,
            "prioritaet": 2,
        },
    )
    assert response.status_code == 400
    assert not Bedarf.objects.exists()


def test_koordination_without_quartiere_in_the_scope_is_denied(client_as, data):
    befragung, f, *_ = data
    assert client_as(Role.KOORDINATION).get(bedarf_url(befragung, f["wohnen"])).status_code == 403


@pytest.mark.parametrize("role", [Role.VERWALTUNG, Role.PARTNER])
def test_verwaltung_and_partner_cannot_create_bedarfe(client_as, data, role):
    befragung, f, *_ = data
    assert client_as(role).get(bedarf_url(befragung, f["wohnen"])).status_code == 403
    assert client_as(role).post(bedarf_url(befragung, f["wohnen"]), {}).status_code == 403


def test_bedarf_for_a_question_of_another_survey_is_not_found(client_as, data):
    befragung, *_ = data
    other = FrageFactory()
    assert client_as(Role.FACHSTELLE).get(bedarf_url(befragung, other)).status_code == 404
    no_frage = reverse("befragung:bedarf_neu", args=[befragung.slug]) + "?frage=abc"
    assert client_as(Role.FACHSTELLE).get(no_frage).status_code == 404


def test_a_suppressed_cell_says_nicht_ausgewiesen_in_the_chart_too(client_as, data):
    befragung, *_ = data
    ergebnis = client_as(Role.FACHSTELLE).get(url(befragung)).context["ergebnis"]
    tables = [t for f in ergebnis.fragen for t in f.tabellen if hasattr(t, "chart")]
    hidden = [t for t in tables if any(k.zellen[0].unterdrueckt for k in t.kategorien)]
    assert hidden, "the known data has a suppressed cell"
    for tabelle in hidden:
        svg = str(tabelle.chart.svg)
        assert svg.count("nicht ausgewiesen") == sum(
            k.zellen[0].unterdrueckt for k in tabelle.kategorien
        )
        cells = [c for row in tabelle.chart.table.rows for c in row.cells]
        assert "nicht ausgewiesen" in cells and "–" not in cells
