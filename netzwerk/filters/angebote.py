"""Filters of the Angebot list; the "aktiv" choice is for internal users only."""

import django_filters
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.filters import FilterSet
from gwa_portal.core.forms import hide_unless_chosen
from quartiere.filters import quartier_filter
from quartiere.models import Handlungsfeld, Zielgruppe

from ..models import Akteur, Angebot


class AngebotFilter(FilterSet):
    quartier = quartier_filter()
    handlungsfeld = django_filters.ModelChoiceFilter(
        field_name="handlungsfelder",
        label=_("Handlungsfeld"),
        queryset=Handlungsfeld.objects.order_by("position", "name"),
        empty_label=_("alle Handlungsfelder"),
    )
    zielgruppe = django_filters.ModelChoiceFilter(
        field_name="zielgruppen",
        label=_("Zielgruppe"),
        queryset=Zielgruppe.objects.order_by("position", "name"),
        empty_label=_("alle Zielgruppen"),
    )
    # A select of every Anbieter:in would grow with the directory: search by name; ?akteur=<pk>
    # from links is shown (with the chosen one only) when set.
    akteur_name = django_filters.CharFilter(
        label=_("Anbieter:in (Name enthält)"),
        field_name="akteur__name",
        lookup_expr="icontains",
    )
    akteur = django_filters.ModelChoiceFilter(
        label=_("Anbieter:in"),
        queryset=Akteur.objects.none(),
        empty_label=_("alle Anbieter:innen"),
    )
    sprache = django_filters.CharFilter(
        field_name="sprachen", lookup_expr="icontains", label=_("Sprache")
    )
    aktiv = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("ja", _("aktiv")), ("nein", _("nicht aktiv"))],
        empty_label=_("alle"),
        method="filter_aktiv",
    )

    class Meta:
        model = Angebot
        fields = [
            "quartier",
            "handlungsfeld",
            "zielgruppe",
            "akteur_name",
            "akteur",
            "sprache",
            "aktiv",
        ]

    def __init__(self, data=None, *args, internal=False, **kwargs):
        super().__init__(data, *args, **kwargs)
        # Offer only Akteur:innen that have an Angebot this user can see.
        self.filters["akteur"].queryset = (
            Akteur.objects.filter(angebote__in=self.queryset).distinct().order_by("name")
        )
        hide_unless_chosen(self, "akteur")
        if not internal:
            # The public sees active Angebote only, so there is nothing to choose.
            del self.filters["aktiv"]

    def filter_aktiv(self, queryset, name, value):
        return queryset.filter(aktiv=(value == "ja"))
