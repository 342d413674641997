from django.urls import path

from .views import aktivitaeten, kennzahlen, koordination, planung, stammdaten, uebersicht

app_name = "quartiere"

# The taxonomy pages are shared; the URL says which taxonomy to show.
HF = {"taxonomie": stammdaten.HANDLUNGSFELDER}
ZG = {"taxonomie": stammdaten.ZIELGRUPPEN}

# Fixed paths come before "<slug>/"; their first segments are RESERVED_SLUGS in the model.
urlpatterns = [
    path("", uebersicht.index, name="index"),
    path("neu/", stammdaten.quartier_create, name="quartier_create"),
    path("stadtteile/", stammdaten.stadtteil_list, name="stadtteil_list"),
    path("stadtteile/neu/", stammdaten.stadtteil_create, name="stadtteil_create"),
    path("stadtteile/<slug:slug>/bearbeiten/", stammdaten.stadtteil_edit, name="stadtteil_edit"),
    path("stadtteile/<slug:slug>/loeschen/", stammdaten.stadtteil_delete, name="stadtteil_delete"),
    path("handlungsfelder/", stammdaten.taxonomie_list, HF, name="handlungsfeld_list"),
    path("handlungsfelder/neu/", stammdaten.taxonomie_create, HF, name="handlungsfeld_create"),
    path(
        "handlungsfelder/<int:pk>/bearbeiten/",
        stammdaten.taxonomie_edit,
        HF,
        name="handlungsfeld_edit",
    ),
    path(
        "handlungsfelder/<int:pk>/loeschen/",
        stammdaten.taxonomie_delete,
        HF,
        name="handlungsfeld_delete",
    ),
    path("zielgruppen/", stammdaten.taxonomie_list, ZG, name="zielgruppe_list"),
    path("zielgruppen/neu/", stammdaten.taxonomie_create, ZG, name="zielgruppe_create"),
    path("zielgruppen/<int:pk>/bearbeiten/", stammdaten.taxonomie_edit, ZG, name="zielgruppe_edit"),
    path(
        "zielgruppen/<int:pk>/loeschen/", stammdaten.taxonomie_delete, ZG, name="zielgruppe_delete"
    ),
    path("kennzahlen/", kennzahlen.kennzahl_list, name="kennzahl_list"),
    path("kennzahlen/neu/", kennzahlen.kennzahl_create, name="kennzahl_create"),
    path("kennzahlen/import/", kennzahlen.kennzahl_import, name="kennzahl_import"),
    path("kennzahlen/export.csv", kennzahlen.kennzahl_export, name="kennzahl_export"),
    path("kennzahlen/<int:pk>/bearbeiten/", kennzahlen.kennzahl_edit, name="kennzahl_edit"),
    path("kennzahlen/<int:pk>/loeschen/", kennzahlen.kennzahl_delete, name="kennzahl_delete"),
    path("aktivitaeten/", aktivitaeten.aktivitaet_list, name="aktivitaet_list"),
    path("aktivitaeten/neu/", aktivitaeten.aktivitaet_create, name="aktivitaet_create"),
    path("aktivitaeten/meine/", aktivitaeten.aktivitaet_mine, name="aktivitaet_mine"),
    path("aktivitaeten/export.csv", aktivitaeten.aktivitaet_export, name="aktivitaet_export"),
    path("aktivitaeten/<int:pk>/", aktivitaeten.aktivitaet_detail, name="aktivitaet_detail"),
    path("aktivitaeten/<int:pk>/bearbeiten/", aktivitaeten.aktivitaet_edit, name="aktivitaet_edit"),
    path(
        "aktivitaeten/<int:pk>/loeschen/", aktivitaeten.aktivitaet_delete, name="aktivitaet_delete"
    ),
    path("bedarfe/", planung.bedarf_list, name="bedarf_list"),
    path("bedarfe/neu/", planung.bedarf_create, name="bedarf_create"),
    path("bedarfe/<int:pk>/", planung.bedarf_detail, name="bedarf_detail"),
    path("bedarfe/<int:pk>/bearbeiten/", planung.bedarf_edit, name="bedarf_edit"),
    path("bedarfe/<int:pk>/loeschen/", planung.bedarf_delete, name="bedarf_delete"),
    path("massnahmen/", planung.massnahme_list, name="massnahme_list"),
    path("massnahmen/neu/", planung.massnahme_create, name="massnahme_create"),
    path("massnahmen/<int:pk>/", planung.massnahme_detail, name="massnahme_detail"),
    path("massnahmen/<int:pk>/bearbeiten/", planung.massnahme_edit, name="massnahme_edit"),
    path("massnahmen/<int:pk>/loeschen/", planung.massnahme_delete, name="massnahme_delete"),
    path("<slug:slug>/", uebersicht.detail, name="detail"),
    path("<slug:slug>/bearbeiten/", stammdaten.quartier_edit, name="quartier_edit"),
    path("<slug:slug>/loeschen/", stammdaten.quartier_delete, name="quartier_delete"),
    path("<slug:slug>/koordination/", koordination.koordination, name="koordination"),
    path(
        "<slug:slug>/koordination/<int:pk>/beenden/",
        koordination.koordination_end,
        name="koordination_end",
    ),
]
