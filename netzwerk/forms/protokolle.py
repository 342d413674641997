"""The Protokoll form and its Aufgaben rows (an inline formset that works without JavaScript)."""

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.forms import DateInput

from ..models import Aufgabe, Mitgliedschaft, Person, Protokoll

EXTRA_ROWS = 1
MAX_ROWS = 50


class ProtokollForm(forms.ModelForm):
    class Meta:
        model = Protokoll
        fields = ["text", "beschluesse"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 10}),
            "beschluesse": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "text": _("Was wurde besprochen? Stichpunkte genügen."),
            "beschluesse": _("Ein Beschluss je Zeile."),
        }


def person_choices(termin, current_ids=()):
    """The responsible-person select: the Gremium's members first, then all other contacts.

    Built once per page so that the rows of the formset share one query.
    """
    persons = Person.objects.active().only("pk", "name")
    if current_ids:
        persons = Person.objects.filter(pk__in=current_ids).only("pk", "name") | persons
    member_ids = set()
    if termin.gremium_id:
        member_ids = set(
            Mitgliedschaft.objects.current()
            .filter(gremium=termin.gremium_id)
            .values_list("person", flat=True)
        )
    members, others = [], []
    for person in persons.order_by("name", "pk"):
        (members if person.pk in member_ids else others).append((person.pk, person.name))
    choices = [("", _("Bitte wählen"))]
    if members:
        choices.append((_("Mitglieder des Gremiums"), members))
    if others:
        choices.append((_("Weitere Personen") if members else _("Personen"), others))
    return choices


class AufgabeForm(forms.ModelForm):
    class Meta:
        model = Aufgabe
        fields = ["beschreibung", "verantwortlich", "faellig_am"]
        widgets = {"faellig_am": DateInput}
        error_messages = {
            "beschreibung": {"required": _("Bitte beschreiben Sie die Aufgabe.")},
            "verantwortlich": {
                "required": _("Bitte wählen Sie, wer die Aufgabe übernimmt."),
                "invalid_choice": _("Bitte wählen Sie eine Person aus der Liste."),
            },
            "faellig_am": {
                "invalid": _("Bitte geben Sie ein gültiges Datum ein, zum Beispiel 01.03.2025.")
            },
        }


class BaseAufgabeFormSet(BaseInlineFormSet):
    def __init__(self, *args, termin, **kwargs):
        super().__init__(*args, **kwargs)
        current = [f.instance.verantwortlich_id for f in self.forms if f.instance.pk]
        choices = person_choices(termin, current)
        queryset = Person.objects.filter(pk__in=current) | Person.objects.active()
        for form in self.forms:
            field = form.fields["verantwortlich"]
            field.queryset = queryset
            field.choices = choices

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Aufgabe entfernen")


AufgabeFormSet = inlineformset_factory(
    Protokoll,
    Aufgabe,
    form=AufgabeForm,
    formset=BaseAufgabeFormSet,
    extra=EXTRA_ROWS,
    can_delete=True,
    max_num=MAX_ROWS,
    validate_max=True,
)


def with_one_more_row(data, prefix):
    """A copy of the POSTed data with one more blank Aufgaben row ("Weitere Aufgabe")."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, 0))
    except ValueError:
        total = 0
    data[key] = str(min(total + 1, MAX_ROWS))
    return data
