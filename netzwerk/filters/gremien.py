"""Filters of the Gremien list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.filters import FilterSet
from quartiere.filters import QuartierChoiceFilter, QuartierField, QuartierInput
from quartiere.models import Handlungsfeld, Quartier

from ..models import Gremium

STADTWEIT = "stadtweit"
AKTIV_CHOICES = [("ja", _("aktive")), ("nein", _("nicht mehr aktive"))]


class GremiumQuartierInput(QuartierInput):
    def format_value(self, value):
        return STADTWEIT if value == STADTWEIT else super().format_value(value)


class GremiumQuartierField(QuartierField):
    """A Quartier typed by name, or „stadtweit“ for the Gremien without one."""

    widget = GremiumQuartierInput

    def to_python(self, value):
        if str(value).strip().lower() == STADTWEIT:
            return STADTWEIT
        return super().to_python(value)


class GremiumQuartierFilter(QuartierChoiceFilter):
    field_class = GremiumQuartierField


class GremiumFilter(FilterSet):
    q = django_filters.CharFilter(
        label=_("Suche (Name)"), field_name="name", lookup_expr="icontains"
    )
    art = django_filters.ChoiceFilter(
        label=_("Art"), choices=Gremium.Art.choices, empty_label=_("alle Arten")
    )
    # Typed, not a <select> of every Quartier (which grows with the city); links use the slug.
    quartier = GremiumQuartierFilter(
        label=_("Quartier"),
        help_text=_("Name des Quartiers oder „stadtweit“"),
        queryset=Quartier.objects.order_by("name"),
        to_field_name="slug",
        method="filter_quartier",
    )
    handlungsfeld = django_filters.ModelChoiceFilter(
        field_name="handlungsfelder",
        label=_("Handlungsfeld"),
        queryset=Handlungsfeld.objects.order_by("position", "name"),
        empty_label=_("alle Handlungsfelder"),
    )
    aktiv = django_filters.ChoiceFilter(
        label=_("Status"), choices=AKTIV_CHOICES, empty_label=_("alle"), method="filter_aktiv"
    )

    class Meta:
        model = Gremium
        fields = ["q", "art", "quartier", "handlungsfeld", "aktiv"]

    def __init__(self, data=None, *args, **kwargs):
        # The list opens with the active Gremien; "alle" sends an empty value and shows all.
        if data is not None and "aktiv" not in data:
            data = data.copy()
            data["aktiv"] = "ja"
        super().__init__(data, *args, **kwargs)

    def filter_quartier(self, queryset, name, value):
        if value == STADTWEIT:
            return queryset.filter(quartier__isnull=True)
        return queryset.filter(quartier=value)

    def filter_aktiv(self, queryset, name, value):
        return queryset.filter(aktiv=(value == "ja"))
