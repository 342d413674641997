"""Filters of the internal list of Befragungen."""

import django_filters
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from quartiere.models import Quartier

from ..models import SPRACHEN, Befragung


class BefragungFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Befragung.Status.choices, empty_label=_("alle Status")
    )
    quartier = django_filters.ModelChoiceFilter(
        label=_("Quartier"),
        queryset=Quartier.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("alle Quartiere"),
        method="filter_quartier",
        help_text=_("Stadtweite Befragungen gehören zu jedem Quartier."),
    )
    modus = django_filters.ChoiceFilter(
        label=_("Teilnahme"), choices=Befragung.Modus.choices, empty_label=_("alle Arten")
    )
    sprache = django_filters.ChoiceFilter(
        label=_("Sprache"),
        choices=[(code, label) for code, (label, _own, _dir) in SPRACHEN.items()],
        empty_label=_("alle Sprachen"),
        method="filter_sprache",
    )

    class Meta:
        model = Befragung
        fields = ["status", "quartier", "modus", "sprache"]

    def filter_quartier(self, queryset, name, value):
        scoped = Befragung.objects.filter(Q(quartiere=value) | Q(quartiere__isnull=True))
        return queryset.filter(pk__in=scoped.values("pk"))

    def filter_sprache(self, queryset, name, value):
        if value == "de":
            return queryset
        # JSON "contains" is not available on SQLite; the list as text works on both databases.
        return queryset.annotate(sprachen_text=Cast("sprachen", TextField())).filter(
            sprachen_text__contains=f'"{value}"'
        )
