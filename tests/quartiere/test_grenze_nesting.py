"""Deeply nested GeoJSON, typed, uploaded or sent to the admin: a German error next to the
field and a 400, never a RecursionError and a 500; the stored boundary stays as it was."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gwa_portal.core.models import Role
from quartiere.forms.stammdaten import parse_grenze
from quartiere.models import Quartier

from ..factories import QuartierFactory

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[9.70, 52.40], [9.80, 52.40], [9.80, 52.50], [9.70, 52.50], [9.70, 52.40]]],
}
DEPTH = 100_000
DEEP_ARRAY = '{"type": "Polygon", "coordinates": ' + "[" * DEPTH + "]" * DEPTH + "}"
DEEP_OBJECT = '{"a": ' * DEPTH + "1" + "}" * DEPTH
MESSAGE = "Die Grenze ist zu tief verschachtelt (mehr als 20 Ebenen)."


def form_data(quartier, **overrides):
    return {
        "name": quartier.name,
        "slug": quartier.slug,
        "stadtteil": quartier.stadtteil.pk,
        "typologie": quartier.typologie,
        "beschreibung": "nachher",
        "schwerpunkte": "",
        "kontakt_oeffentlich": "",
        "grenze": "",
        **overrides,
    }


@pytest.mark.parametrize("text", [DEEP_ARRAY, DEEP_OBJECT], ids=["arrays", "objects"])
def test_parse_refuses_deep_nesting_with_a_german_message(text):
    with pytest.raises(ValidationError) as error:
        parse_grenze(text)
    assert error.value.messages == [MESSAGE]


def test_brackets_inside_strings_do_not_count():
    feature = {
        "type": "Feature",
        "properties": {"name": '[[[[[[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{ \\" ]]]'},
        "geometry": SQUARE,
    }
    assert parse_grenze(json.dumps(feature)) == SQUARE


def test_a_feature_collection_of_a_multipolygon_is_not_too_deep():
    multi = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]]}
    collection = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {}, "geometry": multi}],
    }
    assert parse_grenze(json.dumps(collection)) == multi


@pytest.mark.parametrize("text", [DEEP_ARRAY, DEEP_OBJECT], ids=["arrays", "objects"])
def test_deep_nesting_typed_into_the_form_is_a_field_error(client_as, db, text):
    quartier = QuartierFactory(grenze=SQUARE, beschreibung="vorher")
    response = client_as(Role.FACHSTELLE).post(
        reverse("quartiere:quartier_edit", args=[quartier.slug]),
        form_data(quartier, grenze=text),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["grenze"] == [MESSAGE]
    assert 'id="id_grenze_error"' in response.content.decode()
    quartier.refresh_from_db()
    assert (quartier.grenze, quartier.beschreibung) == (SQUARE, "vorher")


def test_deep_nesting_in_an_uploaded_file_is_a_field_error(client_as, db):
    quartier = QuartierFactory(grenze=SQUARE, beschreibung="vorher")
    upload = SimpleUploadedFile("grenze.geojson", DEEP_ARRAY.encode())
    response = client_as(Role.FACHSTELLE).post(
        reverse("quartiere:quartier_edit", args=[quartier.slug]),
        {**form_data(quartier), "grenze_datei": upload},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["grenze_datei"] == [MESSAGE]
    quartier.refresh_from_db()
    assert (quartier.grenze, quartier.beschreibung) == (SQUARE, "vorher")


def test_deep_nesting_in_the_admin_is_a_field_error(client_as, db):
    quartier = QuartierFactory(grenze=SQUARE, beschreibung="vorher")
    response = client_as(Role.FACHSTELLE).post(
        reverse("admin:quartiere_quartier_change", args=[quartier.pk]),
        {
            **form_data(quartier, grenze=DEEP_ARRAY),
            "koordinationen-TOTAL_FORMS": "0",
            "koordinationen-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert MESSAGE in response.context["adminform"].form.errors["grenze"]
    quartier.refresh_from_db()
    assert (quartier.grenze, quartier.beschreibung) == (SQUARE, "vorher")
    assert Quartier.objects.count() == 1


HUGE_NUMBER = '{"type": "Polygon", "coordinates": [[[' + "9" * 5000 + ", 52.4]]]}"


def test_a_number_with_thousands_of_digits_is_a_field_error(client_as, db):
    quartier = QuartierFactory(grenze=SQUARE, beschreibung="vorher")
    client = client_as(Role.FACHSTELLE)
    response = client.post(
        reverse("quartiere:quartier_edit", args=[quartier.slug]),
        form_data(quartier, grenze=HUGE_NUMBER),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["grenze"] == [
        "Die Grenze enthält eine Zahl mit zu vielen Stellen."
    ]
    admin = client.post(
        reverse("admin:quartiere_quartier_change", args=[quartier.pk]),
        {
            **form_data(quartier, grenze=HUGE_NUMBER),
            "koordinationen-TOTAL_FORMS": "0",
            "koordinationen-INITIAL_FORMS": "0",
        },
    )
    assert admin.status_code == 200
    assert admin.context["adminform"].form.errors["grenze"] == [
        "Die Grenze enthält eine Zahl mit zu vielen Stellen."
    ]
    quartier.refresh_from_db()
    assert (quartier.grenze, quartier.beschreibung) == (SQUARE, "vorher")
