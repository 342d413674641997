"""The public form through the test client: steps, languages, closed surveys, codes, honeypot,
rate limit, privacy and query counts."""

import datetime
import logging
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from befragung import zugangscodes
from befragung.forms.antworten import field_name
from befragung.models import Antwort, Befragung, Rueckmeldung, WartendeRueckmeldung
from quartiere.models import Quartier

from ..factories import (
    BefragungFactory,
    QuartierFactory,
    RueckmeldungFactory,
    befragung_mit_allen_fragetypen,
)
from .holding import freigeben, stored

pytestmark = pytest.mark.django_db
STAND = re.compile(r'name="stand" value="([^"]+)"')


@pytest.fixture
def survey():
    QuartierFactory(name="Wiesenau")
    return befragung_mit_allen_fragetypen()


def url(befragung, sprache="de", name="formular"):
    return reverse(f"befragung:{name}", kwargs={"slug": befragung.slug}) + f"?sprache={sprache}"


def n(survey, key, zeile=None):
    frage = survey.testfragen[key]
    return field_name(frage, frage.zeilen.get(name=zeile) if zeile else None)


def o(survey, key, option):
    return str(survey.testfragen[key].optionen.get(name=option).pk)


def weiter(client, target, response, data, aktion="weiter"):
    stand = STAND.search(response.content.decode()).group(1)
    return client.post(target, {**data, "stand": stand, "aktion": aktion})


def steps(survey, *, ehrenamt="ja"):
    wiesenau = Quartier.objects.get(name="Wiesenau")
    return [
        {n(survey, "verkehrsmittel"): o(survey, "verkehrsmittel", "bus")},
        {
            n(survey, "angebote"): [o(survey, "angebote", "sport")],
            n(survey, "zufriedenheit"): "4",
            n(survey, "aussagen", "sicher"): o(survey, "aussagen", "ja"),
            n(survey, "aussagen", "sauber"): o(survey, "aussagen", "nein"),
        },
        {
            n(survey, "alter"): "70",
            n(survey, "wohnort"): str(wiesenau.pk),
            n(survey, "ehrenamt"): o(survey, "ehrenamt", ehrenamt),
        },
        {n(survey, "bereich"): o(survey, "bereich", "umwelt")},
    ]


def complete(client, survey, sprache="de", *, ehrenamt="ja"):
    target = url(survey, sprache)
    response = client.get(target)
    for data in steps(survey, ehrenamt=ehrenamt)[: 4 if ehrenamt == "ja" else 3]:
        response = weiter(client, target, response, data)
    return response


def test_the_form_follows_the_chosen_language_with_lang_and_dir(client, survey):
    response = client.get(url(survey, "ar"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl"' in html
    assert "الحياة في الحي" in html and "أخبرنا برأيك." in html and "المشاركة طوعية." in html
    assert "الخطوة 1 من 4" in html and '<progress max="4" value="1"' in html
    assert '<header class="portal-header" lang="de" dir="ltr">' in html
    for code, own_name in [("de", "Deutsch"), ("tr", "Türkçe"), ("uk", "Українська")]:
        assert f'href="/befragung/{survey.slug}/?sprache={code}"' in html and own_name in html
    german = client.get(url(survey, "xx")).content.decode()
    assert '<html lang="de" dir="ltr"' in german and "Leben im Quartier" in german
    leicht = client.get(url(survey, "ls")).content.decode()
    assert '<html lang="de" dir="ltr"' in leicht and "Leben im Quartier (einfach)" in leicht


def test_a_citizen_completes_all_steps_and_reaches_the_thank_you_page(client, survey):
    response = complete(client, survey, "ar")
    assert response.status_code == 302
    assert response["Location"] == url(survey, "ar", "danke")
    # The answers wait for their batch; the survey's end writes them.
    assert not Rueckmeldung.objects.exists() and WartendeRueckmeldung.objects.count() == 1
    assert freigeben() == 1
    rueckmeldung = Rueckmeldung.objects.get()
    assert (rueckmeldung.sprache, rueckmeldung.kanal) == ("ar", "online")
    assert rueckmeldung.eingereicht_am == timezone.localdate()
    assert rueckmeldung.quartier.name == "Wiesenau"
    assert rueckmeldung.antworten.count() == 9
    danke = client.get(response["Location"])
    assert danke.status_code == 200 and "شكرًا جزيلًا!" in danke.content.decode()


def test_sending_the_same_questionnaire_twice_stores_it_once(client, survey):
    target = url(survey)
    response = client.get(target)
    for data in steps(survey)[:3]:
        response = weiter(client, target, response, data)
    assert weiter(client, target, response, steps(survey)[3]).status_code == 302
    # The browser's back button shows the last step again; sending it once more:
    again = weiter(client, target, response, steps(survey)[3])
    assert again.status_code == 302 and again["Location"] == url(survey, name="danke")
    assert stored() == 1
    assert complete(client, survey).status_code == 302
    assert stored() == 2


def test_a_step_whose_questions_are_all_hidden_is_skipped(client, survey):
    response = complete(client, survey, ehrenamt="nein")
    assert response.status_code == 302
    freigeben()
    names = set(Antwort.objects.values_list("frage__name", flat=True))
    assert "bereich" not in names and "ehrenamt" in names


def test_errors_stand_next_to_the_field_with_a_summary_in_the_language(client, survey):
    target = url(survey, "uk")
    response = weiter(client, target, client.get(target), {})
    html = response.content.decode()
    assert response.status_code == 400
    message = "Будь ласка, дайте відповідь на це запитання."
    assert html.count(message) == 2  # the summary and next to the field
    first_radio = f"id_{n(survey, 'verkehrsmittel')}_0"
    assert f'href="#{first_radio}"' in html and f'id="{first_radio}"' in html
    assert "<title>Помилка:" in html
    assert stored() == 0


def test_going_back_keeps_the_answers_of_the_step(client, survey):
    target = url(survey)
    response = weiter(client, target, client.get(target), steps(survey)[0])
    assert "Schritt 2 von 4" in response.content.decode()
    response = weiter(client, target, response, steps(survey)[1], aktion="zurueck")
    html = response.content.decode()
    assert "Schritt 1 von 4" in html
    assert (
        f'value="{o(survey, "verkehrsmittel", "bus")}" id="id_{n(survey, "verkehrsmittel")}_0" required checked'
        in html
    )
    response = weiter(client, target, response, steps(survey)[0])
    assert (
        f'value="4" id="id_{n(survey, "zufriedenheit")}_3" required checked'
        in response.content.decode()
    )


def test_a_tampered_hidden_field_starts_over_and_writes_nothing(client, survey):
    target = url(survey)
    response = client.post(target, {"stand": "eyJpIjozLCJkIjp7fX0:bogus:sig", "aktion": "weiter"})
    assert response.status_code == 400
    assert "Bitte beginnen Sie noch einmal." in response.content.decode()
    assert stored() == 0


def test_a_draft_does_not_exist_for_the_public(client):
    befragung = BefragungFactory(status=Befragung.Status.ENTWURF)
    assert client.get(url(befragung)).status_code == 404
    assert client.get(url(befragung, name="danke")).status_code == 404


def test_an_ended_survey_gets_a_friendly_gone_page_in_the_language(client, survey):
    survey.status = Befragung.Status.BEENDET
    survey.save()
    response = client.get(url(survey, "en"))
    assert response.status_code == 410
    assert "This survey has ended" in response.content.decode()
    post = client.post(url(survey, "en"), steps(survey)[0])
    assert post.status_code == 410 and stored() == 0
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    past = BefragungFactory(beginn=yesterday - datetime.timedelta(days=9), ende=yesterday)
    assert client.get(url(past)).status_code == 410


def test_a_survey_not_yet_open_says_when_it_starts(client):
    start = timezone.localdate() + datetime.timedelta(days=3)
    befragung = BefragungFactory(beginn=start, sprachen=["de", "tr"])
    response = client.get(url(befragung, "tr"))
    assert response.status_code == 200
    assert f"{start:%d.%m.%Y} tarihinden itibaren katılabilirsiniz." in response.content.decode()


def test_the_honeypot_pretends_success_and_writes_nothing(client, survey):
    target = url(survey)
    response = client.post(target, {**steps(survey)[0], "webseite": "http://spam.example"})
    assert response.status_code == 302 and response["Location"] == url(survey, name="danke")
    assert stored() == 0 and Antwort.objects.count() == 0


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, survey):
    html = client.get(url(survey)).content.decode()
    wrapper = re.search(r'<div class="bf-falle" aria-hidden="true">(.*?)</div>', html, re.S)
    assert (
        wrapper and 'tabindex="-1"' in wrapper.group(1) and 'autocomplete="off"' in wrapper.group(1)
    )


def test_the_rate_limit_answers_429_in_the_language_and_writes_nothing(client, survey):
    for _i in range(10):
        assert complete(client, survey, "en").status_code == 302
    response = complete(client, survey, "en")
    assert response.status_code == 429
    assert "Please wait a moment" in response.content.decode()
    assert stored() == 10
    other = befragung_mit_allen_fragetypen()
    assert complete(client, other).status_code == 302


def test_another_client_is_not_limited(client, survey):
    for _i in range(10):
        complete(client, survey)
    target = url(survey)
    client.defaults["REMOTE_ADDR"] = "10.0.0.7"
    response = client.get(target)
    for data in steps(survey):
        response = weiter(client, target, response, data)
    assert response.status_code == 302
    assert response["Location"] == url(survey, "de", "danke")
    assert stored() == 11


def test_nothing_about_the_client_is_kept_in_the_session_or_the_answers(client, survey, caplog):
    caplog.set_level(logging.DEBUG)
    client.defaults["REMOTE_ADDR"] = "203.0.113.9"
    complete(client, survey)
    assert dict(client.session) == {}
    freigeben()
    values = [str(v) for row in Rueckmeldung.objects.values() for v in row.values()]
    values += [str(v) for row in Antwort.objects.values() for v in row.values()]
    assert len(values) > 10 and not any("203.0.113.9" in v for v in values)
    assert not any("203.0.113.9" in r.getMessage() for r in caplog.records)


def test_a_code_survey_asks_for_the_code_first_and_uses_it_once(client):
    QuartierFactory(name="Wiesenau")
    survey = befragung_mit_allen_fragetypen(modus=Befragung.Modus.ZUGANGSCODE)
    (code,) = zugangscodes.generate(befragung=survey, anzahl=1)
    target = url(survey, "ar")
    first = client.get(target)
    assert 'name="zugangscode"' in first.content.decode()
    wrong = weiter(client, target, first, {**steps(survey)[0], "zugangscode": "AAAA-BBBB"})
    assert wrong.status_code == 400
    assert "رمز الدخول هذا غير صالح أو تم استخدامه من قبل." in wrong.content.decode()
    response = weiter(client, target, first, {**steps(survey)[0], "zugangscode": code.lower()})
    assert "الخطوة 2 من 4" in response.content.decode()
    for data in steps(survey)[1:3]:
        response = weiter(client, target, response, data)
    # The code is used elsewhere before this citizen sends the last step.
    assert zugangscodes.redeem(befragung=survey, code=code)
    response = weiter(client, target, response, steps(survey)[3])
    assert response.status_code == 400
    assert "رمز الدخول هذا غير صالح أو تم استخدامه من قبل." in response.content.decode()
    assert stored() == 0 and Antwort.objects.count() == 0


def test_a_code_survey_submission_uses_the_code_and_logs_neither_code_nor_answers(client, caplog):
    caplog.set_level(logging.DEBUG)
    QuartierFactory(name="Wiesenau")
    survey = befragung_mit_allen_fragetypen(modus=Befragung.Modus.ZUGANGSCODE)
    (code,) = zugangscodes.generate(befragung=survey, anzahl=1)
    target = url(survey)
    response = client.get(target)
    all_steps = steps(survey)
    all_steps[0]["zugangscode"] = code
    for data in all_steps:
        response = weiter(client, target, response, data)
    assert response.status_code == 302
    assert survey.zugangscodes.get().benutzt
    assert not zugangscodes.is_valid(befragung=survey, code=code)
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert code not in logged and code.replace("-", "") not in logged
    assert "Wiesenau" not in logged


def test_the_index_lists_running_surveys_with_their_languages(client, survey):
    BefragungFactory(status=Befragung.Status.ENTWURF, titel={"de": "Geheimer Entwurf"})
    BefragungFactory(status=Befragung.Status.BEENDET, titel={"de": "Alte Befragung"})
    html = client.get(reverse("befragung:index")).content.decode()
    assert "Leben im Quartier" in html and "Geheimer Entwurf" not in html
    assert "Alte Befragung" not in html
    assert (
        f'href="/befragung/{survey.slug}/?sprache=ar" lang="ar" dir="rtl" hreflang="ar">العربية'
        in html
    )
    assert "Zurzeit läuft keine Befragung." not in html


def test_the_index_has_an_empty_state(client):
    html = client.get(reverse("befragung:index")).content.decode()
    assert "Zurzeit läuft keine Befragung." in html


@pytest.mark.parametrize("anzahl", [3, 30])
def test_the_index_query_count_does_not_grow(client, django_assert_max_num_queries, anzahl):
    BefragungFactory.create_batch(anzahl)
    with django_assert_max_num_queries(3):
        assert client.get(reverse("befragung:index")).status_code == 200


def add_rueckmeldungen(survey, anzahl):
    Rueckmeldung.objects.bulk_create(
        [RueckmeldungFactory.build(befragung=survey) for _i in range(anzahl)]
    )


@pytest.mark.parametrize("anzahl", [10, 1000])
def test_form_and_submission_query_counts_do_not_grow_with_rueckmeldungen(
    client, survey, django_assert_max_num_queries, anzahl
):
    add_rueckmeldungen(survey, anzahl)
    target, data = url(survey), steps(survey)
    with django_assert_max_num_queries(7):
        response = client.get(target)
    for step in data[:3]:
        response = weiter(client, target, response, step)
    with django_assert_max_num_queries(12):
        response = weiter(client, target, response, data[3])
    assert response.status_code == 302


def test_the_rate_limit_follows_the_setting(client, survey, settings):
    settings.BEFRAGUNG_RATE_LIMIT = 2
    for _i in range(2):
        assert complete(client, survey).status_code == 302
    assert complete(client, survey).status_code == 429
    settings.BEFRAGUNG_RATE_LIMIT = 3
    assert complete(client, survey).status_code == 302
    assert stored() == 3
