"""django-filter FilterSets of the quartiere app, one module per topic."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ..models import Quartier


def chosen_quartier(filterset):
    """The Quartier a list is filtered to, or None (no choice, or the filter is invalid)."""
    return filterset.form.cleaned_data.get("quartier") if filterset.is_valid() else None


def quartier_filter(field_name="quartier"):
    """The Quartier filter of every list: links name it by slug (?quartier=wiesenau)."""
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        label=_("Quartier"),
        queryset=Quartier.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("alle Quartiere"),
    )
