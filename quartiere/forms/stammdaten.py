"""Forms for the master data the Fachstelle keeps: Stadtteile, Quartiere and the taxonomies."""

import json
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.forms import suggest_slug

from .. import geo
from ..geo import validate_grenze
from ..models import Handlungsfeld, Quartier, Stadtteil, Zielgruppe

MAX_GRENZE_BYTES = 1024 * 1024
GRENZE_EXTENSIONS = (".geojson", ".json")

SLUG_HELP = _(
    "Teil der Adresse, z. B. „alte-mitte“: Kleinbuchstaben, Ziffern, Bindestriche. "
    "Leer lassen, um ihn aus dem Namen zu bilden."
)
SLUG_INVALID = _("Bitte verwenden Sie nur Kleinbuchstaben, Ziffern und Bindestriche.")


class SlugFromNameMixin:
    """An empty Kurzname is made from the name, then checked like a typed one."""

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("name") and "slug" not in self.errors:
            cleaned["slug"] = suggest_slug(cleaned["name"])
            if not cleaned["slug"]:
                self.add_error(
                    "slug", _("Bitte geben Sie einen Kurznamen aus Buchstaben oder Ziffern ein.")
                )
        return cleaned


class StadtteilForm(SlugFromNameMixin, forms.ModelForm):
    class Meta:
        model = Stadtteil
        fields = [
            "name",
            "slug",
            "art",
            "einwohner",
            "einwohner_stand",
            "einwohner_geschaetzt",
            "beschreibung",
        ]
        widgets = {"beschreibung": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "slug": SLUG_HELP,
            "einwohner_stand": _("Zum Beispiel „31.12.2023“."),
        }
        error_messages = {
            "name": {
                "required": _("Bitte geben Sie den Namen des Stadtteils ein."),
                "unique": _("Es gibt schon einen Stadtteil mit diesem Namen."),
            },
            "slug": {
                "unique": _("Es gibt schon einen Stadtteil mit diesem Kurznamen."),
                "invalid": SLUG_INVALID,
            },
            "art": {"required": _("Bitte wählen Sie die Art des Stadtteils.")},
            "einwohner": {
                "invalid": _("Bitte geben Sie die Einwohnerzahl als ganze Zahl an."),
                "min_value": _("Die Einwohnerzahl darf nicht negativ sein."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False


GRENZE_HELP = _(
    "GeoJSON-Polygon oder -MultiPolygon in WGS84. Achtung: GeoJSON nennt zuerst die Länge, dann "
    "die Breite – für Langenhagen also etwa [9.74, 52.44], nicht [52.44, 9.74]. Eine "
    "FeatureCollection mit genau einer Fläche wird ebenfalls angenommen. Leer lassen, wenn das "
    "Quartier (noch) keine Grenze hat."
)


class QuartierForm(SlugFromNameMixin, forms.ModelForm):
    # A text field instead of the model's JSONField, for readable errors with line and column.
    grenze = forms.CharField(
        label=_("Grenze (GeoJSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=GRENZE_HELP,
    )
    grenze_datei = forms.FileField(
        label=_("Grenze als Datei hochladen"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".geojson,.json,application/geo+json"}),
        help_text=_(
            "Eine .geojson- oder .json-Datei, höchstens 1 MB. Eine hochgeladene Datei ersetzt den "
            "Text im Feld „Grenze (GeoJSON)“."
        ),
        error_messages={"empty": _("Die Datei ist leer.")},
    )

    field_order = [
        "name",
        "slug",
        "stadtteil",
        "typologie",
        "beschreibung",
        "schwerpunkte",
        "kontakt_oeffentlich",
        "koordination_oeffentlich",
        "grenze",
        "grenze_datei",
        "grenze_vereinfacht",
    ]

    class Meta:
        model = Quartier
        fields = [
            "name",
            "slug",
            "stadtteil",
            "typologie",
            "beschreibung",
            "schwerpunkte",
            "kontakt_oeffentlich",
            "koordination_oeffentlich",
            "grenze",
            "grenze_vereinfacht",
        ]
        widgets = {
            "beschreibung": forms.Textarea(attrs={"rows": 4}),
            "schwerpunkte": forms.Textarea(attrs={"rows": 3}),
            "kontakt_oeffentlich": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"slug": SLUG_HELP}
        error_messages = {
            "name": {
                "required": _("Bitte geben Sie den Namen des Quartiers ein."),
                "unique": _("Es gibt schon ein Quartier mit diesem Namen."),
            },
            "slug": {
                "unique": _("Es gibt schon ein Quartier mit diesem Kurznamen."),
                "invalid": SLUG_INVALID,
            },
            "stadtteil": {
                "required": _("Bitte wählen Sie einen Stadtteil."),
                "invalid_choice": _("Bitte wählen Sie einen Stadtteil aus der Liste."),
            },
            "typologie": {"required": _("Bitte wählen Sie eine Typologie.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        if self.instance.grenze:
            self.initial["grenze"] = json.dumps(self.instance.grenze, indent=2, ensure_ascii=False)

    def clean_grenze_datei(self):
        datei = self.cleaned_data.get("grenze_datei")
        if not datei:
            return None
        if Path(datei.name).suffix.lower() not in GRENZE_EXTENSIONS:
            raise ValidationError(_("Bitte laden Sie eine .geojson- oder .json-Datei hoch."))
        if datei.size > MAX_GRENZE_BYTES:
            raise ValidationError(_("Die Datei ist größer als 1 MB."))
        try:
            return datei.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("Die Datei ist nicht in UTF-8 gespeichert.")) from None

    def clean(self):
        cleaned = super().clean()
        source = "grenze_datei" if cleaned.get("grenze_datei") else "grenze"
        text = (cleaned.get(source) or "").strip()
        # On any error the stored boundary stays as it was (the instance is not touched).
        cleaned.pop("grenze", None)
        if source in self.errors:
            return cleaned
        try:
            cleaned["grenze"] = parse_grenze(text)
        except ValidationError as error:
            self.add_error(source, error)
        return cleaned


def parse_grenze(text):
    """GeoJSON text -> the geometry to store (None when empty); ValidationError in German."""
    if not text:
        return None
    try:
        value = geo.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            _("Die Grenze ist kein gültiges JSON (Zeile %(line)s, Spalte %(column)s).")
            % {"line": error.lineno, "column": error.colno}
        ) from None
    if isinstance(value, dict) and value.get("type") == "FeatureCollection":
        features = value.get("features")
        if not isinstance(features, list) or not features:
            raise ValidationError(_("Die FeatureCollection enthält keine Fläche."))
        if len(features) > 1:
            raise ValidationError(
                _(
                    "Die FeatureCollection enthält %(n)s Features. Bitte geben Sie genau eine Fläche "
                    "an; mehrere Teilflächen fassen Sie zu einem MultiPolygon zusammen."
                )
                % {"n": len(features)}
            )
        value = features[0]
    if isinstance(value, dict) and value.get("type") == "Feature":
        # Only the geometry matters for the map; properties from GIS tools are not kept.
        value = value.get("geometry")
        if not isinstance(value, dict):
            raise ValidationError(_("Das Feature enthält keine Geometrie."))
    validate_grenze(value)
    return value


class TaxonomieForm(forms.ModelForm):
    class Meta:
        fields = ["name", "beschreibung", "position", "aktiv"]
        widgets = {"beschreibung": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {"required": _("Bitte geben Sie einen Namen ein.")},
            "position": {
                "invalid": _("Bitte geben Sie die Reihenfolge als ganze Zahl an."),
                "min_value": _("Die Reihenfolge darf nicht negativ sein."),
            },
        }


class HandlungsfeldForm(TaxonomieForm):
    class Meta(TaxonomieForm.Meta):
        model = Handlungsfeld
        error_messages = {
            **TaxonomieForm.Meta.error_messages,
            "name": {
                "required": _("Bitte geben Sie einen Namen ein."),
                "unique": _("Es gibt schon ein Handlungsfeld mit diesem Namen."),
            },
        }


class ZielgruppeForm(TaxonomieForm):
    class Meta(TaxonomieForm.Meta):
        model = Zielgruppe
        error_messages = {
            **TaxonomieForm.Meta.error_messages,
            "name": {
                "required": _("Bitte geben Sie einen Namen ein."),
                "unique": _("Es gibt schon eine Zielgruppe mit diesem Namen."),
            },
        }
