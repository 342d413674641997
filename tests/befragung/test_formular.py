"""The answer form built from a survey's questions, conditions, languages, and `submit`."""

import datetime

import pytest
from django.utils.datastructures import MultiValueDict

from befragung import zugangscodes
from befragung.antworten import CodeUngueltig, submit
from befragung.forms.antworten import AnswerForm, field_name
from befragung.models import Antwort, Befragung, Frage, Rueckmeldung
from quartiere.models import Quartier

from ..factories import (
    AntwortoptionFactory,
    BefragungFactory,
    FrageFactory,
    QuartierFactory,
    befragung_mit_allen_fragetypen,
)
from .holding import freigeben, stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    QuartierFactory(name="Wiesenau")
    return befragung_mit_allen_fragetypen()


def name(survey, key, zeile=None):
    frage = survey.testfragen[key]
    if zeile is not None:
        return field_name(frage, frage.zeilen.get(name=zeile))
    return field_name(frage)


def option(survey, key, option_name):
    return str(survey.testfragen[key].optionen.get(name=option_name).pk)


def test_each_question_type_gets_its_widget_and_choices(survey):
    form = AnswerForm(survey, "de")
    widgets = {
        key: type(form.fields[name(survey, key)].widget).__name__
        for key in survey.testfragen
        if key != "aussagen"
    }
    assert widgets == {
        "verkehrsmittel": "RadioSelect",
        "rad_wunsch": "Textarea",
        "angebote": "CheckboxSelectMultiple",
        "zufriedenheit": "RadioSelect",
        "alter": "NumberInput",
        "wohnort": "Select",
        "ehrenamt": "RadioSelect",
        "bereich": "RadioSelect",
    }
    skala = form.fields[name(survey, "zufriedenheit")]
    assert [label for _v, label in skala.choices] == [
        "1 – gar nicht zufrieden",
        "2",
        "3",
        "4",
        "5 – sehr zufrieden",
    ]
    matrix_rows = [form.fields[name(survey, "aussagen", z)] for z in ("sicher", "sauber")]
    assert [f.label for f in matrix_rows] == ["Ich fühle mich sicher.", "Die Straßen sind sauber."]
    assert [label for _v, label in matrix_rows[0].choices] == [
        "stimme zu",
        "teils, teils",
        "stimme nicht zu",
    ]
    alter = form[name(survey, "alter")].as_widget()
    assert 'min="0"' in alter and 'max="120"' in alter
    assert [label for _v, label in form.fields[name(survey, "wohnort")].choices] == [
        "– bitte wählen –",
        "Wiesenau",
    ]
    assert form.fields[name(survey, "rad_wunsch")].widget.attrs["maxlength"] == 5000


def test_a_quartier_question_offers_only_the_survey_quartiere():
    QuartierFactory(name="Anderswo")
    eigenes = QuartierFactory(name="Alte Mitte")
    befragung = BefragungFactory(quartiere=[eigenes])
    frage = FrageFactory(befragung=befragung, typ=Frage.Typ.QUARTIER)
    form = AnswerForm(befragung, "de")
    assert [label for _v, label in form.fields[field_name(frage)].choices][1:] == ["Alte Mitte"]


def test_labels_and_choices_follow_the_language(survey):
    form = AnswerForm(survey, "ar", seite=1)
    field = form.fields[name(survey, "verkehrsmittel")]
    assert field.label == "كيف تتنقل عادةً؟"
    assert [label for _v, label in field.choices][1] == "بالدراجة"


@pytest.mark.parametrize(
    ("sprache", "message"),
    [
        ("de", "Bitte beantworten Sie diese Frage."),
        ("ar", "يرجى الإجابة عن هذا السؤال."),
        ("uk", "Будь ласка, дайте відповідь на це запитання."),
        ("tr", "Lütfen bu soruyu yanıtlayın."),
    ],
)
def test_required_errors_are_in_the_chosen_language(survey, sprache, message):
    form = AnswerForm(survey, sprache, {}, seite=1)
    assert not form.is_valid()
    assert form.errors[name(survey, "verkehrsmittel")] == [message]


def test_number_and_choice_errors_are_polite_and_translated(survey):
    data = {name(survey, "alter"): "130", name(survey, "ehrenamt"): "999"}
    form = AnswerForm(survey, "ar", data, seite=3)
    assert not form.is_valid()
    assert form.errors[name(survey, "alter")] == ["يرجى إدخال عدد لا يزيد عن 120."]
    assert form.errors[name(survey, "ehrenamt")] == ["يرجى اختيار إحدى الإجابات المعروضة."]
    form = AnswerForm(survey, "en", {name(survey, "alter"): "zwölf"}, seite=3)
    form.is_valid()
    assert form.errors[name(survey, "alter")] == ["Please enter a whole number."]
    form = AnswerForm(survey, "de", {name(survey, "alter"): "-1"}, seite=3)
    form.is_valid()
    assert form.errors[name(survey, "alter")] == ["Bitte geben Sie eine Zahl ab 0 ein."]


def test_a_too_long_text_is_refused_in_the_language(survey):
    data = {
        name(survey, "verkehrsmittel"): option(survey, "verkehrsmittel", "rad"),
        name(survey, "rad_wunsch"): "x" * 5001,
    }
    form = AnswerForm(survey, "tr", data, seite=1)
    assert not form.is_valid()
    assert form.errors[name(survey, "rad_wunsch")] == ["Lütfen en fazla 5000 karakter yazın."]


def test_a_condition_on_the_same_step_makes_the_question_required_only_when_met(survey):
    bus = {name(survey, "verkehrsmittel"): option(survey, "verkehrsmittel", "bus")}
    form = AnswerForm(survey, "de", bus, seite=1)
    assert form.is_valid(), form.errors
    rad = {name(survey, "verkehrsmittel"): option(survey, "verkehrsmittel", "rad")}
    form = AnswerForm(survey, "de", rad, seite=1)
    assert not form.is_valid()
    assert name(survey, "rad_wunsch") in form.errors


def test_a_value_sent_for_a_question_whose_condition_is_not_met_is_dropped(survey):
    data = {
        name(survey, "verkehrsmittel"): option(survey, "verkehrsmittel", "auto"),
        name(survey, "rad_wunsch"): "Mehr Radwege",
    }
    form = AnswerForm(survey, "de", data, seite=1)
    assert form.is_valid()
    assert [f.name for f in form.answers] == ["verkehrsmittel"]


def test_a_condition_answered_on_an_earlier_step_hides_the_question(survey):
    ehrenamt = survey.testfragen["ehrenamt"]
    nein = ehrenamt.optionen.get(name="nein")
    ja = ehrenamt.optionen.get(name="ja")
    hidden = AnswerForm(survey, "de", {}, seite=4, vorher={ehrenamt: nein})
    assert hidden.fragen == [] and hidden.is_valid()
    shown = AnswerForm(survey, "de", {}, seite=4, vorher={ehrenamt: ja})
    assert [f.name for f in shown.fragen] == ["bereich"]
    assert not shown.is_valid()


def test_all_steps_on_one_page_validate_conditions_server_side(survey):
    data = {
        name(survey, "verkehrsmittel"): option(survey, "verkehrsmittel", "bus"),
        name(survey, "zufriedenheit"): "4",
        name(survey, "ehrenamt"): option(survey, "ehrenamt", "nein"),
        name(survey, "bereich"): option(survey, "bereich", "umwelt"),
    }
    form = AnswerForm(survey, "de", data)
    assert form.is_valid(), form.errors
    assert sorted(f.name for f in form.answers) == ["ehrenamt", "verkehrsmittel", "zufriedenheit"]


def full_answers(survey):
    """Raw POST values answering every question of the test survey (without the Quartier)."""
    return {
        name(survey, "verkehrsmittel"): option(survey, "verkehrsmittel", "rad"),
        name(survey, "rad_wunsch"): "  Mehr Radwege  ",
        name(survey, "angebote"): [
            option(survey, "angebote", "sport"),
            option(survey, "angebote", "kultur"),
        ],
        name(survey, "zufriedenheit"): "5",
        name(survey, "aussagen", "sicher"): option(survey, "aussagen", "ja"),
        name(survey, "alter"): "67",
        name(survey, "ehrenamt"): option(survey, "ehrenamt", "ja"),
        name(survey, "bereich"): option(survey, "bereich", "sozial"),
    }


def test_submit_writes_one_rueckmeldung_with_all_answers(survey):
    wiesenau = Quartier.objects.get(name="Wiesenau")
    data = full_answers(survey)
    data[name(survey, "wohnort")] = str(wiesenau.pk)
    form = AnswerForm(
        survey,
        "ar",
        MultiValueDict({k: v if isinstance(v, list) else [v] for k, v in data.items()}),
    )
    assert form.is_valid(), form.errors
    submit(befragung=survey, sprache="ar", kanal="online", cleaned=form.answers)
    # Held until a batch is due; released on the batch's day.
    assert not Rueckmeldung.objects.exists() and stored() == 1
    assert freigeben(today=datetime.date(2024, 6, 3)) == 1
    r = Rueckmeldung.objects.get()
    assert (r.sprache, r.kanal, r.eingereicht_am, r.quartier) == (
        "ar",
        "online",
        datetime.date(2024, 6, 3),
        wiesenau,
    )
    rows = {
        (
            a.frage.name,
            a.option.name if a.option else None,
            a.zeile.name if a.zeile else None,
            a.zahl,
            a.text,
            a.quartier_id,
        )
        for a in r.antworten.select_related("frage", "option", "zeile")
    }
    assert rows == {
        ("verkehrsmittel", "rad", None, None, "", None),
        ("rad_wunsch", None, None, None, "Mehr Radwege", None),
        ("angebote", "sport", None, None, "", None),
        ("angebote", "kultur", None, None, "", None),
        ("zufriedenheit", None, None, 5, "", None),
        ("aussagen", "ja", "sicher", None, "", None),
        ("alter", None, None, 67, "", None),
        ("wohnort", None, None, None, "", wiesenau.pk),
        ("ehrenamt", "ja", None, None, "", None),
        ("bereich", "sozial", None, None, "", None),
    }


def test_submit_refuses_an_option_of_another_question_and_writes_nothing(survey):
    fremd = AntwortoptionFactory()
    with pytest.raises(ValueError):
        submit(
            befragung=survey,
            sprache="de",
            kanal="online",
            cleaned={survey.testfragen["verkehrsmittel"]: fremd},
        )
    assert stored() == 0 and Antwort.objects.count() == 0


def test_submit_uses_the_code_once_and_writes_nothing_for_a_used_code():
    befragung = BefragungFactory(modus=Befragung.Modus.ZUGANGSCODE)
    frage = FrageFactory(befragung=befragung, typ=Frage.Typ.ZAHL)
    (code,) = zugangscodes.generate(befragung=befragung, anzahl=1)
    submit(befragung=befragung, sprache="de", kanal="online", cleaned={frage: 3}, code=code)
    with pytest.raises(CodeUngueltig):
        submit(befragung=befragung, sprache="de", kanal="online", cleaned={frage: 4}, code=code)
    with pytest.raises(CodeUngueltig):
        submit(befragung=befragung, sprache="de", kanal="online", cleaned={frage: 4}, code=None)
    assert stored() == 1 and freigeben() == 1
    assert Rueckmeldung.objects.count() == 1
    assert list(Antwort.objects.values_list("zahl", flat=True)) == [3]
    assert befragung.zugangscodes.get().benutzt


def test_a_paper_questionnaire_of_a_code_survey_needs_no_code():
    befragung = BefragungFactory(modus=Befragung.Modus.ZUGANGSCODE)
    frage = FrageFactory(befragung=befragung, typ=Frage.Typ.ZAHL)
    submit(befragung=befragung, sprache="tr", kanal="papier", cleaned={frage: 3})
    assert freigeben() == 1
    r = Rueckmeldung.objects.get()
    assert r.kanal == "papier" and r.antworten.count() == 1


def test_the_rueckmeldung_stores_no_time_user_ip_or_code():
    fields = {f.name for f in Rueckmeldung._meta.get_fields()}
    assert fields == {
        "id",
        "befragung",
        "sprache",
        "kanal",
        "eingereicht_am",
        "quartier",
        "antworten",
    }
    antwort_fields = {f.name for f in Antwort._meta.concrete_fields}
    assert antwort_fields == {
        "id",
        "rueckmeldung",
        "frage",
        "zeile",
        "option",
        "zahl",
        "text",
        "quartier",
    }


def test_a_condition_on_a_matrix_option_counts_when_any_row_chose_it(survey):
    aussagen = survey.testfragen["aussagen"]
    nein = aussagen.optionen.get(name="nein")
    frage = FrageFactory(
        befragung=survey, seite=3, typ=Frage.Typ.TEXT, bedingung_option=nein, pflicht=True
    )
    sicher, sauber = aussagen.zeilen.all()
    met = AnswerForm(survey, "de", {}, seite=3, vorher={aussagen: {sicher: nein}})
    assert frage in met.fragen
    other = aussagen.optionen.get(name="ja")
    unmet = AnswerForm(survey, "de", {}, seite=3, vorher={aussagen: {sauber: other}})
    assert frage not in unmet.fragen


def test_the_error_summary_names_each_matrix_row_in_error(survey):
    survey.testfragen["aussagen"].pflicht = True
    survey.testfragen["aussagen"].save()
    form = AnswerForm(survey, "en", {}, seite=2)
    assert not form.is_valid()
    (matrix,) = [b for b in form.bloecke() if b.typ == "matrix"]
    assert [label for _a, label, _m in matrix.summary()] == [
        "How much do you agree? – I feel safe.",
        "How much do you agree? – The streets are clean.",
    ]
