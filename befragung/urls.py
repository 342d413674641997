from django.urls import path

from .views import oeffentlich

app_name = "befragung"

# Staff pages live under "intern/"; "<slug>/" is the public form, so it comes last.
# Each topic keeps its own block, so that parallel work merges cleanly.
urlpatterns = [
    path("", oeffentlich.index, name="index"),
    # --- Baukasten (staff: Befragungen, Fragen, Übersetzungen, Workflow) ---
    # --- Zugangscodes und Einladungen ---
    # --- Ergebnisse und Exporte ---
    # --- Papier (Druck und Erfassung) ---
    # --- Öffentliches Formular ---
]
