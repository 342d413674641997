"""Forms of the Fortbildungen: the course, a Termin in a few fields, and attendance."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.forms import DateInput, StundenField, suggest_slug

from ..models import Anmeldung, Fortbildung, Ort, Termin

# Paths next to /fortbildungen/<slug>/ that a slug must not shadow.
RESERVED_SLUGS = {"neu", "meine", "nachweis"}
CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"})


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class FortbildungForm(forms.ModelForm):
    class Meta:
        model = Fortbildung
        fields = [
            "thema",
            "slug",
            "referent",
            "beschreibung",
            "stunden",
            "kapazitaet",
            "anmeldeschluss",
        ]
        field_classes = {"stunden": StundenField}
        widgets = {
            "beschreibung": forms.Textarea(attrs={"rows": 5}),
            "anmeldeschluss": DateInput,
            "stunden": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        }
        help_texts = {
            "slug": _("Teil der Adresse, z. B. „moderation-2025“. Leer lassen: aus dem Thema."),
        }
        error_messages = {
            "thema": {"required": _("Bitte geben Sie das Thema ein.")},
            "slug": {
                "unique": _("Diesen Kurznamen hat schon eine andere Fortbildung."),
                "invalid": _("Bitte nur Kleinbuchstaben, Ziffern und Bindestriche verwenden."),
            },
            "stunden": {
                "required": _("Bitte geben Sie die Fortbildungsstunden an."),
                "invalid": _("Bitte geben Sie eine Zahl ein, zum Beispiel 6 oder 7,5."),
                "min_value": _("Bitte geben Sie mindestens 0,25 Stunden an."),
                "max_value": _("Bitte geben Sie höchstens 200 Stunden an."),
            },
            "kapazitaet": {
                "required": _("Bitte geben Sie die Zahl der Plätze an."),
                "invalid": _("Bitte geben Sie eine ganze Zahl ein."),
                "min_value": _("Es muss mindestens einen Platz geben."),
                "max_value": _("Bitte geben Sie höchstens 500 Plätze an."),
            },
            "anmeldeschluss": {
                "invalid": _("Bitte geben Sie ein gültiges Datum ein, zum Beispiel 01.03.2025.")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("thema") and "slug" not in self.errors:
            cleaned["slug"] = suggest_slug(cleaned["thema"])
            if not cleaned["slug"]:
                self.add_error(
                    "slug", _("Bitte geben Sie einen Kurznamen aus Buchstaben oder Ziffern ein.")
                )
            elif (
                Fortbildung.objects.filter(slug=cleaned["slug"])
                .exclude(pk=self.instance.pk)
                .exists()
            ):
                self.add_error("slug", _("Diesen Kurznamen hat schon eine andere Fortbildung."))
        if cleaned.get("slug") in RESERVED_SLUGS:
            self.add_error(
                "slug", _("Dieser Kurzname ist reserviert. Bitte wählen Sie einen anderen.")
            )
        return cleaned


class TerminKurzForm(forms.Form):
    """A Termin in four fields: day, start, end and place. It has no description on purpose:
    Supervision stores no content."""

    datum = forms.DateField(
        label=_("Datum"),
        widget=DateInput,
        error_messages={
            "required": _("Bitte geben Sie das Datum ein."),
            "invalid": _("Bitte geben Sie ein gültiges Datum ein, zum Beispiel 01.03.2025."),
        },
    )
    beginn = forms.TimeField(
        label=_("Beginn"),
        widget=TimeInput,
        error_messages={
            "required": _("Bitte geben Sie die Uhrzeit des Beginns ein."),
            "invalid": _("Bitte geben Sie eine Uhrzeit ein, zum Beispiel 09:30."),
        },
    )
    ende = forms.TimeField(
        label=_("Ende"),
        widget=TimeInput,
        error_messages={
            "required": _("Bitte geben Sie die Uhrzeit des Endes ein."),
            "invalid": _("Bitte geben Sie eine Uhrzeit ein, zum Beispiel 16:00."),
        },
    )
    ort = forms.CharField(
        label=_("Ort"),
        max_length=200,
        required=False,
        help_text=_("Name des Ortes, z. B. „Rathaus, Raum 112“."),
    )

    def clean(self):
        cleaned = super().clean()
        beginn, ende = cleaned.get("beginn"), cleaned.get("ende")
        if beginn and ende and ende <= beginn:
            self.add_error("ende", _("Das Ende muss nach dem Beginn liegen."))
        return cleaned

    def save(self, *, titel, organisator, **rahmen):
        data = self.cleaned_data

        def aware(time):
            return timezone.make_aware(datetime.datetime.combine(data["datum"], time))

        ort = None
        if data["ort"].strip():
            ort, _created = Ort.objects.get_or_create(name=data["ort"].strip())
        return Termin.objects.create(
            titel=titel,
            beginn=aware(data["beginn"]),
            ende=aware(data["ende"]),
            ort=ort,
            organisator=organisator,
            **rahmen,
        )


class TeilnahmeForm(forms.Form):
    """Who took part: one checkbox per registration that holds a place."""

    anwesend = forms.ModelMultipleChoiceField(
        label=_("Teilgenommen haben"),
        queryset=Anmeldung.objects.none(),
        widget=CHECKBOXES,
        required=False,
        error_messages={"invalid_choice": _("Bitte wählen Sie nur Personen aus der Liste.")},
    )

    def __init__(self, *args, fortbildung, **kwargs):
        super().__init__(*args, **kwargs)
        holders = (
            fortbildung.anmeldungen.filter(
                status__in=[Anmeldung.Status.ANGEMELDET, Anmeldung.Status.TEILGENOMMEN]
            )
            .select_related("user")
            .order_by("user__name", "pk")
        )
        field = self.fields["anwesend"]
        field.queryset = holders
        field.label_from_instance = lambda a: a.user.name or a.user.email
        if not self.is_bound:
            self.initial["anwesend"] = [
                a.pk for a in holders if a.status == Anmeldung.Status.TEILGENOMMEN
            ]
