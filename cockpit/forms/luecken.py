"""The filter of the gap analysis; the matrix page, the cell page and the CSV export share it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from quartiere.models import Handlungsfeld, Quartier, Stadtteil, Zielgruppe

from ..luecken import SCHWELLE_MAX, SCHWELLE_MIN, default_schwelle

SCHWELLE_ERROR = _("Bitte geben Sie eine ganze Zahl von %(min)s bis %(max)s ein.") % {
    "min": SCHWELLE_MIN,
    "max": SCHWELLE_MAX,
}


class LueckenFilterForm(forms.Form):
    stadtteil = forms.ModelChoiceField(
        label=_("Stadtteil"),
        queryset=Stadtteil.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("alle Stadtteile"),
        error_messages={"invalid_choice": _("Bitte wählen Sie einen Stadtteil aus der Liste.")},
    )
    typologie = forms.ChoiceField(
        label=_("Typologie des Quartiers"),
        choices=[("", _("alle Typologien")), *Quartier.Typologie.choices],
        required=False,
        error_messages={"invalid_choice": _("Bitte wählen Sie eine Typologie aus der Liste.")},
    )
    handlungsfelder = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=Handlungsfeld.objects.order_by("position", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Ohne Auswahl: alle aktiven Handlungsfelder."),
        error_messages={"invalid_choice": _("Bitte wählen Sie Handlungsfelder aus der Liste.")},
    )
    zielgruppen = forms.ModelMultipleChoiceField(
        label=_("Zielgruppen"),
        queryset=Zielgruppe.objects.order_by("position", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Ohne Auswahl: alle aktiven Zielgruppen."),
        error_messages={"invalid_choice": _("Bitte wählen Sie Zielgruppen aus der Liste.")},
    )
    schwelle = forms.IntegerField(
        label=_("Schwelle für mögliche Parallelstrukturen"),
        min_value=SCHWELLE_MIN,
        max_value=SCHWELLE_MAX,
        required=False,
        help_text=_(
            "Ab so vielen aktiven Angeboten für dieselbe Zielgruppe und dasselbe Handlungsfeld "
            "in einem Quartier wird eine mögliche Parallelstruktur markiert (2 bis 10)."
        ),
        error_messages={
            "invalid": SCHWELLE_ERROR,
            "min_value": SCHWELLE_ERROR,
            "max_value": SCHWELLE_ERROR,
        },
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.fields["schwelle"].widget.attrs["placeholder"] = str(default_schwelle())

    def selection(self):
        """The keyword arguments of `luecken.matrices()` (call after is_valid())."""
        data = self.cleaned_data
        return {
            "stadtteil": data.get("stadtteil"),
            "typologie": data.get("typologie") or "",
            "handlungsfelder": list(data.get("handlungsfelder") or []),
            "zielgruppen": list(data.get("zielgruppen") or []),
            "schwelle": data.get("schwelle") or default_schwelle(),
        }
