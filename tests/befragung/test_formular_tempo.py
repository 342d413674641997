"""Issue 16, survey submission: the survey's structure is cached per process and rebuilt after
every edit, a submission costs a bounded number of queries, and the rate limit and the
send-once mark cost one cache round trip on Redis."""

import re

import pytest
import redis
from django.test import Client, RequestFactory
from django.urls import reverse

from befragung import baukasten, freigabe, rate_limit, struktur
from befragung.forms import felder
from befragung.forms.antworten import field_name
from befragung.models import Befragung, Frage, WartendeRueckmeldung
from gwa_portal.core.models import Role

from ..factories import AntwortoptionFactory, BefragungFactory, FrageFactory
from ..redis_server import RedisServer

pytestmark = pytest.mark.django_db
STAND = re.compile(r'name="stand" value="([^"]+)"')


@pytest.fixture(autouse=True)
def empty_structure_cache():
    struktur.clear()
    yield
    struktur.clear()


def make_survey(**kwargs):
    befragung = BefragungFactory(**kwargs)
    frage = FrageFactory(befragung=befragung, typ=Frage.Typ.EINFACH, pflicht=True, position=1)
    frage.ja = AntwortoptionFactory(frage=frage, text={"de": "Ja", "en": "Yes"}, position=1)
    AntwortoptionFactory(frage=frage, text={"de": "Nein", "en": "No"}, position=2)
    zweite = FrageFactory(befragung=befragung, typ=Frage.Typ.TEXT, position=2)
    befragung.fragen_liste = [frage, zweite]
    return befragung


def form_url(befragung, sprache="de"):
    return reverse("befragung:formular", kwargs={"slug": befragung.slug}) + f"?sprache={sprache}"


def preview_url(befragung):
    return reverse("befragung:vorschau", kwargs={"slug": befragung.slug, "sprache": "de"})


def submit_once(client, befragung):
    page = client.get(form_url(befragung))
    frage = befragung.fragen_liste[0]
    body = {"stand": STAND.search(page.content.decode()).group(1)}
    body[field_name(frage)] = str(frage.ja.pk)
    return client.post(form_url(befragung), body)


def test_the_second_page_view_reads_no_questions(django_assert_num_queries):
    befragung = make_survey()
    client = Client()
    client.get(form_url(befragung))
    with django_assert_num_queries(1):  # the Befragung (with the structure's stand)
        response = client.get(form_url(befragung))
    assert "Ja" in response.content.decode()


def test_a_submission_costs_at_most_three_queries(django_assert_max_num_queries):
    befragung = make_survey()
    client = Client()
    page = client.get(form_url(befragung))
    frage = befragung.fragen_liste[0]
    body = {"stand": STAND.search(page.content.decode()).group(1)}
    body[field_name(frage)] = str(frage.ja.pk)
    # The Befragung, then holding the answers and counting what waits (one statement on
    # PostgreSQL, two elsewhere); no batch is due yet.
    with django_assert_max_num_queries(3):
        response = client.post(form_url(befragung), body)
    assert response.status_code == 302
    assert WartendeRueckmeldung.objects.filter(befragung=befragung).count() == 1


def test_a_translation_added_while_the_survey_runs_shows_at_once():
    befragung = make_survey()
    client = Client()
    assert "Endlich" not in client.get(form_url(befragung, "en")).content.decode()
    frage = befragung.fragen_liste[0]
    texts = baukasten.texts_of(befragung, struktur.load_fragen(befragung))
    key = next(t.key for t in texts if t.obj.pk == frage.ja.pk and t.field == "text")
    baukasten.save_translations(texts=texts, sprache="en", values={key: "Endlich"})
    assert "Endlich" in client.get(form_url(befragung, "en")).content.decode()


def test_a_question_changed_in_the_draft_shows_in_the_preview_at_once(client_as):
    befragung = make_survey(status=Befragung.Status.ENTWURF)
    client = client_as(Role.FACHSTELLE)
    first, second = befragung.fragen_liste
    html = client.get(preview_url(befragung)).content.decode()
    assert "Vielleicht" not in html
    assert html.index(first.text["de"]) < html.index(second.text["de"])

    first.text = {"de": "Neue Frage?"}
    baukasten.save_frage(frage=first, optionen=["Ja", "Vielleicht"])
    html = client.get(preview_url(befragung)).content.decode()
    assert "Neue Frage?" in html and "Vielleicht" in html and "Nein" not in html

    baukasten.move_frage(frage=second, richtung="hoch")
    html = client.get(preview_url(befragung)).content.decode()
    assert html.index(second.text["de"]) < html.index("Neue Frage?")

    baukasten.delete_frage(frage=second)
    assert second.text["de"] not in client.get(preview_url(befragung)).content.decode()


def test_a_survey_fetched_without_its_stand_is_never_served_from_the_cache(
    django_assert_num_queries,
):
    befragung = make_survey()
    struktur.fragen(struktur.mit_stand(Befragung.objects).get(pk=befragung.pk))
    plain = Befragung.objects.get(pk=befragung.pk)
    with django_assert_num_queries(3):  # questions, options, rows
        struktur.fragen(plain)


# --- rate limit and send-once mark ---


def test_hit_and_claim_counts_refuses_and_claims_once(settings):
    settings.BEFRAGUNG_RATE_LIMIT = 2
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.7")

    def once(key):
        return rate_limit.hit_and_claim(request, "s", claim_key=key, claim_timeout=60)

    assert once("a") == rate_limit.CLAIMED
    assert once("a") == rate_limit.SENT_ALREADY  # the same questionnaire again
    assert once("b") == rate_limit.OVER_LIMIT  # the third hit
    assert once("b") == rate_limit.OVER_LIMIT  # the refused one was taken back, not claimed
    settings.BEFRAGUNG_RATE_LIMIT = 3
    assert once("b") == rate_limit.CLAIMED


@pytest.fixture
def own_redis(settings):
    server = RedisServer()
    server.start()
    settings.CACHES = {
        "default": {"BACKEND": "gwa_portal.core.cache.ResilientRedisCache", "LOCATION": server.url}
    }
    yield server
    server.kill()


def test_the_rate_limit_and_the_send_once_mark_are_one_redis_round_trip(own_redis, monkeypatch):
    befragung = make_survey()
    client = Client()
    assert submit_once(client, befragung).status_code == 302  # loads the script
    commands = []
    original = redis.Redis.execute_command

    def counting(self, *args, **options):
        commands.append(args[0])
        return original(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counting)
    page = client.get(form_url(befragung))
    assert commands == []  # showing the form touches no cache
    frage = befragung.fragen_liste[0]
    body = {"stand": STAND.search(page.content.decode()).group(1)}
    body[field_name(frage)] = str(frage.ja.pk)
    assert client.post(form_url(befragung), body).status_code == 302
    assert commands == ["EVALSHA"]
    assert WartendeRueckmeldung.objects.filter(befragung=befragung).count() == 2
    # Sent again (the back button): the mark holds, nothing more is stored.
    assert client.post(form_url(befragung), body).status_code == 302
    assert WartendeRueckmeldung.objects.filter(befragung=befragung).count() == 2


def test_the_rate_limit_holds_through_the_script(own_redis, settings):
    settings.BEFRAGUNG_RATE_LIMIT = 1
    befragung = make_survey()
    client = Client()
    assert submit_once(client, befragung).status_code == 302
    assert submit_once(client, befragung).status_code == 429
    assert WartendeRueckmeldung.objects.filter(befragung=befragung).count() == 1


def test_the_submission_that_releases_a_batch_reads_no_structure(
    django_assert_max_num_queries, settings
):
    settings.BEFRAGUNG_RATE_LIMIT = 100
    befragung = make_survey(mindestgruppe=5)
    client = Client()
    for _ in range(freigabe.REQUEST_BATCH * 5 - 1):
        assert submit_once(client, befragung).status_code == 302
    page = client.get(form_url(befragung))
    frage = befragung.fragen_liste[0]
    body = {"stand": STAND.search(page.content.decode()).group(1)}
    body[field_name(frage)] = str(frage.ja.pk)
    # The Befragung, hold + count, then the batch: lock the waiting rows, INSERT the
    # Rückmeldungen, INSERT the Antworten, DELETE the held rows (plus savepoint handling).
    with django_assert_max_num_queries(9) as captured:
        assert client.post(form_url(befragung), body).status_code == 302
    # Only the first query (the Befragung's stand) reads the questions' table.
    assert not any('FROM "befragung_frage"' in q["sql"] for q in captured.captured_queries)
    assert WartendeRueckmeldung.objects.filter(befragung=befragung).count() == 5


# --- the form's fields, built once per structure stand and language ---


def test_a_submission_binds_to_fields_built_once_per_stand_and_language(monkeypatch):
    befragung = make_survey()
    built = []
    original = felder.build_fields

    def counting(frage, sprache, quartiere=None):
        built.append((frage.pk, sprache))
        return original(frage, sprache, quartiere)

    monkeypatch.setattr(felder, "build_fields", counting)
    client = Client()
    assert submit_once(client, befragung).status_code == 302
    assert len(built) == 2  # both questions, once
    assert submit_once(client, befragung).status_code == 302
    assert submit_once(client, befragung).status_code == 302
    assert len(built) == 2  # the next submissions build no field
    client.get(form_url(befragung, "en"))
    assert sorted(s for _pk, s in built) == ["de", "de", "en", "en"]  # per language

    frage = befragung.fragen_liste[0]
    frage.text = {"de": "Geänderte Frage?"}
    baukasten.save_frage(frage=frage, optionen=["Ja", "Nein"])
    assert "Geänderte Frage?" in client.get(form_url(befragung)).content.decode()
    assert len(built) == 6  # a new stand: built anew


def test_shared_fields_are_not_changed_by_a_page_with_errors():
    befragung = make_survey()
    client = Client()
    page = client.get(form_url(befragung))
    stand = STAND.search(page.content.decode()).group(1)
    invalid = client.post(form_url(befragung), {"stand": stand})
    assert invalid.status_code == 400
    assert "kern-form-input--error" in invalid.content.decode() or "aria-invalid" in (
        invalid.content.decode()
    )
    fresh = client.get(form_url(befragung)).content.decode()
    assert "aria-invalid" not in fresh and "--error" not in fresh


def test_the_public_form_reads_no_draft_and_no_unknown_slug():
    draft = make_survey(status=Befragung.Status.ENTWURF)
    assert struktur.oeffentlich(draft.slug) is None
    assert struktur.oeffentlich("gibt-es-nicht") is None
    running = make_survey(
        titel={"de": "Wie gefällt Ihnen der Platz?", "en": "Do you like the square?"},
        sprachen=["en"],
    )
    found = struktur.oeffentlich(running.slug)
    by_orm = struktur.mit_stand(Befragung.objects).get(pk=running.pk)
    for field in Befragung._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(by_orm, field.attname), field.name
    assert found.titel["en"] == "Do you like the square?" and found.all_sprachen == ["de", "en"]
    assert struktur.stand(found) == struktur.stand(by_orm) != ""
    assert not found._state.adding
    assert Client().get(form_url(draft)).status_code == 404
