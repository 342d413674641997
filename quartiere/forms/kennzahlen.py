"""Forms for single Kennzahlen and for the CSV upload."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.csv_import import MAX_BYTES

from ..kennzahlen_csv import parse_kennzahlen_csv
from ..models import Kennzahl

YEAR_RANGE = _("Das Jahr muss zwischen 1990 und 2100 liegen.")


class KennzahlForm(forms.ModelForm):
    # The model's constraints (one value per Quartier, Merkmal and year; percentages up to 100)
    # are checked by ModelForm validation and shown with the model's German messages.
    wert = forms.DecimalField(
        label=_("Wert"),
        localize=True,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Zum Beispiel 1234 oder 12,5. Anteile in Prozent: höchstens 100."),
        error_messages={
            "required": _("Bitte geben Sie den Wert an."),
            "invalid": _("Bitte geben Sie eine Zahl an, zum Beispiel 1234 oder 12,5."),
            "min_value": _("Der Wert darf nicht negativ sein."),
            "max_decimal_places": _("Bitte höchstens zwei Nachkommastellen angeben."),
            "max_digits": _("Der Wert ist zu groß."),
            "max_whole_digits": _("Der Wert ist zu groß."),
        },
    )

    class Meta:
        model = Kennzahl
        fields = ["quartier", "merkmal", "jahr", "wert", "quelle"]
        error_messages = {
            "quartier": {
                "required": _("Bitte wählen Sie ein Quartier."),
                "invalid_choice": _("Bitte wählen Sie ein Quartier aus der Liste."),
            },
            "merkmal": {
                "required": _("Bitte wählen Sie ein Merkmal."),
                "invalid_choice": _("Bitte wählen Sie ein Merkmal aus der Liste."),
            },
            "jahr": {
                "required": _("Bitte geben Sie das Jahr an."),
                "invalid": _("Bitte geben Sie das Jahr als Zahl an, zum Beispiel 2024."),
                "min_value": YEAR_RANGE,
                "max_value": YEAR_RANGE,
            },
        }


class KennzahlImportForm(forms.Form):
    datei = forms.FileField(
        label=_("CSV-Datei"),
        help_text=_(
            "Spalten: quartier;jahr;merkmal;wert;quelle – getrennt durch Semikolon oder Komma, "
            "in UTF-8, höchstens 2 MB und 20.000 Zeilen."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "required": _("Bitte wählen Sie eine CSV-Datei aus."),
            "empty": _("Die Datei ist leer."),
            "invalid": _("Bitte wählen Sie eine CSV-Datei aus."),
        },
    )

    def clean_datei(self):
        datei = self.cleaned_data["datei"]
        if datei.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Die Datei ist größer als 2 MB. Bitte teilen Sie sie in mehrere Dateien auf.")
            )
        # Row errors are shown in the preview; only a file that cannot be read is an error here.
        self.result = parse_kennzahlen_csv(datei)
        if self.result.file_errors:
            raise forms.ValidationError(self.result.file_errors)
        return datei
