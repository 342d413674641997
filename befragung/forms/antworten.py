"""The form built from a Befragung's questions in one language (one step, or all of them).

Conditions are decided here, on the server: a question whose condition option was not chosen
is neither required nor saved, and a value sent for it anyway is dropped.
"""

from django import forms

from quartiere.models import Quartier

from .. import zugangscodes
from ..formular_texte import fehler
from ..models import Frage
from ..struktur import load_fragen
from .felder import Bauplan, build_fields, field_name


def seiten(fragen):
    """The step numbers in order (a step is the set of questions with the same `seite`)."""
    return sorted({f.seite for f in fragen})


def quartier_choices(befragung):
    """The survey's Quartiere, or all of them for a citywide survey."""
    chosen = list(befragung.quartiere.order_by("name"))
    return chosen or list(Quartier.objects.order_by("name"))


class Frageblock:
    """A question as the template shows it: its texts and its bound field(s)."""

    def __init__(self, form, frage):
        s = form.sprache
        self.frage = frage
        self.typ = frage.typ
        self.text = frage.t("text", s)
        self.hilfe = frage.t("hilfe", s)
        self.pflicht = frage.pflicht
        self.links = frage.t("skala_links", s)
        self.rechts = frage.t("skala_rechts", s)
        self.bedingung = None
        if frage.bedingung_option_id:
            option = frage.bedingung_option
            self.bedingung = (option.frage.t("text", s), option.t("text", s))
        if frage.typ == Frage.Typ.MATRIX:
            self.zeilen = [(z.t("text", s), form[field_name(frage, z)]) for z in frage.zeilen.all()]
            self.field = self.zeilen[0][1] if self.zeilen else None
        else:
            self.zeilen = []
            self.field = form[field_name(frage)]

    @property
    def errors(self):
        if self.zeilen:
            return [e for _label, f in self.zeilen for e in f.errors][:1]
        return list(self.field.errors) if self.field is not None else []

    def summary(self):
        """(anchor, label, message) for the error summary: one per matrix row in error."""
        if self.zeilen:
            return [
                (f"{f.auto_id}_0", f"{self.text} – {label}", f.errors[0])
                for label, f in self.zeilen
                if f.errors
            ]
        return [(self.anchor, self.text, self.errors[0])] if self.errors else []

    @property
    def bedingung_data(self):
        """The condition as data attributes for the script that hides the question early."""
        option = self.frage.bedingung_option
        if option is None:
            return None
        return {"name": field_name(option.frage), "wert": str(option.pk)}

    @property
    def anchor(self):
        """The id the error summary links to (the first input of a choice group)."""
        field = self.field
        if field is None:
            return ""
        if isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            return f"{field.auto_id}_0"
        return field.auto_id


class AnswerForm(forms.Form):
    """The questions of one step (`seite`), or of all steps when `seite` is None.

    `vorher` holds the cleaned answers of earlier steps ({Frage: value}); conditions whose
    question was answered there are decided from it. A question on the same step as its
    condition is shown, and validated and kept only if the condition is met.
    """

    def __init__(
        self,
        befragung,
        sprache,
        data=None,
        *,
        seite=None,
        fragen=None,
        vorher=None,
        mit_code=False,
        quartiere=None,
        plan=None,
        **kwargs,
    ):
        super().__init__(data, **kwargs)
        self.befragung = befragung
        self.sprache = sprache
        self.alle_fragen = fragen if fragen is not None else load_fragen(befragung)
        # The fields of the questions in this language (`Bauplan`): the public form passes
        # the one its structure cache keeps, shared with other requests.
        self.plan = plan or Bauplan(self.alle_fragen, sprache)
        self.vorher = vorher or {}
        on_step = [f for f in self.alle_fragen if seite is None or f.seite == seite]
        self.fragen = [f for f in on_step if self._shown(f, on_step)]
        self._quartiere = None if quartiere is None else {str(q.pk): q for q in quartiere}
        self._answers = {}
        if mit_code:
            self.fields["zugangscode"] = self.plan.code_field
        for frage in self.fragen:
            self.fields.update(self._fields_of(frage))

    def _fields_of(self, frage):
        if frage.typ != Frage.Typ.QUARTIER:
            return self.plan.fields[frage.pk]
        if self._quartiere is None:
            self._quartiere = {str(q.pk): q for q in quartier_choices(self.befragung)}
        return build_fields(frage, self.sprache, self._quartiere)

    def clean_zugangscode(self):
        code = self.cleaned_data["zugangscode"]
        if not zugangscodes.is_valid(befragung=self.befragung, code=code):
            raise forms.ValidationError(fehler(self.sprache, "code_invalid"))
        return code

    def _shown(self, frage, on_step):
        """False when the condition was answered on an earlier step and not met."""
        if not frage.bedingung_option_id:
            return True
        condition_frage = frage.bedingung_option.frage
        if any(f.pk == condition_frage.pk for f in on_step):
            return True
        return self._condition_met(frage, self.vorher)

    @staticmethod
    def _condition_met(frage, answers):
        value = next(
            (v for f, v in answers.items() if f.pk == frage.bedingung_option.frage_id), None
        )
        if value is None:
            return False
        if isinstance(value, dict):  # a matrix: the option chosen in any row counts
            chosen = list(value.values())
        else:
            chosen = value if isinstance(value, list) else [value]
        return any(getattr(o, "pk", None) == frage.bedingung_option_id for o in chosen)

    def bloecke(self):
        return [Frageblock(self, f) for f in self.fragen]

    def clean(self):
        cleaned = super().clean()
        answers = dict(self.vorher)
        # Conditions refer to earlier questions, so deciding them in position order suffices.
        for frage in self.fragen:
            names = self._names(frage)
            if frage.bedingung_option_id and not self._condition_met(frage, answers):
                for name in names:
                    self.errors.pop(name, None)
                    cleaned.pop(name, None)
                continue
            value = self._value(frage, cleaned)
            if value not in (None, "", [], {}):
                answers[frage] = value
        shown = {f.pk for f in self.fragen}
        self._answers = {f: v for f, v in answers.items() if f.pk in shown}
        return cleaned

    def _names(self, frage):
        return self.plan.names[frage.pk]

    def _value(self, frage, cleaned):
        """The answer of `frage` as model objects (see `submit`), or None."""
        typ = frage.typ
        options = self.plan.optionen[frage.pk]
        if typ == Frage.Typ.MATRIX:
            return {
                z: options[cleaned[field_name(frage, z)]]
                for z in self.plan.zeilen[frage.pk]
                if cleaned.get(field_name(frage, z))
            }
        raw = cleaned.get(field_name(frage))
        if raw in (None, "", []):
            return None
        if typ in (Frage.Typ.EINFACH, Frage.Typ.JANEIN):
            return options[raw]
        if typ == Frage.Typ.MEHRFACH:
            return [options[pk] for pk in raw]
        if typ == Frage.Typ.QUARTIER:
            return self._quartiere[raw]
        if typ == Frage.Typ.TEXT:
            return raw.strip() or None
        return raw

    @property
    def answers(self):
        """{Frage: value} of the shown, answered questions of this form (after is_valid())."""
        return self._answers
