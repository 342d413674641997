import contextlib
import json

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models

from . import geo
from .models import (
    Aktivitaet,
    Bedarf,
    Handlungsfeld,
    Kennzahl,
    Koordination,
    Massnahme,
    Quartier,
    Stadtteil,
    Zielgruppe,
)


@admin.register(Stadtteil)
class StadtteilAdmin(admin.ModelAdmin):
    list_display = ["name", "art", "einwohner"]
    list_filter = ["art"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class KoordinationInline(admin.TabularInline):
    model = Koordination
    extra = 0
    autocomplete_fields = ["user"]


class GrenzeJSONField(forms.JSONField):
    """The admin's field for `grenze`: JSON that Python's parser cannot take (too deep, a
    number too long) is a field error, not a 500."""

    def to_python(self, value):
        if isinstance(value, str):
            # Invalid JSON is reported by JSONField itself.
            with contextlib.suppress(json.JSONDecodeError):
                geo.loads(value)
        return super().to_python(value)

    def bound_data(self, data, initial):
        if isinstance(data, str):
            try:
                geo.loads(data)
            except (ValidationError, json.JSONDecodeError):
                return forms.fields.InvalidJSONInput(data)
        return super().bound_data(data, initial)


@admin.register(Quartier)
class QuartierAdmin(admin.ModelAdmin):
    formfield_overrides = {models.JSONField: {"form_class": GrenzeJSONField}}
    list_display = ["name", "stadtteil", "typologie"]
    list_filter = ["stadtteil", "typologie"]
    list_select_related = ["stadtteil"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    inlines = [KoordinationInline]


@admin.register(Koordination)
class KoordinationAdmin(admin.ModelAdmin):
    list_display = ["quartier", "user", "von", "bis"]
    list_filter = ["quartier"]
    list_select_related = ["quartier", "user"]
    autocomplete_fields = ["user", "quartier"]


@admin.register(Handlungsfeld, Zielgruppe)
class TaxonomieAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "aktiv"]
    list_editable = ["position", "aktiv"]
    list_filter = ["aktiv"]
    search_fields = ["name"]


@admin.register(Kennzahl)
class KennzahlAdmin(admin.ModelAdmin):
    list_display = ["quartier", "merkmal", "jahr", "wert", "quelle"]
    list_filter = ["merkmal", "jahr", "quartier"]
    list_select_related = ["quartier"]
    autocomplete_fields = ["quartier"]


@admin.register(Aktivitaet)
class AktivitaetAdmin(admin.ModelAdmin):
    list_display = ["datum", "quartier", "art", "kurzbeschreibung", "autor"]
    list_filter = ["art", "quartier", "handlungsfelder", "zielgruppen"]
    list_select_related = ["quartier", "autor"]
    date_hierarchy = "datum"
    search_fields = ["kurzbeschreibung", "ergebnis"]
    autocomplete_fields = ["quartier", "autor"]
    filter_horizontal = ["handlungsfelder", "zielgruppen"]


@admin.register(Bedarf)
class BedarfAdmin(admin.ModelAdmin):
    list_display = ["titel", "quartier", "handlungsfeld", "prioritaet", "status"]
    list_filter = ["status", "prioritaet", "quelle", "handlungsfeld", "quartier"]
    list_select_related = ["quartier", "handlungsfeld"]
    search_fields = ["titel", "beschreibung"]
    autocomplete_fields = ["quartier"]
    filter_horizontal = ["zielgruppen"]


@admin.register(Massnahme)
class MassnahmeAdmin(admin.ModelAdmin):
    list_display = ["titel", "status", "beginn", "ende", "oeffentlich"]
    list_filter = ["status", "oeffentlich", "quartiere"]
    search_fields = ["titel", "beschreibung"]
    filter_horizontal = ["quartiere", "bedarfe"]
