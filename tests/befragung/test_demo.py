"""The demo surveys: every question type, all texts in six languages, ~300 plausible
answers that respect the conditions, and safe to load twice."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import Count

from befragung.demo import seed_befragung
from befragung.models import Antwort, Befragung, Frage, Rueckmeldung
from quartiere.demo import seed_geography

pytestmark = pytest.mark.django_db

LANGS = {"de", "ls", "en", "tr", "ar", "uk"}
TODAY = datetime.date(2025, 3, 15)


@pytest.fixture
def demo():
    seed_geography()
    seed_befragung(today=TODAY)
    return Befragung.objects.get(slug="lebensqualitaet-2024")


def all_texts(befragung):
    for field in Befragung.TEXT_FIELDS:
        yield f"befragung.{field}", getattr(befragung, field)
    for frage in befragung.fragen.prefetch_related("optionen", "zeilen"):
        for field in Frage.TEXT_FIELDS:
            if getattr(frage, field):
                yield f"{frage.name}.{field}", getattr(frage, field)
        for option in frage.optionen.all():
            yield f"{frage.name}.{option.name}", option.text
        for zeile in frage.zeilen.all():
            yield f"{frage.name}.{zeile.name}", zeile.text


def test_the_demo_survey_runs_openly_in_six_languages_in_all_quartiere(demo):
    assert str(demo) == "Lebensqualität in den Quartieren 2024"
    assert demo.status == Befragung.Status.LAEUFT and demo.modus == Befragung.Modus.OFFEN
    assert demo.beginn == datetime.date(2024, 9, 1) and demo.ende is None
    assert demo.is_open()
    assert set(demo.sprachen) == LANGS
    assert "Demo-Daten" in demo.beschreibung["de"]
    from quartiere.models import Quartier

    assert demo.quartiere.count() == Quartier.objects.count() > 0


def test_the_demo_has_about_15_questions_of_every_type_with_two_conditions(demo):
    fragen = list(demo.fragen.all())
    assert 14 <= len(fragen) <= 16
    assert {f.typ for f in fragen} == set(Frage.Typ.values)
    conditional = [f for f in fragen if f.bedingung_option_id]
    assert len(conditional) >= 2
    einsam = demo.fragen.get(name="einsam_hilfe")
    assert einsam.typ == Frage.Typ.MEHRFACH
    assert einsam.bedingung_option.frage.name == "einsam"
    assert einsam.bedingung_option.name == "ja"
    matrix = demo.fragen.get(typ=Frage.Typ.MATRIX)
    assert list(matrix.zeilen.values_list("name", flat=True)) == [
        "nahverkehr",
        "einkaufen",
        "treffpunkte",
        "sicherheit",
    ]
    assert matrix.optionen.count() == 4
    skala = demo.fragen.filter(typ=Frage.Typ.SKALA).first()
    assert (skala.skala_min, skala.skala_max) == (1, 5)
    assert skala.skala_links["de"] and skala.skala_rechts["ar"]
    alter = demo.fragen.get(typ=Frage.Typ.ZAHL)
    assert (alter.zahl_min, alter.zahl_max) == (14, 110)
    for frage in demo.fragen.filter(typ=Frage.Typ.JANEIN):
        assert list(frage.optionen.values_list("name", flat=True)) == ["ja", "nein"]


def test_every_demo_text_is_translated_into_all_six_languages(demo):
    missing = {
        key: LANGS - {k for k, v in texts.items() if v.strip()} for key, texts in all_texts(demo)
    }
    assert {key: langs for key, langs in missing.items() if langs} == {}
    assert not demo.missing_translations(Befragung.TEXT_FIELDS, demo.sprachen)


def test_about_300_plausible_answers_that_respect_the_conditions(demo):
    rueckmeldungen = demo.rueckmeldungen.all()
    assert rueckmeldungen.count() == 300
    assert not rueckmeldungen.filter(quartier__isnull=True).exists()
    papier = rueckmeldungen.filter(kanal=Rueckmeldung.Kanal.PAPIER).count()
    assert 15 <= papier <= 50
    sprachen = dict(rueckmeldungen.values_list("sprache").annotate(n=Count("pk")))
    assert sprachen["de"] > 150 and set(sprachen) == LANGS
    dates = rueckmeldungen.values_list("eingereicht_am", flat=True)
    assert min(dates) >= datetime.date(2024, 9, 1) and max(dates) <= TODAY
    # Conditional questions only where the condition holds.
    for frage in demo.fragen.filter(bedingung_option__isnull=False):
        answered = set(Antwort.objects.filter(frage=frage).values_list("rueckmeldung", flat=True))
        assert answered
        condition = set(
            Antwort.objects.filter(option=frage.bedingung_option).values_list(
                "rueckmeldung", flat=True
            )
        )
        assert answered <= condition
    # Every Rueckmeldung answers the required questions once; numbers stay in range.
    for frage in demo.fragen.filter(pflicht=True):
        assert Antwort.objects.filter(frage=frage).count() == 300
    alter = Antwort.objects.filter(frage__befragung=demo, frage__typ=Frage.Typ.ZAHL)
    assert all(14 <= a <= 110 for a in alter.values_list("zahl", flat=True))
    matrix = demo.fragen.get(typ=Frage.Typ.MATRIX)
    per_row = (
        Antwort.objects.filter(frage=matrix).values("rueckmeldung", "zeile").annotate(n=Count("pk"))
    )
    assert all(row["n"] == 1 for row in per_row)


def test_the_partner_survey_uses_codes_and_has_no_answers(demo):
    partner = Befragung.objects.get(slug="partnerbefragung-netzwerk-2024")
    assert str(partner) == "Partnerbefragung Netzwerkarbeit 2024"
    assert partner.modus == Befragung.Modus.ZUGANGSCODE
    assert partner.status == Befragung.Status.LAEUFT and partner.is_open()
    assert set(partner.sprachen) == {"de", "en"}
    assert partner.fragen.count() == 5
    assert not partner.rueckmeldungen.exists()
    assert "Demo-Daten" in partner.beschreibung["de"]


def test_seeding_twice_creates_nothing_more(demo):
    counts = (
        Befragung.objects.count(),
        Frage.objects.count(),
        Rueckmeldung.objects.count(),
        Antwort.objects.count(),
    )
    assert seed_befragung(today=TODAY) == {"befragungen": 0, "fragen": 0, "rueckmeldungen": 0}
    assert counts == (
        Befragung.objects.count(),
        Frage.objects.count(),
        Rueckmeldung.objects.count(),
        Antwort.objects.count(),
    )


def test_the_demo_answers_are_the_same_on_every_fresh_load():
    seed_geography()
    seed_befragung(today=TODAY)
    first = sorted(Rueckmeldung.objects.values_list("sprache", "kanal", "eingereicht_am"))
    Befragung.objects.all().delete()
    seed_befragung(today=TODAY)
    assert sorted(Rueckmeldung.objects.values_list("sprache", "kanal", "eingereicht_am")) == first


def test_seed_demo_loads_the_surveys_once(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    assert "300 Rückmeldungen" in capsys.readouterr().out
    call_command("seed_demo")
    assert "0 Befragungen, 0 Fragen, 0 Rückmeldungen" in capsys.readouterr().out
    assert Rueckmeldung.objects.count() == 300
    assert Befragung.objects.get(slug="lebensqualitaet-2024").erstellt_von.email == (
        "fachstelle@example.org"
    )
