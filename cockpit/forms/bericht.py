"""The Sachstandsbericht's choice of period and Quartiere; the form page, the print view and
the CSV/XLSX exports share it (all by GET, so a report has a bookmarkable address)."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.forms import DateInput
from quartiere.models import Quartier

from ..bericht import MAX_JAHRE

DATUM_ERROR = _("Bitte geben Sie ein gültiges Datum ein, z. B. 31.12.2024.")


def _years_later(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class BerichtForm(forms.Form):
    von = forms.DateField(
        label=_("Zeitraum von"),
        widget=DateInput,
        error_messages={
            "required": _("Bitte geben Sie den ersten Tag des Zeitraums an."),
            "invalid": DATUM_ERROR,
        },
    )
    bis = forms.DateField(
        label=_("Zeitraum bis"),
        widget=DateInput,
        help_text=_("Der Tag zählt mit."),
        error_messages={
            "required": _("Bitte geben Sie den letzten Tag des Zeitraums an."),
            "invalid": DATUM_ERROR,
        },
    )
    quartiere = forms.ModelMultipleChoiceField(
        label=_("Quartiere"),
        queryset=Quartier.objects.order_by("name"),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Ohne Auswahl: alle Quartiere, einschließlich stadtweiter Gremien, Fortbildungen "
            "und Befragungen."
        ),
        error_messages={"invalid_choice": _("Bitte wählen Sie Quartiere aus der Liste.")},
    )

    def clean(self):
        data = super().clean()
        von, bis = data.get("von"), data.get("bis")
        if von and bis:
            if bis < von:
                self.add_error("bis", _("Das Ende darf nicht vor dem Beginn liegen."))
            elif bis >= _years_later(von, MAX_JAHRE):
                self.add_error(
                    "bis",
                    _("Der Zeitraum darf höchstens %(n)s Jahre umfassen.") % {"n": MAX_JAHRE},
                )
        return data

    def selection(self):
        """The keyword arguments of `bericht.sachstandsbericht()` (call after is_valid())."""
        data = self.cleaned_data
        return {"von": data["von"], "bis": data["bis"], "quartiere": list(data["quartiere"])}


def presets(today, years=4):
    """Whole calendar years for quick links: this year (up to today) and the years before."""
    result = []
    for year in range(today.year, today.year - years, -1):
        result.append(
            (
                _("Jahr %(jahr)s") % {"jahr": year},
                datetime.date(year, 1, 1),
                datetime.date(year, 12, 31),
            )
        )
    return result
