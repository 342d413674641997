from django.urls import path

from .views import archiv, auswertung, bericht, luecken, uebergabe

app_name = "cockpit"

urlpatterns = [
    # cockpit: auswertung – the hub behind the navigation entry „Auswertung“
    path("", auswertung.index, name="index"),
    # cockpit: luecken
    path("luecken/", luecken.luecken_page, name="luecken"),
    path("luecken/zelle/", luecken.luecken_zelle, name="luecken_zelle"),
    path("luecken.csv", luecken.luecken_csv, name="luecken_csv"),
    # --- dashboard und übergabe ---
    path(
        "uebergabe/<slug:quartier_slug>/",
        uebergabe.uebergabe,
        name="uebergabe",
    ),
    path(
        "uebergabe/<slug:quartier_slug>/uebergeben/",
        uebergabe.uebergeben,
        name="uebergeben",
    ),
    # --- sachstandsbericht ---
    path("bericht/", bericht.bericht_page, name="bericht"),
    path("bericht/ansicht/", bericht.bericht_ansicht, name="bericht_ansicht"),
    path("bericht.csv", bericht.bericht_csv, name="bericht_csv"),
    path("bericht.xlsx", bericht.bericht_xlsx, name="bericht_xlsx"),
    # --- berichtsfassungen ---
    path("bericht/speichern/", archiv.fassung_speichern, name="bericht_speichern"),
    path("bericht/fassungen/", archiv.fassung_list, name="fassung_list"),
    path("bericht/fassungen/<int:pk>/", archiv.fassung_detail, name="fassung_detail"),
    path("bericht/fassungen/<int:pk>.csv", archiv.fassung_csv, name="fassung_csv"),
    path("bericht/fassungen/<int:pk>.xlsx", archiv.fassung_xlsx, name="fassung_xlsx"),
    path(
        "bericht/fassungen/<int:pk>/loeschen/",
        archiv.fassung_loeschen,
        name="fassung_loeschen",
    ),
]
