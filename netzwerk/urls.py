from django.urls import path

from .views import angebote, uebersicht, verzeichnis, verzeichnis_daten

app_name = "netzwerk"

# Each topic keeps its own block, so that parallel work merges cleanly.
urlpatterns = [
    path("", uebersicht.index, name="index"),
    # --- Verzeichnis: Akteur:innen und Personen ---
    path("akteure/", verzeichnis.akteur_list, name="akteur_list"),
    path("akteure/neu/", verzeichnis.akteur_create, name="akteur_create"),
    path("akteure/export.csv", verzeichnis_daten.akteur_export, name="akteur_export"),
    path("akteure/<int:pk>/", verzeichnis.akteur_detail, name="akteur_detail"),
    path("akteure/<int:pk>/bearbeiten/", verzeichnis.akteur_edit, name="akteur_edit"),
    path("akteure/<int:pk>/loeschen/", verzeichnis.akteur_delete, name="akteur_delete"),
    path("personen/", verzeichnis.person_list, name="person_list"),
    path("personen/neu/", verzeichnis.person_create, name="person_create"),
    path("personen/export.csv", verzeichnis_daten.person_export_csv, name="person_export_csv"),
    path("personen/import/", verzeichnis_daten.person_import, name="person_import"),
    path("personen/<int:pk>/", verzeichnis.person_detail, name="person_detail"),
    path("personen/<int:pk>/bearbeiten/", verzeichnis.person_edit, name="person_edit"),
    path(
        "personen/<int:pk>/daten.json",
        verzeichnis_daten.person_dsgvo_export,
        name="person_dsgvo_export",
    ),
    path("personen/<int:pk>/loeschen/", verzeichnis_daten.person_loeschen, name="person_loeschen"),
    path("kontaktdaten/", verzeichnis.meine_kontaktdaten, name="meine_kontaktdaten"),
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
