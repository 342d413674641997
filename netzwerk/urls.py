from django.urls import path

from .views import gremien, orte, termin_einladungen, termine, uebersicht

app_name = "netzwerk"

# Each topic keeps its own block, so that parallel work merges cleanly.
urlpatterns = [
    path("", uebersicht.index, name="index"),
    # --- Verzeichnis: Akteur:innen und Personen ---
    # --- Gremien und Mitgliedschaften ---
    path("gremien/", gremien.gremium_list, name="gremium_list"),
    path("gremien/neu/", gremien.gremium_create, name="gremium_create"),
    path("gremien/<slug:slug>/", gremien.gremium_detail, name="gremium_detail"),
    path("gremien/<slug:slug>/bearbeiten/", gremien.gremium_edit, name="gremium_edit"),
    path("gremien/<slug:slug>/loeschen/", gremien.gremium_delete, name="gremium_delete"),
    path(
        "gremien/<slug:slug>/mitglieder/neu/",
        gremien.mitgliedschaft_add,
        name="mitgliedschaft_add",
    ),
    path(
        "gremien/<slug:slug>/mitglieder/<int:pk>/beenden/",
        gremien.mitgliedschaft_end,
        name="mitgliedschaft_end",
    ),
    # --- Termine und Orte ---
    path("termine/", termine.termin_list, name="termin_list"),
    path("termine/neu/", termine.termin_create, name="termin_create"),
    path("termine/monat/", termine.termin_month, name="termin_month"),
    path("termine/monat/<int:jahr>/<int:monat>/", termine.termin_month, name="termin_month"),
    path("termine/<int:pk>/", termine.termin_detail, name="termin_detail"),
    path("termine/<int:pk>/bearbeiten/", termine.termin_edit, name="termin_edit"),
    path("termine/<int:pk>/absagen/", termine.termin_cancel, name="termin_cancel"),
    path("termine/<int:pk>/loeschen/", termine.termin_delete, name="termin_delete"),
    path("orte/", orte.ort_list, name="ort_list"),
    path("orte/neu/", orte.ort_create, name="ort_create"),
    path("orte/<int:pk>/bearbeiten/", orte.ort_edit, name="ort_edit"),
    # --- Einladungen (RSVP-Übersicht, nachträglich einladen) ---
    path(
        "termine/<int:pk>/einladungen/",
        termin_einladungen.termin_einladungen,
        name="termin_einladungen",
    ),
    path(
        "termine/<int:pk>/einladen/",
        termin_einladungen.termin_einladen,
        name="termin_einladen",
    ),
    # --- Protokolle und Aufgaben ---
    # --- Fortbildungen ---
    # --- Supervision ---
    # --- Angebote ---
]
