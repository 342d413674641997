from django.urls import path

from .views import ergebnisse, exporte, oeffentlich

app_name = "befragung"

# Staff pages live under "intern/"; "<slug>/" is the public form, so it comes last.
# Each topic keeps its own block, so that parallel work merges cleanly.
urlpatterns = [
    path("", oeffentlich.index, name="index"),
    # --- Baukasten (staff: Befragungen, Fragen, Übersetzungen, Workflow) ---
    # --- Zugangscodes und Einladungen ---
    # --- Ergebnisse und Exporte ---
    path("intern/xlsform-import/", exporte.xlsform_import, name="xlsform_import"),
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
    # --- Öffentliches Formular ---
]
