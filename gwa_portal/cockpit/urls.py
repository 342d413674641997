from django.urls import path

from . import views_archiv, views_auswertung, views_bericht, views_luecken, views_uebergabe

app_name = "cockpit"

urlpatterns = [
    # cockpit: auswertung – the hub behind the navigation entry „Auswertung“
    path("", views_auswertung.index, name="index"),
    # cockpit: luecken
    path("luecken/", views_luecken.luecken_page, name="luecken"),
    path("luecken/zelle/", views_luecken.luecken_zelle, name="luecken_zelle"),
    path("luecken.csv", views_luecken.luecken_csv, name="luecken_csv"),
    # --- dashboard und übergabe ---
    path(
        "uebergabe/<slug:quartier_slug>/",
        views_uebergabe.uebergabe,
        name="uebergabe",
    ),
    path(
        "uebergabe/<slug:quartier_slug>/uebergeben/",
        views_uebergabe.uebergeben,
        name="uebergeben",
    ),
    # --- sachstandsbericht ---
    path("bericht/", views_bericht.bericht_page, name="bericht"),
    path("bericht/ansicht/", views_bericht.bericht_ansicht, name="bericht_ansicht"),
    path("bericht.csv", views_bericht.bericht_csv, name="bericht_csv"),
    path("bericht.xlsx", views_bericht.bericht_xlsx, name="bericht_xlsx"),
    # --- berichtsfassungen ---
    path("bericht/speichern/", views_archiv.fassung_speichern, name="bericht_speichern"),
    path("bericht/fassungen/", views_archiv.fassung_list, name="fassung_list"),
    path("bericht/fassungen/<int:pk>/", views_archiv.fassung_detail, name="fassung_detail"),
    path("bericht/fassungen/<int:pk>.csv", views_archiv.fassung_csv, name="fassung_csv"),
    path("bericht/fassungen/<int:pk>.xlsx", views_archiv.fassung_xlsx, name="fassung_xlsx"),
    path(
        "bericht/fassungen/<int:pk>/loeschen/",
        views_archiv.fassung_loeschen,
        name="fassung_loeschen",
    ),
]
