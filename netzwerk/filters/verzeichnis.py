"""Filters of the Akteur:innen and Personen lists."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.filters import FilterSet
from gwa_portal.core.forms import hide_unless_chosen
from quartiere.filters import quartier_filter

from ..models import Akteur, Person

YES_NO = [("ja", _("ja")), ("nein", _("nein"))]

# The Person list hides erased Personen unless the filter asks for them.
OHNE_GELOESCHTE = "nein"


class AkteurFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Suche (Name)"), method="search")
    art = django_filters.ChoiceFilter(
        label=_("Art"), choices=Akteur.Art.choices, empty_label=_("alle Arten")
    )
    quartier = quartier_filter("quartiere")
    aktiv = django_filters.ChoiceFilter(
        label=_("aktiv"), choices=YES_NO, empty_label=_("alle"), method="filter_aktiv"
    )

    class Meta:
        model = Akteur
        fields = ["q", "art", "quartier", "aktiv"]

    def search(self, queryset, name, value):
        return queryset.filter(name__icontains=value)

    def filter_aktiv(self, queryset, name, value):
        return queryset.filter(aktiv=(value == "ja"))


class PersonFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Suche (Name oder E-Mail)"), method="search")
    # A select of all Akteur:innen would grow with the directory: search by name instead.
    akteur_name = django_filters.CharFilter(
        label=_("Akteur:in (Name enthält)"), field_name="akteur__name", lookup_expr="icontains"
    )
    # ?akteur=<pk> from links; shown (with the chosen one only) when set.
    akteur = django_filters.ModelChoiceFilter(
        label=_("Akteur:in"),
        queryset=Akteur.objects.order_by("name"),
        empty_label=_("alle Akteur:innen"),
    )
    art = django_filters.ChoiceFilter(
        field_name="akteur__art",
        label=_("Art der Akteur:in"),
        choices=Akteur.Art.choices,
        empty_label=_("alle Arten"),
    )
    quartier = quartier_filter("akteur__quartiere")
    einwilligung = django_filters.ChoiceFilter(
        label=_("Einwilligung liegt vor"),
        choices=YES_NO,
        empty_label=_("alle"),
        method="filter_einwilligung",
    )
    geloescht = django_filters.ChoiceFilter(
        label=_("Gelöschte Personen"),
        choices=[(OHNE_GELOESCHTE, _("ausblenden")), ("ja", _("nur gelöschte"))],
        empty_label=_("auch gelöschte zeigen"),
        method="filter_geloescht",
    )

    class Meta:
        model = Person
        fields = ["q", "akteur_name", "akteur", "art", "quartier", "einwilligung", "geloescht"]

    def __init__(self, data=None, *args, **kwargs):
        # Opened without a choice, the list hides erased Personen; the empty choice shows all.
        if data is not None and "geloescht" not in data:
            data = data.copy()
            data["geloescht"] = OHNE_GELOESCHTE
        super().__init__(data, *args, **kwargs)
        hide_unless_chosen(self, "akteur")

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(email__icontains=value))

    def filter_einwilligung(self, queryset, name, value):
        return queryset.filter(einwilligung_am__isnull=(value == "nein"))

    def filter_geloescht(self, queryset, name, value):
        if value == OHNE_GELOESCHTE:
            return queryset.active()
        return queryset.filter(geloescht_am__isnull=False)
