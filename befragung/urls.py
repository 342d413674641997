from django.urls import path

from .views import (
    baukasten,
    baukasten_fragen,
    baukasten_papier,
    ergebnisse,
    exporte,
    formular,
    formular_papier,
    oeffentlich,
    zugang,
)

app_name = "befragung"

# Staff pages live under "intern/"; "<slug>/" is the public form, so it comes last.
# Each topic keeps its own block, so that parallel work merges cleanly.
urlpatterns = [
    path("", oeffentlich.index, name="index"),
    # --- Baukasten (staff: Befragungen, Fragen, Übersetzungen, Workflow) ---
    path("intern/", baukasten.liste, name="liste"),
    path("intern/neu/", baukasten.neu, name="neu"),
    # Fixed "intern/…" paths before "intern/<slug>/" (their words are reserved slugs).
    path("intern/xlsform-import/", exporte.xlsform_import, name="xlsform_import"),
    path("intern/<slug:slug>/", baukasten.detail, name="detail"),
    path("intern/<slug:slug>/bearbeiten/", baukasten.bearbeiten, name="bearbeiten"),
    path("intern/<slug:slug>/loeschen/", baukasten.loeschen, name="loeschen"),
    path("intern/<slug:slug>/starten/", baukasten.starten, name="starten"),
    path("intern/<slug:slug>/beenden/", baukasten.beenden, name="beenden"),
    path("intern/<slug:slug>/fragen/neu/", baukasten_fragen.frage_neu, name="frage_neu"),
    path(
        "intern/<slug:slug>/fragen/<int:pk>/",
        baukasten_fragen.frage_bearbeiten,
        name="frage_bearbeiten",
    ),
    path(
        "intern/<slug:slug>/fragen/<int:pk>/loeschen/",
        baukasten_fragen.frage_loeschen,
        name="frage_loeschen",
    ),
    path(
        "intern/<slug:slug>/fragen/<int:pk>/verschieben/",
        baukasten_fragen.frage_verschieben,
        name="frage_verschieben",
    ),
    path(
        "intern/<slug:slug>/uebersetzungen/<str:sprache>/",
        baukasten_fragen.uebersetzungen,
        name="uebersetzungen",
    ),
    # --- Zugangscodes und Einladungen ---
    path("intern/<slug:slug>/zugangscodes/", zugang.codes, name="zugangscodes"),
    path(
        "intern/<slug:slug>/zugangscodes/erzeugen/",
        zugang.codes_erzeugen,
        name="zugangscodes_erzeugen",
    ),
    path("intern/<slug:slug>/zugangscodes/csv/", zugang.codes_csv, name="zugangscodes_csv"),
    path("intern/<slug:slug>/zugangscodes/druck/", zugang.codes_druck, name="zugangscodes_druck"),
    path("intern/<slug:slug>/einladungen/", zugang.einladungen_list, name="einladungen"),
    path("intern/<slug:slug>/einladungen/neu/", zugang.einladen, name="einladen"),
    path(
        "intern/<slug:slug>/einladungen/erinnern/",
        zugang.einladungen_erinnern,
        name="einladungen_erinnern",
    ),
    # --- Ergebnisse und Exporte ---
    path("intern/<slug:slug>/ergebnisse/", ergebnisse.ergebnisse, name="ergebnisse"),
    path(
        "intern/<slug:slug>/ergebnisse/freitext/<int:frage_pk>/",
        ergebnisse.freitext,
        name="freitext",
    ),
    path("intern/<slug:slug>/bedarf/neu/", ergebnisse.bedarf_neu, name="bedarf_neu"),
    path("intern/<slug:slug>/export.csv", exporte.export_csv, name="export_csv"),
    path("intern/<slug:slug>/export.xlsx", exporte.export_xlsx, name="export_xlsx"),
    path("intern/<slug:slug>/xlsform.xlsx", exporte.xlsform_export, name="xlsform_export"),
    # --- Papier (Druck und Erfassung) ---
    # "erfassen" before "<sprache>", which would otherwise swallow it.
    path(
        "intern/<slug:slug>/papier/erfassen/",
        formular_papier.papier_erfassen,
        name="papier_erfassen",
    ),
    path(
        "intern/<slug:slug>/papier/<str:sprache>/",
        baukasten_papier.papier_druck,
        name="papier_druck",
    ),
    # --- Öffentliches Formular ---
    path(
        "intern/<slug:slug>/vorschau/<str:sprache>/",
        formular.vorschau,
        name="vorschau",
    ),
    # The public "<slug>/" paths stay last, after every fixed path such as "intern/".
    path("<slug:slug>/danke/", formular.danke, name="danke"),
    path("<slug:slug>/", formular.formular, name="formular"),
]
