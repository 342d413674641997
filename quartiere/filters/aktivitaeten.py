"""Filters of the activity list; the CSV export applies the same ones."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.filters import FilterSet
from gwa_portal.core.forms import DATE_ERRORS, DateInput, hide_unless_chosen

from ..models import Aktivitaet, Handlungsfeld, Zielgruppe
from . import quartier_filter

# The list filter keeps its own example date; its fields are optional, so "required" never shows.
FILTER_DATE_ERRORS = DATE_ERRORS | {
    "invalid": _("Bitte geben Sie ein gültiges Datum ein, z. B. 14.05.2025.")
}


def authors():
    """Users who have logged at least one Aktivität (whatever their role today)."""
    User = get_user_model()
    return User.objects.filter(Exists(Aktivitaet.objects.filter(autor=OuterRef("pk")))).order_by(
        "name", "email"
    )


class AuthorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name or obj.email


class AuthorChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = AuthorChoiceField


class AktivitaetFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        von, bis = cleaned.get("von"), cleaned.get("bis")
        if von and bis and bis < von:
            self.add_error("bis", _("„bis“ darf nicht vor „von“ liegen."))
        return cleaned


class AktivitaetFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Suchbegriff"), method="search")
    von = django_filters.DateFilter(
        label=_("von"),
        field_name="datum",
        lookup_expr="gte",
        widget=DateInput,
        error_messages=FILTER_DATE_ERRORS,
    )
    bis = django_filters.DateFilter(
        label=_("bis"),
        field_name="datum",
        lookup_expr="lte",
        widget=DateInput,
        error_messages=FILTER_DATE_ERRORS,
    )
    quartier = quartier_filter()
    art = django_filters.ChoiceFilter(
        label=_("Art"), choices=Aktivitaet.Art.choices, empty_label=_("alle Arten")
    )
    handlungsfeld = django_filters.ModelChoiceFilter(
        label=_("Handlungsfeld"),
        field_name="handlungsfelder",
        queryset=Handlungsfeld.objects.order_by("position", "name"),
        empty_label=_("alle Handlungsfelder"),
    )
    zielgruppe = django_filters.ModelChoiceFilter(
        label=_("Zielgruppe"),
        field_name="zielgruppen",
        queryset=Zielgruppe.objects.order_by("position", "name"),
        empty_label=_("alle Zielgruppen"),
    )
    # A select of every author would grow with the staff: search by name; ?autor=<pk> from links
    # is shown (with the chosen one only) when set.
    autor_name = django_filters.CharFilter(
        label=_("erfasst von (Name enthält)"), method="search_autor"
    )
    autor = AuthorChoiceFilter(
        label=_("erfasst von"), queryset=lambda request: authors(), empty_label=_("alle Personen")
    )

    class Meta:
        model = Aktivitaet
        fields = []
        form = AktivitaetFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hide_unless_chosen(self, "autor")

    def search_autor(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(autor__name__icontains=value) | Q(autor__email__icontains=value))

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(kurzbeschreibung__icontains=value) | Q(ergebnis__icontains=value))
