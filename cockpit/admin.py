from django.contrib import admin

from .models import Berichtsfassung


@admin.register(Berichtsfassung)
class BerichtsfassungAdmin(admin.ModelAdmin):
    list_display = ["titel", "von", "bis", "quartiere_text", "erstellt_von", "created_at"]
    list_filter = ["von"]
    search_fields = ["titel", "anlass"]
    date_hierarchy = "created_at"
    # A saved version is a record of what a committee received: it is not edited afterwards.
    readonly_fields = [
        "von",
        "bis",
        "quartiere_text",
        "erstellt_am",
        "erstellt_von",
        "inhalt_html",
        "tabellen",
    ]
    exclude = ["quartiere"]
