"""Saving a Sachstandsbericht as a Berichtsfassung, and reading its tables back for export.

The tables keep their cell types through JSON: dates and decimals are tagged, so an archived
CSV or XLSX is byte for byte what the live export gave on the day it was saved.
"""

import datetime
from decimal import Decimal

import django_filters
from django.db import transaction
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import bericht as domain
from .models import Berichtsfassung

DATE = "datum"
DECIMAL = "dezimal"


def _encode(value):
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, datetime.date):
        return {DATE: value.isoformat()}
    if isinstance(value, Decimal):
        return {DECIMAL: str(value)}
    return value


def _decode(value):
    if isinstance(value, dict):
        if DATE in value:
            return datetime.date.fromisoformat(value[DATE])
        if DECIMAL in value:
            return Decimal(value[DECIMAL])
    return value


def encode_tabellen(tabellen):
    return [
        {
            "titel": str(t.titel),
            "kopf": [_encode(v) for v in t.kopf],
            "zeilen": [[_encode(v) for v in zeile] for zeile in t.zeilen],
        }
        for t in tabellen
    ]


def decode_tabellen(data):
    return [
        domain.Tabelle(
            t["titel"],
            [_decode(v) for v in t["kopf"]],
            [[_decode(v) for v in zeile] for zeile in t["zeilen"]],
        )
        for t in data
    ]


@transaction.atomic
def fassung_speichern(*, bericht, titel, anlass, inhalt_html, by):
    """Freeze `bericht` (already rendered to `inhalt_html`) as a new Berichtsfassung."""
    fassung = Berichtsfassung.objects.create(
        titel=titel,
        anlass=anlass,
        von=bericht.von,
        bis=bericht.bis,
        quartiere_text=domain.quartiere_text(bericht.quartiere),
        erstellt_am=bericht.erstellt_am,
        erstellt_von=by,
        inhalt_html=inhalt_html,
        tabellen=encode_tabellen(domain.tabellen(bericht)),
    )
    fassung.quartiere.set(bericht.quartiere)
    return fassung


class BerichtsfassungFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Suche (Titel oder Anlass)"), method="search")
    jahr = django_filters.NumberFilter(
        label=_("Berichtsjahr"),
        method="in_year",
        min_value=2000,
        max_value=2100,
        help_text=_("Fassungen, deren Zeitraum dieses Jahr berührt."),
    )

    class Meta:
        model = Berichtsfassung
        fields = ["q", "jahr"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(titel__icontains=value) | Q(anlass__icontains=value))

    def in_year(self, queryset, name, value):
        year = int(value)
        return queryset.filter(von__year__lte=year, bis__year__gte=year)
