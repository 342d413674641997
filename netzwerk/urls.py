from django.urls import path

from .views import angebote, uebersicht

app_name = "netzwerk"

# Each topic keeps its own block, so that parallel work merges cleanly.
urlpatterns = [
    path("", uebersicht.index, name="index"),
    # --- Verzeichnis: Akteur:innen und Personen ---
    # --- Gremien und Mitgliedschaften ---
    # --- Termine und Orte ---
    # --- Einladungen (RSVP-Übersicht, nachträglich einladen) ---
    # --- Protokolle und Aufgaben ---
    # --- Fortbildungen ---
    # --- Supervision ---
    # --- Angebote ---
    path("angebote/", angebote.angebot_list, name="angebot_list"),
    path("angebote/neu/", angebote.angebot_create, name="angebot_create"),
    path("angebote/<int:pk>/", angebote.angebot_detail, name="angebot_detail"),
    path("angebote/<int:pk>/bearbeiten/", angebote.angebot_edit, name="angebot_edit"),
    path("angebote/<int:pk>/loeschen/", angebote.angebot_delete, name="angebot_delete"),
]
