from django.contrib import admin

from .models import (
    Akteur,
    Angebot,
    Anmeldung,
    Aufgabe,
    Einladung,
    Erinnerung,
    Fortbildung,
    Gremium,
    Mitgliedschaft,
    Ort,
    Person,
    Protokoll,
    Supervision,
    Tagesordnungspunkt,
    Teilnahme,
    Termin,
)


@admin.register(Akteur)
class AkteurAdmin(admin.ModelAdmin):
    list_display = ["name", "art", "aktiv"]
    list_filter = ["art", "aktiv", "quartiere"]
    search_fields = ["name"]
    filter_horizontal = ["quartiere"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "akteur", "einwilligung_am", "geloescht_am"]
    list_filter = ["akteur__art"]
    list_select_related = ["akteur"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["akteur", "user"]
    readonly_fields = ["kalender_token", "geloescht_am"]


class MitgliedschaftInline(admin.TabularInline):
    model = Mitgliedschaft
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Gremium)
class GremiumAdmin(admin.ModelAdmin):
    list_display = ["name", "art", "quartier", "aktiv"]
    list_filter = ["art", "aktiv", "quartier"]
    list_select_related = ["quartier"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    inlines = [MitgliedschaftInline]


@admin.register(Ort)
class OrtAdmin(admin.ModelAdmin):
    list_display = ["name", "strasse", "quartier", "barrierefrei"]
    list_filter = ["barrierefrei"]
    search_fields = ["name", "strasse"]


class TagesordnungspunktInline(admin.TabularInline):
    model = Tagesordnungspunkt
    extra = 0


class EinladungInline(admin.TabularInline):
    model = Einladung
    extra = 0
    autocomplete_fields = ["person"]
    readonly_fields = [
        "sent_sequence",
        "sent_at",
        "sending_started_at",
        "send_error",
        "beantwortet_am",
    ]
    exclude = ["rsvp_token"]  # a secret; the Fachstelle renews it on the Einladungen page


@admin.register(Termin)
class TerminAdmin(admin.ModelAdmin):
    list_display = ["titel", "beginn", "status", "gremium", "oeffentlich", "sequence"]
    list_filter = ["status", "oeffentlich"]
    list_select_related = ["gremium"]
    search_fields = ["titel"]
    date_hierarchy = "beginn"
    autocomplete_fields = ["ort", "gremium"]
    readonly_fields = ["uid", "sequence"]
    inlines = [TagesordnungspunktInline, EinladungInline]


@admin.register(Einladung)
class EinladungAdmin(admin.ModelAdmin):
    list_display = ["termin", "person", "antwort", "sent_sequence", "sent_at", "sending_started_at"]
    list_filter = ["antwort", ("sending_started_at", admin.EmptyFieldListFilter)]
    list_select_related = ["termin", "person"]
    search_fields = ["person__name", "termin__titel"]
    autocomplete_fields = ["termin", "person"]
    readonly_fields = ["sent_sequence", "sent_at", "sending_started_at", "send_error"]
    exclude = ["rsvp_token"]


@admin.register(Erinnerung)
class ErinnerungAdmin(admin.ModelAdmin):
    list_display = ["einladung", "offset_minuten", "created_at", "sent_at", "sending_started_at"]
    list_filter = [("sending_started_at", admin.EmptyFieldListFilter)]
    list_select_related = ["einladung__termin", "einladung__person"]


@admin.register(Teilnahme)
class TeilnahmeAdmin(admin.ModelAdmin):
    list_display = ["termin", "person"]
    list_select_related = ["termin", "person"]
    autocomplete_fields = ["termin", "person"]


class AufgabeInline(admin.TabularInline):
    model = Aufgabe
    extra = 0
    autocomplete_fields = ["verantwortlich"]


@admin.register(Protokoll)
class ProtokollAdmin(admin.ModelAdmin):
    list_display = ["termin", "freigegeben_am"]
    list_select_related = ["termin"]
    inlines = [AufgabeInline]


@admin.register(Aufgabe)
class AufgabeAdmin(admin.ModelAdmin):
    list_display = ["beschreibung", "verantwortlich", "faellig_am", "erledigt"]
    list_filter = ["erledigt"]
    list_select_related = ["verantwortlich"]
    search_fields = ["beschreibung"]


class AnmeldungInline(admin.TabularInline):
    model = Anmeldung
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Fortbildung)
class FortbildungAdmin(admin.ModelAdmin):
    list_display = ["thema", "referent", "stunden", "kapazitaet"]
    prepopulated_fields = {"slug": ["thema"]}
    search_fields = ["thema"]
    inlines = [AnmeldungInline]


@admin.register(Supervision)
class SupervisionAdmin(admin.ModelAdmin):
    list_display = ["name", "supervisor"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["mitglieder"]


@admin.register(Angebot)
class AngebotAdmin(admin.ModelAdmin):
    list_display = ["titel", "akteur", "quartier", "aktiv"]
    list_filter = ["aktiv", "quartier", "handlungsfelder", "zielgruppen"]
    list_select_related = ["akteur", "quartier"]
    search_fields = ["titel", "akteur__name"]
    autocomplete_fields = ["akteur"]
