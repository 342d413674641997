"""Filters of the Kennzahl list and its CSV export."""

import django_filters
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.filters import FilterSet

from ..models import Kennzahl, Merkmal
from . import quartier_filter


class KennzahlFilter(FilterSet):
    quartier = quartier_filter()
    merkmal = django_filters.ChoiceFilter(
        label=_("Merkmal"), choices=Merkmal.choices, empty_label=_("alle Merkmale")
    )
    jahr = django_filters.NumberFilter(label=_("Jahr"))

    class Meta:
        model = Kennzahl
        fields = ["quartier", "merkmal", "jahr"]
