"""The staff preview in every language (saves nothing) and the paper entry (kanal=papier)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from befragung.forms.antworten import field_name
from befragung.models import Befragung, Rueckmeldung
from gwa_portal.core.models import Role

from ..factories import (
    BefragungFactory,
    KoordinationFactory,
    QuartierFactory,
    RueckmeldungFactory,
    befragung_mit_allen_fragetypen,
)
from .holding import freigeben, stored

pytestmark = pytest.mark.django_db
STAND = re.compile(r'name="stand" value="([^"]+)"')


def vorschau_url(befragung, sprache):
    return reverse("befragung:vorschau", kwargs={"slug": befragung.slug, "sprache": sprache})


def papier_url(befragung):
    return reverse("befragung:papier_erfassen", kwargs={"slug": befragung.slug})


def o(survey, key, option):
    return str(survey.testfragen[key].optionen.get(name=option).pk)


@pytest.fixture
def draft():
    QuartierFactory(name="Wiesenau")
    return befragung_mit_allen_fragetypen(status=Befragung.Status.ENTWURF)


@pytest.mark.parametrize("sprache", ["de", "ls", "en", "tr", "ar", "uk"])
def test_internal_roles_preview_a_draft_in_each_language(client_as, draft, sprache):
    response = client_as(Role.VERWALTUNG).get(vorschau_url(draft, sprache))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vorschau – Antworten werden nicht gespeichert" in html
    assert draft.t("titel", sprache) in html
    assert f'href="{vorschau_url(draft, "ar")}"' in html


def test_the_preview_of_a_language_the_survey_lacks_is_404(client_as, draft):
    assert client_as(Role.FACHSTELLE).get(vorschau_url(draft, "fa")).status_code == 404


def test_partners_and_anonymous_users_get_no_preview(client_as, draft):
    assert client_as(Role.PARTNER).get(vorschau_url(draft, "de")).status_code == 403
    assert client_as(None).get(vorschau_url(draft, "de")).status_code == 302


def test_the_preview_validates_and_saves_nothing(client_as, draft):
    client = client_as(Role.KOORDINATION)
    target = vorschau_url(draft, "ar")
    response = client.get(target)
    assert 'name="webseite"' not in response.content.decode()
    invalid = client.post(target, {"stand": STAND.search(response.content.decode()).group(1)})
    assert invalid.status_code == 400 and "يرجى الإجابة عن هذا السؤال." in invalid.content.decode()
    fragen = draft.testfragen
    data = [
        {field_name(fragen["verkehrsmittel"]): o(draft, "verkehrsmittel", "auto")},
        {field_name(fragen["zufriedenheit"]): "2"},
        {field_name(fragen["ehrenamt"]): o(draft, "ehrenamt", "nein")},
    ]
    for step in data:
        stand = STAND.search(response.content.decode()).group(1)
        response = client.post(target, {**step, "stand": stand, "aktion": "weiter"})
    assert response.status_code == 200
    assert "Alle Antworten sind gültig. In der Vorschau wird nichts gespeichert." in (
        response.content.decode()
    )
    assert Rueckmeldung.objects.count() == 0


def paper_data(survey, **extra):
    fragen = survey.testfragen
    return {
        "papier_sprache": "tr",
        field_name(fragen["verkehrsmittel"]): o(survey, "verkehrsmittel", "bus"),
        field_name(fragen["zufriedenheit"]): "3",
        field_name(fragen["ehrenamt"]): o(survey, "ehrenamt", "nein"),
        # Filled in on paper although the condition is not met: dropped.
        field_name(fragen["bereich"]): o(survey, "bereich", "umwelt"),
        **extra,
    }


@pytest.fixture
def running():
    QuartierFactory(name="Wiesenau")
    return befragung_mit_allen_fragetypen()


def test_the_fachstelle_enters_a_paper_questionnaire_on_one_page(client_as, running):
    client = client_as(Role.FACHSTELLE)
    page = client.get(papier_url(running)).content.decode()
    assert "Sprache des Papierbogens" in page and "Bisher sind 0 Papierbögen erfasst." in page
    assert all(field_name(f) in page for k, f in running.testfragen.items() if k != "aussagen")
    response = client.post(papier_url(running), paper_data(running), follow=True)
    html = response.content.decode()
    assert "Der Papierbogen wurde gespeichert." in html and "Nächsten Bogen erfassen" in html
    # The sheet counts at once, though it waits for its batch like an online answer.
    assert "Bisher ist 1 Papierbogen erfasst." in html
    assert not Rueckmeldung.objects.exists() and freigeben() == 1
    rueckmeldung = Rueckmeldung.objects.get()
    assert (rueckmeldung.kanal, rueckmeldung.sprache) == ("papier", "tr")
    assert rueckmeldung.eingereicht_am == timezone.localdate()
    names = set(rueckmeldung.antworten.values_list("frage__name", flat=True))
    assert names == {"verkehrsmittel", "zufriedenheit", "ehrenamt"}


def test_invalid_paper_entry_shows_german_errors_and_saves_nothing(client_as, running):
    response = client_as(Role.FACHSTELLE).post(papier_url(running), {"papier_sprache": "xx"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Bitte beantworten Sie diese Frage." in html
    assert stored() == 0


def test_koordination_enters_paper_only_for_surveys_touching_their_quartiere(client_as, users):
    koordination = users[Role.KOORDINATION]
    own, foreign = QuartierFactory(), QuartierFactory()
    KoordinationFactory(user=koordination, quartier=own)
    ours = BefragungFactory(quartiere=[own, foreign])
    theirs = BefragungFactory(quartiere=[foreign])
    citywide = BefragungFactory()
    client = client_as(Role.KOORDINATION)
    assert client.get(papier_url(ours)).status_code == 200
    assert client.get(papier_url(citywide)).status_code == 200
    assert client.get(papier_url(theirs)).status_code == 403


def test_paper_entry_is_closed_to_verwaltung_partner_and_for_drafts(client_as):
    befragung = BefragungFactory()
    assert client_as(Role.VERWALTUNG).get(papier_url(befragung)).status_code == 403
    assert client_as(Role.PARTNER).get(papier_url(befragung)).status_code == 403
    draft = BefragungFactory(status=Befragung.Status.ENTWURF)
    assert client_as(Role.FACHSTELLE).get(papier_url(draft)).status_code == 404


@pytest.mark.parametrize("anzahl", [10, 1000])
def test_paper_page_query_count_does_not_grow(
    client_as, running, django_assert_max_num_queries, anzahl
):
    Rueckmeldung.objects.bulk_create(
        [RueckmeldungFactory.build(befragung=running, kanal="papier") for _i in range(anzahl)]
    )
    client = client_as(Role.FACHSTELLE)
    with django_assert_max_num_queries(14):
        assert client.get(papier_url(running)).status_code == 200
