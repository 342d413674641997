from django.contrib import admin

from .models import Koordination, Quartier, Stadtteil


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


@admin.register(Quartier)
class QuartierAdmin(admin.ModelAdmin):
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
