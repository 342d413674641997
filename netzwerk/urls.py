from django.urls import path

from .views import fortbildung, protokolle, supervision, uebersicht

app_name = "netzwerk"

# Each topic keeps its own block, so that parallel work merges cleanly.
urlpatterns = [
    path("", uebersicht.index, name="index"),
    # --- Verzeichnis: Akteur:innen und Personen ---
    # --- Gremien und Mitgliedschaften ---
    # --- Termine und Orte ---
    # --- Einladungen (RSVP-Übersicht, nachträglich einladen) ---
    # --- Protokolle und Aufgaben ---
    path("termine/<int:pk>/protokoll/", protokolle.protokoll_detail, name="protokoll_detail"),
    path(
        "termine/<int:pk>/protokoll/bearbeiten/",
        protokolle.protokoll_edit,
        name="protokoll_edit",
    ),
    path(
        "termine/<int:pk>/protokoll/freigeben/",
        protokolle.protokoll_release,
        name="protokoll_release",
    ),
    path("aufgaben/", protokolle.aufgabe_list, name="aufgabe_list"),
    path("aufgaben/meine/", protokolle.aufgabe_mine, name="aufgabe_mine"),
    path("aufgaben/<int:pk>/erledigt/", protokolle.aufgabe_done, name="aufgabe_done"),
    # --- Fortbildungen ---
    path("fortbildungen/", fortbildung.fortbildung_list, name="fortbildung_list"),
    path("fortbildungen/neu/", fortbildung.fortbildung_create, name="fortbildung_create"),
    path("fortbildungen/meine/", fortbildung.fortbildung_mine, name="fortbildung_mine"),
    path(
        "fortbildungen/nachweis/<int:user_pk>/",
        fortbildung.fortbildung_nachweis,
        name="fortbildung_nachweis",
    ),
    path("fortbildungen/<slug:slug>/", fortbildung.fortbildung_detail, name="fortbildung_detail"),
    path(
        "fortbildungen/<slug:slug>/bearbeiten/",
        fortbildung.fortbildung_edit,
        name="fortbildung_edit",
    ),
    path(
        "fortbildungen/<slug:slug>/loeschen/",
        fortbildung.fortbildung_delete,
        name="fortbildung_delete",
    ),
    path(
        "fortbildungen/<slug:slug>/termine/neu/",
        fortbildung.fortbildung_termin_create,
        name="fortbildung_termin_create",
    ),
    path(
        "fortbildungen/<slug:slug>/anmelden/",
        fortbildung.fortbildung_anmelden,
        name="fortbildung_anmelden",
    ),
    path(
        "fortbildungen/<slug:slug>/abmelden/",
        fortbildung.fortbildung_abmelden,
        name="fortbildung_abmelden",
    ),
    path(
        "fortbildungen/<slug:slug>/teilnahme/",
        fortbildung.fortbildung_teilnahme,
        name="fortbildung_teilnahme",
    ),
    path(
        "fortbildungen/<slug:slug>/bestaetigung/<int:user_pk>/",
        fortbildung.fortbildung_bestaetigung,
        name="fortbildung_bestaetigung",
    ),
    # --- Supervision ---
    path("supervision/", supervision.supervision_list, name="supervision_list"),
    path("supervision/neu/", supervision.supervision_create, name="supervision_create"),
    path("supervision/<slug:slug>/", supervision.supervision_detail, name="supervision_detail"),
    path(
        "supervision/<slug:slug>/bearbeiten/",
        supervision.supervision_edit,
        name="supervision_edit",
    ),
    path(
        "supervision/<slug:slug>/loeschen/",
        supervision.supervision_delete,
        name="supervision_delete",
    ),
    path(
        "supervision/<slug:slug>/termine/neu/",
        supervision.supervision_termin_create,
        name="supervision_termin_create",
    ),
    path(
        "supervision/<slug:slug>/termine/<int:pk>/anwesenheit/",
        supervision.supervision_teilnahme,
        name="supervision_teilnahme",
    ),
    # --- Angebote ---
]
