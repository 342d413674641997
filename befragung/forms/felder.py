"""The form fields of a survey's questions in one language, built once per structure stand.

Building a Django field (its choices, messages and widget) for every question cost more than
the rest of a submission's validation. A `Bauplan` holds the fields of all questions of a
survey in one language, and the option maps that turn a cleaned value back into model
objects; the public form keeps it with the survey's cached structure
(`struktur.abgeleitet`), so that a request only binds its data to the fields.

The fields are shared by the forms of every request of the process. Validating and rendering
read a field and never change it (Django deep-copies a form's *declared* fields only so that
a form may change them; these are nobody's declared fields): whatever a single form needs
differently is set here, once, from the question itself.
"""

from django import forms
from django.core.validators import MaxLengthValidator

from .. import struktur
from ..antworten import TEXT_MAX_LENGTH
from ..formular_texte import fehler, texte
from ..models import Frage

# The database column is a 32-bit integer: numbers without their own limits stay inside it.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1


def field_name(frage, zeile=None):
    return f"frage_{frage.pk}" if zeile is None else f"frage_{frage.pk}_{zeile.pk}"


def _never(initial):
    return False


def _messages(sprache, *keys):
    return {k: fehler(sprache, k) for k in keys}


def _option_choices(frage, sprache):
    return [(str(o.pk), o.t("text", sprache)) for o in frage.optionen.all()]


def _skala_choices(frage, sprache):
    werte = frage.skala_werte()
    links, rechts = frage.t("skala_links", sprache), frage.t("skala_rechts", sprache)
    choices = []
    for i, wert in enumerate(werte):
        label = str(wert)
        if i == 0 and links:
            label = f"{wert} – {links}"
        elif i == len(werte) - 1 and rechts:
            label = f"{wert} – {rechts}"
        choices.append((str(wert), label))
    return choices


def _zahl_field(frage, sprache, common):
    low = frage.zahl_min if frage.zahl_min is not None else INT_MIN
    high = frage.zahl_max if frage.zahl_max is not None else INT_MAX
    attrs = {"inputmode": "numeric"}
    if frage.zahl_min is not None:
        attrs["min"] = frage.zahl_min
    if frage.zahl_max is not None:
        attrs["max"] = frage.zahl_max
    return forms.IntegerField(
        min_value=low,
        max_value=high,
        widget=forms.NumberInput(attrs=attrs),
        error_messages={
            **_messages(sprache, "required", "min_value", "max_value"),
            "invalid": fehler(sprache, "invalid_number"),
        },
        **common,
    )


def build_fields(frage, sprache, quartiere=None):
    """[(name, field)] of one question in `sprache`; a Quartier question offers `quartiere`
    ({str(pk): Quartier})."""
    typ = frage.typ
    common = {"required": frage.pflicht, "label": frage.t("text", sprache)}
    choice_msgs = _messages(sprache, "required", "invalid_choice")
    if typ in (Frage.Typ.EINFACH, Frage.Typ.JANEIN):
        field = forms.ChoiceField(
            choices=_option_choices(frage, sprache),
            widget=forms.RadioSelect,
            error_messages=choice_msgs,
            **common,
        )
    elif typ == Frage.Typ.MEHRFACH:
        field = forms.MultipleChoiceField(
            choices=_option_choices(frage, sprache),
            widget=forms.CheckboxSelectMultiple,
            error_messages={**choice_msgs, "invalid_list": choice_msgs["invalid_choice"]},
            **common,
        )
    elif typ == Frage.Typ.SKALA:
        field = forms.TypedChoiceField(
            choices=_skala_choices(frage, sprache),
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            error_messages=choice_msgs,
            **common,
        )
    elif typ == Frage.Typ.MATRIX:
        choices = _option_choices(frage, sprache)
        fields = [
            (
                field_name(frage, zeile),
                forms.ChoiceField(
                    choices=choices,
                    widget=forms.RadioSelect,
                    error_messages=choice_msgs,
                    required=frage.pflicht,
                    label=zeile.t("text", sprache),
                ),
            )
            for zeile in frage.zeilen.all()
        ]
        return _conditional(frage, fields)
    elif typ == Frage.Typ.TEXT:
        field = forms.CharField(
            widget=forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX_LENGTH}),
            validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
            error_messages=_messages(sprache, "required", "max_length"),
            **common,
        )
    elif typ == Frage.Typ.ZAHL:
        field = _zahl_field(frage, sprache, common)
    elif typ == Frage.Typ.QUARTIER:
        field = forms.ChoiceField(
            choices=[("", texte(sprache)["bitte_waehlen"])]
            + [(pk, q.name) for pk, q in (quartiere or {}).items()],
            error_messages=choice_msgs,
            **common,
        )
    else:
        return []
    return _conditional(frage, [(field_name(frage), field)])


def _conditional(frage, fields):
    if frage.bedingung_option_id:
        # Required only when the condition is met: no "required" for assistive tech.
        for _name, field in fields:
            field.widget.use_required_attribute = _never
    return fields


def code_field(sprache):
    return forms.CharField(
        label=texte(sprache)["code"],
        help_text=texte(sprache)["code_hilfe"],
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": fehler(sprache, "code_required"),
            "max_length": fehler(sprache, "code_invalid"),
        },
    )


class Bauplan:
    """The fields of every question of a survey in one language, with the maps a form needs
    to validate them. A Quartier question's field is built per form (its choices are the
    Quartiere of the day, not part of the survey's structure)."""

    def __init__(self, fragen, sprache):
        self.fragen = fragen
        self.sprache = sprache
        self.code_field = code_field(sprache)
        # frage.pk → [(name, field)] (not for Quartier questions)
        self.fields = {
            f.pk: build_fields(f, sprache) for f in fragen if f.typ != Frage.Typ.QUARTIER
        }
        # frage.pk → the field names; → {str(option.pk): option}; → its rows
        self.zeilen = {f.pk: list(f.zeilen.all()) for f in fragen if f.typ == Frage.Typ.MATRIX}
        self.names = {
            f.pk: (
                [field_name(f, z) for z in self.zeilen[f.pk]]
                if f.pk in self.zeilen
                else [field_name(f)]
            )
            for f in fragen
        }
        self.optionen = {f.pk: {str(o.pk): o for o in f.optionen.all()} for f in fragen}


def bauplan(befragung, sprache):
    """The survey's Bauplan in `sprache` (its `fragen` are the survey's questions): from the
    structure cache while the stand holds that the Befragung was read with (`mit_stand`), else
    built from the questions read now."""
    return struktur.abgeleitet(befragung, ("bauplan", sprache), lambda f: Bauplan(f, sprache))
