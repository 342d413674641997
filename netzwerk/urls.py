from django.urls import path

from .views import (
    angebote,
    fortbildung,
    gremien,
    kalender,
    orte,
    protokolle,
    supervision,
    termin_einladungen,
    termine,
    termine_monat,
    uebersicht,
    verzeichnis,
    verzeichnis_daten,
)

app_name = "netzwerk"

# Each topic keeps its own block, so that parallel work merges cleanly.
urlpatterns = [
    path("", uebersicht.index, name="index"),
    # --- Verzeichnis: Akteur:innen und Personen ---
    path("akteure/", verzeichnis.akteur_list, name="akteur_list"),
    path("akteure/neu/", verzeichnis.akteur_create, name="akteur_create"),
    path("akteure/export.csv", verzeichnis_daten.akteur_export, name="akteur_export"),
    path("akteure/import/", verzeichnis_daten.akteur_import, name="akteur_import"),
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
    path("kontaktdaten/kalender-link/", kalender.renew_own_feed, name="kalender_link_eigen"),
    path(
        "personen/<int:pk>/kalender-link/",
        kalender.renew_person_feed,
        name="kalender_link_person",
    ),
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
    path("termine/monat/", termine_monat.termin_month, name="termin_month"),
    path("termine/monat/<int:jahr>/<int:monat>/", termine_monat.termin_month, name="termin_month"),
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
    path(
        "termine/<int:pk>/einladungen/links-erneuern/",
        termin_einladungen.termin_links_erneuern,
        name="termin_links_erneuern",
    ),
    path(
        "termine/<int:pk>/einladungen/<int:einladung_pk>/link-erneuern/",
        termin_einladungen.einladung_link_erneuern,
        name="einladung_link_erneuern",
    ),
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
    path("angebote/", angebote.angebot_list, name="angebot_list"),
    path("angebote/neu/", angebote.angebot_create, name="angebot_create"),
    path("angebote/<int:pk>/", angebote.angebot_detail, name="angebot_detail"),
    path("angebote/<int:pk>/bearbeiten/", angebote.angebot_edit, name="angebot_edit"),
    path("angebote/<int:pk>/loeschen/", angebote.angebot_delete, name="angebot_delete"),
]
