"""Filters of the Kennzahl list and its CSV export."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ..models import Kennzahl, Merkmal, Quartier


class KennzahlFilter(django_filters.FilterSet):
    # Links use the Quartier's slug (?quartier=wiesenau), like the other lists.
    quartier = django_filters.ModelChoiceFilter(
        label=_("Quartier"),
        queryset=Quartier.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("alle Quartiere"),
    )
    merkmal = django_filters.ChoiceFilter(
        label=_("Merkmal"), choices=Merkmal.choices, empty_label=_("alle Merkmale")
    )
    jahr = django_filters.NumberFilter(label=_("Jahr"))

    class Meta:
        model = Kennzahl
        fields = ["quartier", "merkmal", "jahr"]
