"""Filters of the Quartiere overview; the coordinator and Bedarf filters are for internal users only."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.filters import FilterSet
from gwa_portal.core.forms import hide_unless_chosen

from ..models import Koordination, Quartier, Stadtteil

INTERNAL_ONLY = ("koordination_name", "koordination", "ohne_koordination", "offene_bedarfe")


def current_koordinator_innen(request=None):
    """Users who coordinate at least one Quartier today (a callable, so "today" is the request's)."""
    return (
        get_user_model()
        .objects.filter(koordinationen__in=Koordination.objects.current())
        .distinct()
        .order_by("name")
    )


class QuartierFilter(FilterSet):
    # Links use the Stadtteil's slug (?stadtteil=wiesenau), like the Quartier links of other lists.
    stadtteil = django_filters.ModelChoiceFilter(
        label=_("Stadtteil"),
        queryset=Stadtteil.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("alle Stadtteile"),
    )
    typologie = django_filters.ChoiceFilter(
        label=_("Typologie"),
        choices=Quartier.Typologie.choices,
        empty_label=_("alle Typologien"),
    )
    # A select of every coordinator would grow with the staff: search by name; ?koordination=<pk>
    # from links is shown (with the chosen one only) when set.
    koordination_name = django_filters.CharFilter(
        label=_("Koordinator:in (Name enthält)"), method="filter_koordination_name"
    )
    koordination = django_filters.ModelChoiceFilter(
        label=_("Koordinator:in"),
        queryset=current_koordinator_innen,
        empty_label=_("alle Koordinator:innen"),
        method="filter_koordination",
    )
    ohne_koordination = django_filters.BooleanFilter(
        label=_("nur Quartiere ohne Koordination"),
        widget=forms.CheckboxInput,
        method="filter_ohne_koordination",
    )
    offene_bedarfe = django_filters.BooleanFilter(
        label=_("nur Quartiere mit offenen Bedarfen"),
        widget=forms.CheckboxInput,
        method="filter_offene_bedarfe",
    )

    class Meta:
        model = Quartier
        fields = [
            "stadtteil",
            "typologie",
            "koordination_name",
            "koordination",
            "ohne_koordination",
            "offene_bedarfe",
        ]

    def __init__(self, data=None, *args, internal=False, **kwargs):
        super().__init__(data, *args, **kwargs)
        if not internal:
            # Who coordinates where is internal unless a Quartier publishes it; so is every Bedarf.
            for name in INTERNAL_ONLY:
                del self.filters[name]
        else:
            hide_unless_chosen(self, "koordination")

    def filter_koordination(self, queryset, name, user):
        return queryset.filter(pk__in=Quartier.objects.coordinated_by(user).values("pk"))

    def filter_koordination_name(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        koordinationen = Koordination.objects.current().filter(user__name__icontains=value)
        return queryset.filter(pk__in=koordinationen.values("quartier"))

    def filter_ohne_koordination(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.exclude(pk__in=Koordination.objects.current().values("quartier"))

    def filter_offene_bedarfe(self, queryset, name, value):
        if not value:
            return queryset
        if "has_open_bedarfe" not in queryset.query.annotations:
            queryset = queryset.with_open_bedarfe()
        return queryset.filter(has_open_bedarfe=True)
