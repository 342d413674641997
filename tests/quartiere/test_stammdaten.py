"""Master data of the Fachstelle: Stadtteile, Quartiere (with boundaries), Handlungsfelder, Zielgruppen."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gwa_portal.core.models import Role
from quartiere.demo import hexagon
from quartiere.models import Handlungsfeld, Kennzahl, Koordination, Quartier, Stadtteil, Zielgruppe

from ..factories import (
    AktivitaetFactory,
    BedarfFactory,
    HandlungsfeldFactory,
    KennzahlFactory,
    KoordinationFactory,
    MassnahmeFactory,
    QuartierFactory,
    StadtteilFactory,
    ZielgruppeFactory,
)

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[9.70, 52.40], [9.80, 52.40], [9.80, 52.50], [9.70, 52.50], [9.70, 52.40]]],
}


def quartier_data(stadtteil, **overrides):
    data = {
        "name": "Neues Quartier",
        "slug": "",
        "stadtteil": stadtteil.pk,
        "typologie": Quartier.Typologie.URBAN,
        "beschreibung": "",
        "schwerpunkte": "",
        "kontakt_oeffentlich": "",
        "grenze": "",
        "grenze_vereinfacht": "on",
    }
    data.update(overrides)
    return data


def geojson_file(content, name="grenze.geojson"):
    data = content if isinstance(content, bytes) else json.dumps(content).encode()
    return SimpleUploadedFile(name, data, content_type="application/geo+json")


def quartier_state():
    return sorted(
        Quartier.objects.values_list("slug", "name", "stadtteil_id", "grenze", "beschreibung")
    )


# Stadtteile


def test_stadtteil_list_shows_kind_population_and_number_of_quartiere(client_as, db):
    stadtteil = StadtteilFactory(
        name="Kaltenweide",
        art=Stadtteil.Art.ORTSTEIL,
        einwohner=6800,
        einwohner_stand="31.12.2023",
        einwohner_geschaetzt=True,
    )
    QuartierFactory(stadtteil=stadtteil)
    QuartierFactory(stadtteil=stadtteil)
    StadtteilFactory(name="Mitte")
    response = client_as(Role.VERWALTUNG).get(reverse("quartiere:stadtteil_list"))
    rows = {s.name: s.anzahl_quartiere for s in response.context["page"].object_list}
    assert rows == {"Kaltenweide": 2, "Mitte": 0}
    body = response.content.decode()
    assert "Ortsteil (Ortschaft)" in body
    assert "ca. 6800" in body
    assert "Stand 31.12.2023" in body
    # Verwaltung reads but gets no buttons to change anything.
    assert reverse("quartiere:stadtteil_create") not in body
    assert reverse("quartiere:stadtteil_edit", args=[stadtteil.slug]) not in body


def test_stadtteil_list_shows_buttons_to_the_fachstelle(client_as, db):
    stadtteil = StadtteilFactory()
    body = client_as(Role.FACHSTELLE).get(reverse("quartiere:stadtteil_list")).content.decode()
    assert reverse("quartiere:stadtteil_create") in body
    assert reverse("quartiere:quartier_create") in body
    assert reverse("quartiere:stadtteil_delete", args=[stadtteil.slug]) in body


def test_stadtteil_list_has_an_empty_state(client_as, db):
    body = client_as(Role.KOORDINATION).get(reverse("quartiere:stadtteil_list")).content.decode()
    assert "Es sind noch keine Stadtteile angelegt." in body


def test_stadtteil_list_keeps_a_constant_number_of_queries(
    client_as, db, django_assert_max_num_queries
):
    client = client_as(Role.FACHSTELLE)
    QuartierFactory()
    with django_assert_max_num_queries(8) as small:
        client.get(reverse("quartiere:stadtteil_list"))
    stadtteile = Stadtteil.objects.bulk_create(
        Stadtteil(name=f"Bezirk {i}", slug=f"bezirk-{i}", art=Stadtteil.Art.KERNSTADT)
        for i in range(30)
    )
    Quartier.objects.bulk_create(
        Quartier(name=f"Q {s.pk}-{i}", slug=f"q-{s.pk}-{i}", stadtteil=s, typologie="urban")
        for s in stadtteile
        for i in range(3)
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("quartiere:stadtteil_list"))
    assert len(response.context["page"].object_list) == 25


def test_fachstelle_creates_a_stadtteil_with_a_slug_made_from_the_name(client_as, db):
    response = client_as(Role.FACHSTELLE).post(
        reverse("quartiere:stadtteil_create"),
        {"name": "Langenhagen Süd", "slug": "", "art": "kernstadt", "einwohner": "1200"},
        follow=True,
    )
    assert "Der Stadtteil wurde angelegt." in response.content.decode()
    stadtteil = Stadtteil.objects.get()
    assert (stadtteil.slug, stadtteil.einwohner) == ("langenhagen-sued", 1200)


def test_stadtteil_names_are_unique_with_a_german_message(client_as, db):
    StadtteilFactory(name="Brink", slug="brink")
    response = client_as(Role.FACHSTELLE).post(
        reverse("quartiere:stadtteil_create"), {"name": "Brink", "slug": "", "art": "kernstadt"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Es gibt schon einen Stadtteil mit diesem Namen." in body
    assert "Es gibt schon einen Stadtteil mit diesem Kurznamen." in body
    assert Stadtteil.objects.count() == 1


def test_fachstelle_edits_a_stadtteil(client_as, db):
    stadtteil = StadtteilFactory(name="Alt", slug="alt")
    response = client_as(Role.FACHSTELLE).post(
        reverse("quartiere:stadtteil_edit", args=["alt"]),
        {"name": "Neu", "slug": "alt", "art": "ortsteil", "einwohner": ""},
    )
    assert response.status_code == 302
    stadtteil.refresh_from_db()
    assert (stadtteil.name, stadtteil.art) == ("Neu", "ortsteil")


def test_stadtteil_without_quartiere_is_deleted_after_confirmation(client_as, db):
    StadtteilFactory(name="Leer", slug="leer")
    client = client_as(Role.FACHSTELLE)
    url = reverse("quartiere:stadtteil_delete", args=["leer"])
    assert "Möchten Sie „Leer“ wirklich löschen?" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "Der Stadtteil „Leer“ wurde gelöscht." in response.content.decode()
    assert not Stadtteil.objects.exists()


def test_stadtteil_with_quartiere_is_not_deleted_and_the_page_says_why(client_as, db):
    stadtteil = StadtteilFactory(name="Engelbostel", slug="engelbostel")
    QuartierFactory(stadtteil=stadtteil)
    response = client_as(Role.FACHSTELLE).post(
        reverse("quartiere:stadtteil_delete", args=["engelbostel"])
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Löschen nicht möglich" in body
    assert "„Engelbostel“ wird noch verwendet von:" in body
    assert "Quartiere" in body
    assert Stadtteil.objects.filter(pk=stadtteil.pk).exists()
    assert Quartier.objects.count() == 1


# Quartiere


def test_fachstelle_creates_a_quartier_with_a_boundary_as_text(client_as, db):
    stadtteil = StadtteilFactory()
    response = client_as(Role.FACHSTELLE).post(
        reverse("quartiere:quartier_create"),
        quartier_data(
            stadtteil,
            name="Wiesenau Süd",
            grenze=json.dumps(SQUARE),
            kontakt_oeffentlich="Quartiersbüro",
            koordination_oeffentlich="on",
        ),
    )
    quartier = Quartier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == quartier.get_absolute_url()
    assert quartier.slug == "wiesenau-sued"
    assert quartier.grenze == SQUARE
    assert quartier.koordination_oeffentlich
    assert quartier.kontakt_oeffentlich == "Quartiersbüro"


def test_boundary_can_be_uploaded_as_a_feature_collection_with_one_feature(client_as, db):
    stadtteil = StadtteilFactory()
    collection = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {"name": "x"}, "geometry": SQUARE}],
    }
    response = client_as(Role.FACHSTELLE).post(
        reverse("quartiere:quartier_create"),
        {**quartier_data(stadtteil), "grenze_datei": geojson_file(collection)},
    )
    assert response.status_code == 302
    assert Quartier.objects.get().grenze == SQUARE


def test_uploaded_file_replaces_the_text_of_the_boundary(client_as, db):
    quartier = QuartierFactory()
    other = hexagon(52.45, 9.70, 0.3)
    data = quartier_data(
        quartier.stadtteil,
        name=quartier.name,
        slug=quartier.slug,
        grenze=json.dumps(quartier.grenze),
    )
    response = client_as(Role.FACHSTELLE).post(
        reverse("quartiere:quartier_edit", args=[quartier.slug]),
        {**data, "grenze_datei": geojson_file(other, name="GRENZE.JSON")},
    )
    assert response.status_code == 302
    quartier.refresh_from_db()
    assert quartier.grenze == other


def test_edit_page_shows_the_stored_boundary_as_json(client_as, db):
    quartier = QuartierFactory(grenze=SQUARE)
    response = client_as(Role.FACHSTELLE).get(
        reverse("quartiere:quartier_edit", args=[quartier.slug])
    )
    assert json.loads(response.context["form"]["grenze"].value()) == SQUARE
    assert "Länge, dann die Breite" in response.content.decode()


def test_emptying_the_boundary_text_removes_the_boundary(client_as, db):
    quartier = QuartierFactory()
    client_as(Role.FACHSTELLE).post(
        reverse("quartiere:quartier_edit", args=[quartier.slug]),
        quartier_data(quartier.stadtteil, name=quartier.name, slug=quartier.slug, grenze=""),
    )
    quartier.refresh_from_db()
    assert quartier.grenze is None


UNCLOSED = {
    "type": "Polygon",
    "coordinates": [[[9.7, 52.4], [9.8, 52.4], [9.8, 52.5], [9.7, 52.5]]],
}
LAT_OVER_90 = {
    "type": "Polygon",
    "coordinates": [[[52.4, 9.7], [52.5, 9.7], [52.5, 95.0], [52.4, 9.7]]],
}
TWO_FEATURES = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {}, "geometry": SQUARE},
        {"type": "Feature", "properties": {}, "geometry": SQUARE},
    ],
}
BAD_BOUNDARIES = [
    pytest.param(
        '{"type": "Polygon",\n "coordinates": [[9.7, 52.4]',
        "Die Grenze ist kein gültiges JSON (Zeile 2, Spalte 29).",
        id="invalid-json",
    ),
    pytest.param(
        json.dumps({"type": "Point", "coordinates": [9.7, 52.4]}),
        "Die Grenze muss ein GeoJSON-Polygon oder -MultiPolygon sein, nicht „Point“.",
        id="point",
    ),
    pytest.param(
        json.dumps(UNCLOSED),
        "Polygon, Ring 1: Der Ring ist nicht geschlossen",
        id="unclosed-ring",
    ),
    pytest.param(
        json.dumps(LAT_OVER_90),
        "Polygon, Ring 1: Koordinate (52.5, 95.0) liegt außerhalb von WGS84",
        id="latitude-over-90",
    ),
    pytest.param(
        json.dumps(TWO_FEATURES),
        "Die FeatureCollection enthält 2 Features. Bitte geben Sie genau eine Fläche an",
        id="two-features",
    ),
    pytest.param(
        json.dumps({"type": "FeatureCollection", "features": []}),
        "Die FeatureCollection enthält keine Fläche.",
        id="no-features",
    ),
    pytest.param("[9.7, 52.4]", "Die Grenze muss ein GeoJSON-Objekt sein.", id="not-an-object"),
]


@pytest.mark.parametrize(("grenze", "message"), BAD_BOUNDARIES)
def test_bad_boundary_text_is_refused_next_to_the_field_and_nothing_changes(
    client_as, db, grenze, message
):
    quartier = QuartierFactory(grenze=SQUARE, beschreibung="vorher")
    before = quartier_state()
    client = client_as(Role.FACHSTELLE)

    edit = client.post(
        reverse("quartiere:quartier_edit", args=[quartier.slug]),
        quartier_data(
            quartier.stadtteil,
            name=quartier.name,
            slug=quartier.slug,
            beschreibung="nachher",
            grenze=grenze,
        ),
    )
    assert edit.status_code == 400
    errors = edit.context["form"].errors
    assert any(message in e for e in errors["grenze"]), errors
    assert 'id="id_grenze_error"' in edit.content.decode()

    create = client.post(
        reverse("quartiere:quartier_create"), quartier_data(quartier.stadtteil, grenze=grenze)
    )
    assert create.status_code == 400
    assert quartier_state() == before


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (geojson_file(b'{"type": "Polygon"', name="grenze.geojson"), "kein gültiges JSON (Zeile 1"),
        (
            geojson_file(SQUARE, name="grenze.kml"),
            "Bitte laden Sie eine .geojson- oder .json-Datei",
        ),
        (
            geojson_file(b" " * (1024 * 1024 + 1), name="gross.geojson"),
            "Die Datei ist größer als 1 MB.",
        ),
        (geojson_file("Grenze".encode("utf-16"), name="g.json"), "nicht in UTF-8"),
        (geojson_file(TWO_FEATURES), "enthält 2 Features"),
    ],
)
def test_bad_boundary_file_is_refused_next_to_the_upload_and_nothing_changes(
    client_as, db, upload, message
):
    stadtteil = StadtteilFactory()
    response = client_as(Role.FACHSTELLE).post(
        reverse("quartiere:quartier_create"),
        {**quartier_data(stadtteil), "grenze_datei": upload},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert any(message in e for e in errors["grenze_datei"]), errors
    assert "grenze" not in errors
    assert not Quartier.objects.exists()


def test_reserved_slug_is_refused_in_german(client_as, db):
    stadtteil = StadtteilFactory()
    response = client_as(Role.FACHSTELLE).post(
        reverse("quartiere:quartier_create"), quartier_data(stadtteil, slug="kennzahlen")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["slug"] == [
        "„kennzahlen“ ist für eine Seite des Portals reserviert. Bitte wählen Sie einen anderen Kurznamen."
    ]
    assert not Quartier.objects.exists()


def test_slug_made_from_a_reserved_name_is_refused_too(client_as, db):
    stadtteil = StadtteilFactory()
    response = client_as(Role.FACHSTELLE).post(
        reverse("quartiere:quartier_create"), quartier_data(stadtteil, name="Neu")
    )
    assert response.status_code == 400
    assert "„neu“ ist für eine Seite des Portals reserviert." in response.content.decode()
    assert not Quartier.objects.exists()


def test_quartier_needs_name_stadtteil_and_typologie(client_as, db):
    response = client_as(Role.FACHSTELLE).post(
        reverse("quartiere:quartier_create"), {"name": "", "stadtteil": "", "typologie": ""}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["name"] == ["Bitte geben Sie den Namen des Quartiers ein."]
    assert errors["stadtteil"] == ["Bitte wählen Sie einen Stadtteil."]
    assert errors["typologie"] == ["Bitte wählen Sie eine Typologie."]


def test_quartier_delete_lists_what_is_deleted_along_with_counts(client_as, db):
    quartier = QuartierFactory(name="Godshorn", slug="godshorn")
    KennzahlFactory(quartier=quartier, jahr=2022)
    KennzahlFactory(quartier=quartier, jahr=2023)
    KoordinationFactory(quartier=quartier)
    client = client_as(Role.FACHSTELLE)
    url = reverse("quartiere:quartier_delete", args=["godshorn"])
    body = client.get(url).content.decode()
    assert "Dabei wird auch gelöscht:" in body
    assert "2 Kennzahlen" in body
    assert "1 Koordination" in body
    assert Quartier.objects.exists()

    response = client.post(url, follow=True)
    assert "„Godshorn“ wurde gelöscht." in response.content.decode()
    assert not Quartier.objects.exists()
    assert not Kennzahl.objects.exists()
    assert not Koordination.objects.exists()


@pytest.mark.parametrize(
    ("make_history", "label"),
    [
        (lambda q: AktivitaetFactory(quartier=q), "1 Aktivität"),
        (lambda q: [BedarfFactory(quartier=q), BedarfFactory(quartier=q)], "2 Bedarfe"),
        (lambda q: MassnahmeFactory(quartiere=[q]), "1 Maßnahme"),
    ],
)
def test_quartier_with_history_is_not_deleted_and_the_page_says_why(
    client_as, db, make_history, label
):
    quartier = QuartierFactory(name="Krähenwinkel", slug="kraehenwinkel")
    make_history(quartier)
    KennzahlFactory(quartier=quartier)
    client = client_as(Role.FACHSTELLE)
    url = reverse("quartiere:quartier_delete", args=["kraehenwinkel"])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 409
        body = response.content.decode()
        assert "„Krähenwinkel“ wird noch verwendet von:" in body
        assert label in body
        assert "bearbeiten Sie es stattdessen" in body
        assert "Endgültig löschen" not in body
    assert Quartier.objects.filter(pk=quartier.pk).exists()
    assert Kennzahl.objects.filter(quartier=quartier).exists()


# Handlungsfelder and Zielgruppen


@pytest.mark.parametrize(
    ("list_name", "model"),
    [("quartiere:handlungsfeld_list", Handlungsfeld), ("quartiere:zielgruppe_list", Zielgruppe)],
)
def test_taxonomy_lists_show_the_seeded_entries_and_usage(client_as, db, list_name, model):
    entry = model.objects.order_by("position", "name").first()
    field = "handlungsfelder" if model is Handlungsfeld else "zielgruppen"
    AktivitaetFactory(**{field: [entry]})
    AktivitaetFactory(**{field: [entry]})
    response = client_as(Role.VERWALTUNG).get(reverse(list_name))
    rows = {e.name: (e.anzahl_aktivitaeten, e.anzahl_bedarfe) for e in response.context["page"]}
    assert len(rows) == model.objects.count()
    assert rows[entry.name] == (2, 0)
    assert "aktiv" in response.content.decode()


def test_taxonomy_list_keeps_a_constant_number_of_queries(
    client_as, db, django_assert_max_num_queries
):
    client = client_as(Role.FACHSTELLE)
    url = reverse("quartiere:zielgruppe_list")
    with django_assert_max_num_queries(8) as small:
        client.get(url)
    extra = [ZielgruppeFactory() for _ in range(10)]
    for zielgruppe in extra:
        AktivitaetFactory(zielgruppen=[zielgruppe])
        BedarfFactory(zielgruppen=[zielgruppe])
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_fachstelle_creates_and_edits_a_handlungsfeld(client_as, db):
    client = client_as(Role.FACHSTELLE)
    response = client.post(
        reverse("quartiere:handlungsfeld_create"),
        {"name": "Klimaanpassung", "beschreibung": "Hitze", "position": "9", "aktiv": "on"},
        follow=True,
    )
    assert "Das Handlungsfeld wurde angelegt." in response.content.decode()
    feld = Handlungsfeld.objects.get(name="Klimaanpassung")
    response = client.post(
        reverse("quartiere:handlungsfeld_edit", args=[feld.pk]),
        {"name": "Klimaanpassung", "beschreibung": "Hitze", "position": "9"},
    )
    assert response.status_code == 302
    feld.refresh_from_db()
    assert not feld.aktiv


def test_taxonomy_names_are_unique_with_a_german_message(client_as, db):
    existing = Zielgruppe.objects.first()
    response = client_as(Role.FACHSTELLE).post(
        reverse("quartiere:zielgruppe_create"), {"name": existing.name, "position": "0"}
    )
    assert response.status_code == 400
    assert "Es gibt schon eine Zielgruppe mit diesem Namen." in response.content.decode()


def test_unused_zielgruppe_is_deleted_after_confirmation(client_as, db):
    zielgruppe = ZielgruppeFactory(name="Pendler:innen")
    client = client_as(Role.FACHSTELLE)
    url = reverse("quartiere:zielgruppe_delete", args=[zielgruppe.pk])
    assert "Möchten Sie „Pendler:innen“ wirklich löschen?" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "„Pendler:innen“ wurde gelöscht." in response.content.decode()
    assert not Zielgruppe.objects.filter(pk=zielgruppe.pk).exists()


@pytest.mark.parametrize(
    ("make_entry", "url_name", "label"),
    [
        (
            lambda: AktivitaetFactory(
                handlungsfelder=[HandlungsfeldFactory(name="X")]
            ).handlungsfelder.get(),
            "quartiere:handlungsfeld_delete",
            "1 Aktivität",
        ),
        (
            lambda: BedarfFactory(handlungsfeld=HandlungsfeldFactory(name="X")).handlungsfeld,
            "quartiere:handlungsfeld_delete",
            "1 Bedarf",
        ),
        (
            lambda: AktivitaetFactory(zielgruppen=[ZielgruppeFactory(name="X")]).zielgruppen.get(),
            "quartiere:zielgruppe_delete",
            "1 Aktivität",
        ),
        (
            lambda: BedarfFactory(zielgruppen=[ZielgruppeFactory(name="X")]).zielgruppen.get(),
            "quartiere:zielgruppe_delete",
            "1 Bedarf",
        ),
    ],
)
def test_used_taxonomy_entry_is_not_deleted_and_deactivation_is_offered(
    client_as, db, make_entry, url_name, label
):
    entry = make_entry()
    model = type(entry)
    links_before = model.objects.filter(pk=entry.pk).values_list("aktivitaeten", "bedarfe")
    links_before = sorted(links_before, key=str)
    client = client_as(Role.FACHSTELLE)
    url = reverse(url_name, args=[entry.pk])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 409
        body = response.content.decode()
        assert "„X“ wird noch verwendet von:" in body
        assert label in body
        assert "Deaktivieren Sie ihn stattdessen" in body
        assert "Stattdessen deaktivieren" in body
    assert model.objects.filter(pk=entry.pk).exists()
    links_after = model.objects.filter(pk=entry.pk).values_list("aktivitaeten", "bedarfe")
    assert sorted(links_after, key=str) == links_before

    response = client.post(url, {"deaktivieren": "1"}, follow=True)
    assert "„X“ ist jetzt deaktiviert und steht nicht mehr zur Auswahl." in (
        response.content.decode()
    )
    entry.refresh_from_db()
    assert not entry.aktiv


# Permissions


@pytest.fixture
def stammdaten(db):
    quartier = QuartierFactory(name="Wiesenau", slug="wiesenau", grenze=SQUARE)
    return {
        "stadtteil": quartier.stadtteil,
        "quartier": quartier,
        "handlungsfeld": HandlungsfeldFactory(name="Test-Handlungsfeld"),
        "zielgruppe": ZielgruppeFactory(name="Test-Zielgruppe"),
        "leerer_stadtteil": StadtteilFactory(name="Leer", slug="leer"),
    }


def everything():
    return (
        sorted(Stadtteil.objects.values_list("slug", "name", "art", "einwohner")),
        quartier_state(),
        sorted(Handlungsfeld.objects.values_list("name", "aktiv", "position")),
        sorted(Zielgruppe.objects.values_list("name", "aktiv", "position")),
    )


def change_requests(s):
    taxonomy = {"name": "Geändert", "position": "1", "aktiv": "on"}
    stadtteil = {"name": "Geändert", "slug": "geaendert", "art": "ortsteil"}
    return [
        (reverse("quartiere:stadtteil_create"), stadtteil),
        (reverse("quartiere:stadtteil_edit", args=[s["stadtteil"].slug]), stadtteil),
        (reverse("quartiere:stadtteil_delete", args=["leer"]), {}),
        (reverse("quartiere:quartier_create"), quartier_data(s["stadtteil"])),
        (
            reverse("quartiere:quartier_edit", args=["wiesenau"]),
            quartier_data(s["stadtteil"], name="Geändert", slug="wiesenau"),
        ),
        (reverse("quartiere:quartier_delete", args=["wiesenau"]), {}),
        (reverse("quartiere:handlungsfeld_create"), taxonomy),
        (reverse("quartiere:handlungsfeld_edit", args=[s["handlungsfeld"].pk]), taxonomy),
        (reverse("quartiere:handlungsfeld_delete", args=[s["handlungsfeld"].pk]), {}),
        (
            reverse("quartiere:handlungsfeld_delete", args=[s["handlungsfeld"].pk]),
            {"deaktivieren": "1"},
        ),
        (reverse("quartiere:zielgruppe_create"), taxonomy),
        (reverse("quartiere:zielgruppe_edit", args=[s["zielgruppe"].pk]), taxonomy),
        (reverse("quartiere:zielgruppe_delete", args=[s["zielgruppe"].pk]), {}),
        (
            reverse("quartiere:zielgruppe_delete", args=[s["zielgruppe"].pk]),
            {"deaktivieren": "1"},
        ),
    ]


@pytest.mark.parametrize("role", [Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER])
def test_only_the_fachstelle_changes_stammdaten(client_as, users, stammdaten, role):
    # Even the Koordination of the Quartier may not change its master data.
    KoordinationFactory(quartier=stammdaten["quartier"], user=users[Role.KOORDINATION])
    before = everything()
    client = client_as(role)
    for url, data in change_requests(stammdaten):
        assert client.get(url).status_code == 403, url
        assert client.post(url, data).status_code == 403, url
    assert everything() == before


def test_anonymous_users_are_sent_to_the_login(client, stammdaten):
    before = everything()
    for url, data in change_requests(stammdaten):
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]
    assert everything() == before


@pytest.mark.parametrize(
    "url_name",
    ["quartiere:stadtteil_list", "quartiere:handlungsfeld_list", "quartiere:zielgruppe_list"],
)
def test_partner_cannot_read_the_lists(client_as, db, url_name):
    assert client_as(Role.PARTNER).get(reverse(url_name)).status_code == 403
