"""Forms of the directory: Akteur:innen, Personen (with consent), own contact data, CSV upload."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.csv_import import MAX_BYTES
from gwa_portal.core.forms import DateInput
from gwa_portal.core.models import User
from quartiere.models import Quartier

from ..akteure_csv import AKTEUR_COLUMNS, parse_akteure_csv
from ..models import Akteur, Person
from ..verzeichnis_csv import PERSON_COLUMNS, parse_personen_csv

CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"})

EMAIL_INVALID = _("Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.")
EMAIL_TAKEN = _("Es gibt schon eine Person mit dieser E-Mail-Adresse.")
CONSENT_DATE_MISSING = _(
    "Bitte geben Sie an, wann die Person eingewilligt hat. Ohne Einwilligung dürfen E-Mail und "
    "Telefon nicht gespeichert werden."
)
CONSENT_PURPOSE_MISSING = _(
    "Bitte geben Sie an, wofür die Kontaktdaten gespeichert werden. Ohne Zweck dürfen E-Mail "
    "und Telefon nicht gespeichert werden."
)
OWN_CONSENT_PURPOSE = "Kontakt im Netzwerk (selbst im Portal angegeben)"


class AkteurForm(forms.ModelForm):
    class Meta:
        model = Akteur
        fields = [
            "name",
            "art",
            "quartiere",
            "beschreibung",
            "adresse",
            "web",
            "telefon",
            "email",
            "aktiv",
        ]
        widgets = {
            "quartiere": CHECKBOXES,
            "beschreibung": forms.Textarea(attrs={"rows": 4}),
            "adresse": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {
                "required": _("Bitte geben Sie den Namen der Organisation ein."),
                "unique": _("Es gibt schon eine Akteur:in mit diesem Namen."),
            },
            "art": {
                "required": _("Bitte wählen Sie die Art der Organisation."),
                "invalid_choice": _("Bitte wählen Sie eine Art aus der Liste."),
            },
            "quartiere": {
                "invalid_choice": _("Bitte wählen Sie nur Quartiere aus der Liste."),
                "invalid_pk_value": _("Bitte wählen Sie nur Quartiere aus der Liste."),
            },
            "web": {
                "invalid": _(
                    "Bitte geben Sie eine vollständige Adresse ein, z. B. https://beispiel.de."
                )
            },
            "email": {"invalid": EMAIL_INVALID},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quartiere"].queryset = Quartier.objects.order_by("name")
        self.fields["art"].choices = [("", _("Bitte wählen")), *Akteur.Art.choices]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Akteur.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Es gibt schon eine Akteur:in mit diesem Namen."))
        return name


def _check_email(form, email):
    email = email.strip()
    if email and Person.objects.filter(email__iexact=email).exclude(pk=form.instance.pk).exists():
        raise forms.ValidationError(EMAIL_TAKEN)
    return email


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "name",
            "funktion",
            "akteur",
            "email",
            "telefon",
            "einwilligung_am",
            "einwilligung_zweck",
            "user",
        ]
        widgets = {"einwilligung_am": DateInput}
        help_texts = {
            "einwilligung_am": _(
                "Pflicht, sobald eine E-Mail-Adresse oder Telefonnummer gespeichert wird."
            ),
            "user": _(
                "Verknüpft die Person mit einem Zugang, z. B. damit Partner ihre Kontaktdaten selbst pflegen."
            ),
        }
        error_messages = {
            "name": {"required": _("Bitte geben Sie den Namen der Person ein.")},
            "email": {"invalid": EMAIL_INVALID},
            "akteur": {"invalid_choice": _("Bitte wählen Sie eine Akteur:in aus der Liste.")},
            "einwilligung_am": {
                "invalid": _("Bitte geben Sie ein gültiges Datum ein, zum Beispiel 01.03.2025.")
            },
            "user": {
                "invalid_choice": _("Bitte wählen Sie einen Zugang aus der Liste."),
                "unique": _("Dieser Zugang ist schon mit einer anderen Person verknüpft."),
            },
        }

    def __init__(self, *args, may_link_user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["akteur"].queryset = Akteur.objects.order_by("name")
        self.fields["akteur"].empty_label = _("keine")
        if may_link_user:
            taken = Person.objects.exclude(pk=self.instance.pk).filter(user__isnull=False)
            self.fields["user"].queryset = (
                User.objects.filter(is_active=True)
                .exclude(pk__in=taken.values("user"))
                .order_by("name", "email")
            )
            self.fields["user"].empty_label = _("kein Zugang")
            self.fields["user"].label_from_instance = lambda u: f"{u.name} ({u.email})"
        else:
            del self.fields["user"]

    def clean_email(self):
        return _check_email(self, self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") or cleaned.get("telefon"):
            if not cleaned.get("einwilligung_am") and "einwilligung_am" not in self.errors:
                self.add_error("einwilligung_am", CONSENT_DATE_MISSING)
            if not cleaned.get("einwilligung_zweck", "").strip():
                self.add_error("einwilligung_zweck", CONSENT_PURPOSE_MISSING)
        am = cleaned.get("einwilligung_am")
        if am and am > timezone.localdate():
            self.add_error("einwilligung_am", _("Das Datum der Einwilligung liegt in der Zukunft."))
        return cleaned


class KontaktdatenForm(forms.ModelForm):
    """A network member corrects their own Person; storing contact data needs their consent."""

    einwilligung = forms.BooleanField(
        label=_(
            "Ich bin einverstanden, dass meine E-Mail-Adresse und Telefonnummer für den Kontakt im Netzwerk gespeichert werden (Einladungen, Protokolle)."
        ),
        required=False,
    )

    class Meta:
        model = Person
        fields = ["name", "funktion", "email", "telefon"]
        error_messages = {
            "name": {"required": _("Bitte geben Sie Ihren Namen ein.")},
            "email": {"invalid": EMAIL_INVALID},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.einwilligung_am:
            del self.fields["einwilligung"]

    def clean_email(self):
        return _check_email(self, self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        needs_consent = "einwilligung" in self.fields and (
            cleaned.get("email") or cleaned.get("telefon")
        )
        if needs_consent and not cleaned.get("einwilligung"):
            self.add_error(
                "einwilligung",
                _("Bitte stimmen Sie zu – sonst können wir E-Mail und Telefon nicht speichern."),
            )
        return cleaned

    def save(self, commit=True):
        person = super().save(commit=False)
        if self.cleaned_data.get("einwilligung"):
            person.einwilligung_am = timezone.localdate()
            person.einwilligung_zweck = OWN_CONSENT_PURPOSE
        if commit:
            person.save()
        return person


class CsvImportForm(forms.Form):
    """The upload of a directory import; `parse` reads the file (row errors go to the preview)."""

    datei = forms.FileField(
        label=_("CSV-Datei"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "required": _("Bitte wählen Sie eine CSV-Datei aus."),
            "empty": _("Die Datei ist leer."),
            "invalid": _("Bitte wählen Sie eine CSV-Datei aus."),
        },
    )
    columns = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datei"].help_text = _(
            "Spalten: %(columns)s – getrennt durch Semikolon oder Komma, in UTF-8, höchstens 2 MB."
        ) % {"columns": ";".join(self.columns)}

    def parse(self, datei):
        raise NotImplementedError

    def clean_datei(self):
        datei = self.cleaned_data["datei"]
        if datei.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Die Datei ist größer als 2 MB. Bitte teilen Sie sie in mehrere Dateien auf.")
            )
        # Row errors are shown in the preview; only a file that cannot be read is an error here.
        self.result = self.parse(datei)
        if self.result.file_errors:
            raise forms.ValidationError(self.result.file_errors)
        return datei


class PersonImportForm(CsvImportForm):
    columns = PERSON_COLUMNS

    def parse(self, datei):
        return parse_personen_csv(datei)


class AkteurImportForm(CsvImportForm):
    columns = AKTEUR_COLUMNS

    def parse(self, datei):
        return parse_akteure_csv(datei)
