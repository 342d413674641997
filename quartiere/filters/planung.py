"""Filters of the Bedarf and Maßnahme lists."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.filters import FilterSet

from ..models import Bedarf, Handlungsfeld, Massnahme, Zielgruppe
from . import quartier_filter

# The Bedarf list opens with the needs that still want work; "alle" shows every status.
OFFEN = "offen_oder_in_bearbeitung"
BEDARF_STATUS_CHOICES = [(OFFEN, _("offen oder in Bearbeitung")), *Bedarf.Status.choices]


class BedarfFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Suche (Titel, Beschreibung, Quelle)"), method="search")
    quartier = quartier_filter("quartier")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=BEDARF_STATUS_CHOICES,
        empty_label=_("alle Status"),
        method="filter_status",
    )
    prioritaet = django_filters.ChoiceFilter(
        label=_("Priorität"), choices=Bedarf.Prioritaet.choices, empty_label=_("alle Prioritäten")
    )
    handlungsfeld = django_filters.ModelChoiceFilter(
        label=_("Handlungsfeld"),
        queryset=Handlungsfeld.objects.all(),
        empty_label=_("alle Handlungsfelder"),
    )
    zielgruppe = django_filters.ModelChoiceFilter(
        field_name="zielgruppen",
        label=_("Zielgruppe"),
        queryset=Zielgruppe.objects.all(),
        empty_label=_("alle Zielgruppen"),
    )
    quelle = django_filters.ChoiceFilter(
        label=_("Quelle"), choices=Bedarf.Quelle.choices, empty_label=_("alle Quellen")
    )

    class Meta:
        model = Bedarf
        fields = ["q", "quartier", "status", "prioritaet", "handlungsfeld", "zielgruppe", "quelle"]

    def __init__(self, data=None, *args, **kwargs):
        # Opened without a status choice, the list shows the open Bedarfe; choosing
        # "alle Status" sends an empty value and shows all.
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = OFFEN
        super().__init__(data, *args, **kwargs)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(titel__icontains=value)
            | Q(beschreibung__icontains=value)
            | Q(quelle_hinweis__icontains=value)
        )

    def filter_status(self, queryset, name, value):
        if value == OFFEN:
            return queryset.open()
        return queryset.filter(status=value)


class MassnahmeFilter(FilterSet):
    q = django_filters.CharFilter(
        label=_("Suche (Titel, Beschreibung, verantwortlich)"), method="search"
    )
    quartier = quartier_filter("quartiere")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Massnahme.Status.choices, empty_label=_("alle Status")
    )
    oeffentlich = django_filters.ChoiceFilter(
        label=_("Sichtbarkeit"),
        choices=[("ja", _("öffentlich")), ("nein", _("nur intern"))],
        empty_label=_("alle"),
        method="filter_oeffentlich",
    )

    class Meta:
        model = Massnahme
        fields = ["q", "quartier", "status", "oeffentlich"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(titel__icontains=value)
            | Q(beschreibung__icontains=value)
            | Q(verantwortlich__icontains=value)
        )

    def filter_oeffentlich(self, queryset, name, value):
        return queryset.filter(oeffentlich=(value == "ja"))
