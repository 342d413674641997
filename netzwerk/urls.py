from django.urls import path

from .views import uebersicht

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
]
