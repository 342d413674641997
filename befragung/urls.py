from django.urls import path

from .views import formular, formular_papier, oeffentlich

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
    path(
        "intern/<slug:slug>/vorschau/<str:sprache>/",
        formular.vorschau,
        name="vorschau",
    ),
    path(
        "intern/<slug:slug>/papier/erfassen/",
        formular_papier.papier_erfassen,
        name="papier_erfassen",
    ),
    # The public "<slug>/" paths stay last, after every fixed path such as "intern/".
    path("<slug:slug>/danke/", formular.danke, name="danke"),
    path("<slug:slug>/", formular.formular, name="formular"),
]
