from django.urls import path

from .views import oeffentlich, zugang

app_name = "befragung"

# Staff pages live under "intern/"; "<slug>/" is the public form, so it comes last.
# Each topic keeps its own block, so that parallel work merges cleanly.
urlpatterns = [
    path("", oeffentlich.index, name="index"),
    # --- Baukasten (staff: Befragungen, Fragen, Übersetzungen, Workflow) ---
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
    # --- Papier (Druck und Erfassung) ---
    # --- Öffentliches Formular ---
]
