"""Filters of the Termin list: upcoming by default, past ones on request."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.filters import FilterSet
from gwa_portal.core.forms import hide_unless_chosen
from quartiere.filters import quartier_filter

from .. import rules
from ..models import Termin

KOMMENDE, VERGANGENE = "kommende", "vergangene"
ZEITRAUM_CHOICES = [(KOMMENDE, _("kommende")), (VERGANGENE, _("vergangene"))]
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TerminFilter(FilterSet):
    zeitraum = django_filters.ChoiceFilter(
        label=_("Zeitraum"),
        choices=ZEITRAUM_CHOICES,
        empty_label=_("alle"),
        method="filter_zeitraum",
    )
    von = django_filters.DateFilter(
        label=_("ab Datum"), field_name="ende", lookup_expr="date__gte", widget=DATE_WIDGET
    )
    bis = django_filters.DateFilter(
        label=_("bis Datum"), field_name="beginn", lookup_expr="date__lte", widget=DATE_WIDGET
    )
    # A select of all Gremien grows with the network: search by name; ?gremium=<slug> from the
    # Gremium page is shown (with the chosen one only) when set.
    gremium_name = django_filters.CharFilter(
        label=_("Gremium (Name enthält)"), field_name="gremium__name", lookup_expr="icontains"
    )
    gremium = django_filters.ModelChoiceFilter(
        label=_("Gremium"),
        queryset=None,
        to_field_name="slug",
        empty_label=_("alle Gremien"),
    )
    quartier = quartier_filter(method="filter_quartier")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Termin.Status.choices, empty_label=_("alle Status")
    )
    oeffentlich = django_filters.ChoiceFilter(
        label=_("Sichtbarkeit"),
        choices=[("ja", _("öffentlich")), ("nein", _("nur intern"))],
        empty_label=_("alle"),
        method="filter_oeffentlich",
    )

    class Meta:
        model = Termin
        fields = [
            "zeitraum",
            "von",
            "bis",
            "gremium_name",
            "gremium",
            "quartier",
            "status",
            "oeffentlich",
        ]

    def __init__(self, data=None, *args, user, **kwargs):
        if data is not None and "zeitraum" not in data:
            data = data.copy()
            data["zeitraum"] = KOMMENDE
        super().__init__(data, *args, **kwargs)
        # Partners must not learn the names of Gremien they are not in.
        self.filters["gremium"].queryset = rules.visible_gremien(user).order_by("name")
        hide_unless_chosen(self, "gremium")

    @property
    def qs(self):
        queryset = super().qs
        if not queryset.query.order_by:
            queryset = queryset.order_by("beginn", "pk")
        return queryset

    def filter_zeitraum(self, queryset, name, value):
        if value == VERGANGENE:
            return queryset.past()
        return queryset.upcoming()

    def filter_quartier(self, queryset, name, value):
        return queryset.for_quartier(value)

    def filter_oeffentlich(self, queryset, name, value):
        return queryset.filter(oeffentlich=(value == "ja"))
