"""Invariants of the survey models, above all that answers cannot be tied to people or codes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from befragung.models import Antwort, Befragung, Rueckmeldung, Zugangscode
from befragung.models.texte import validate_texte
from befragung.models.zugang import hash_code

from ..factories import (
    AntwortFactory,
    AntwortoptionFactory,
    BefragungFactory,
    FrageFactory,
    RueckmeldungFactory,
    ZugangscodeFactory,
)

pytestmark = pytest.mark.django_db


def field_names(model):
    return {f.name for f in model._meta.get_fields()}


def test_answers_hold_no_user_no_ip_no_code_and_no_time_of_day():
    for model in (Rueckmeldung, Antwort):
        names = field_names(model)
        assert not names & {"user", "ip", "ip_address", "zugangscode", "created_at", "updated_at"}
        for field in model._meta.concrete_fields:
            assert field.get_internal_type() != "DateTimeField", (model, field.name)
    assert Rueckmeldung._meta.pk.get_internal_type() == "UUIDField"
    assert Antwort._meta.pk.get_internal_type() == "UUIDField"


def test_access_codes_have_no_timestamps_and_store_only_a_hash():
    names = field_names(Zugangscode)
    assert not names & {"used_at", "updated_at", "created_at", "code"}
    code = ZugangscodeFactory(code="abcd-efgh")
    assert code.code_hash == hash_code(code.befragung_id, "ABCDEFGH")
    assert "ABCD" not in code.code_hash


def test_the_same_code_hashes_differently_per_survey():
    assert hash_code(1, "ABCD") != hash_code(2, "ABCD")


def test_period_must_not_end_before_it_begins():
    with pytest.raises(IntegrityError), transaction.atomic():
        BefragungFactory(beginn=datetime.date(2024, 5, 1), ende=datetime.date(2024, 4, 1))


def test_running_means_status_and_period():
    today = datetime.date(2024, 6, 1)
    running = BefragungFactory(beginn=datetime.date(2024, 5, 1), ende=datetime.date(2024, 7, 1))
    BefragungFactory(status=Befragung.Status.ENTWURF)
    BefragungFactory(beginn=datetime.date(2024, 7, 1))
    assert list(Befragung.objects.running(today=today)) == [running]
    assert running.is_open(today=today)


def test_texts_need_german_and_known_languages():
    validate_texte({"de": "Wie geht es Ihnen?", "ar": "كيف حالك؟"})
    with pytest.raises(ValidationError):
        validate_texte({"en": "How are you?"})
    with pytest.raises(ValidationError):
        validate_texte({"de": "Hallo", "xx": "?"})


def test_translated_text_falls_back_to_german():
    frage = FrageFactory(text={"de": "Wie alt sind Sie?", "en": "How old are you?"})
    assert frage.t("text", "en") == "How old are you?"
    assert frage.t("text", "tr") == "Wie alt sind Sie?"
    assert frage.missing_translations(["text"], ["de", "en", "tr"]) == {"tr": ["text"]}


def test_an_answer_must_carry_a_value():
    frage = FrageFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AntwortFactory(frage=frage, rueckmeldung=RueckmeldungFactory(befragung=frage.befragung))
    AntwortFactory(frage=frage, option=AntwortoptionFactory(frage=frage))
