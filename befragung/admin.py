"""Admin for the survey builder's tables. Answers (written or still waiting in the holding
table) and codes are not browsable here on purpose: answers are only shown aggregated
(minimum group size), and codes exist only as hashes."""

from django.contrib import admin

from .models import (
    Antwortoption,
    Befragung,
    BefragungBedarf,
    Befragungseinladung,
    Frage,
    Matrixzeile,
)


class FrageInline(admin.TabularInline):
    model = Frage
    extra = 0
    fields = ["position", "seite", "name", "typ", "pflicht"]
    show_change_link = True


@admin.register(Befragung)
class BefragungAdmin(admin.ModelAdmin):
    list_display = ["slug", "__str__", "status", "modus", "beginn", "ende"]
    list_filter = ["status", "modus"]
    search_fields = ["slug"]
    filter_horizontal = ["quartiere"]
    inlines = [FrageInline]


class AntwortoptionInline(admin.TabularInline):
    model = Antwortoption
    extra = 0


class MatrixzeileInline(admin.TabularInline):
    model = Matrixzeile
    extra = 0


@admin.register(Frage)
class FrageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "befragung", "typ", "pflicht"]
    list_filter = ["typ", "befragung"]
    list_select_related = ["befragung"]
    inlines = [AntwortoptionInline, MatrixzeileInline]


@admin.register(BefragungBedarf)
class BefragungBedarfAdmin(admin.ModelAdmin):
    list_display = ["befragung", "bedarf"]
    list_select_related = ["befragung", "bedarf"]


@admin.register(Befragungseinladung)
class BefragungseinladungAdmin(admin.ModelAdmin):
    list_display = ["befragung", "person", "sent_at", "reminded_at", "teilgenommen"]
    list_select_related = ["befragung", "person"]
    # The hash of an unused code is nobody's business; "teilgenommen" is set only by spending it.
    exclude = ["code_hash"]
    readonly_fields = ["teilgenommen"]
