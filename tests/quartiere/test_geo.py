"""Quartier boundaries must be GeoJSON (Multi)Polygons in WGS84, or they are refused."""

import pytest
from django.core.exceptions import ValidationError

from quartiere.demo import hexagon
from quartiere.geo import centroid, validate_grenze

from ..factories import QuartierFactory

SQUARE = {"type": "Polygon", "coordinates": [[[9.7, 52.4], [9.8, 52.4], [9.8, 52.5], [9.7, 52.4]]]}


def test_polygon_multipolygon_and_feature_are_accepted():
    validate_grenze(SQUARE)
    validate_grenze({"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]]})
    validate_grenze({"type": "Feature", "properties": {}, "geometry": SQUARE})
    validate_grenze(None)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"type": "Point", "coordinates": [9.7, 52.4]}, "nicht „Point“"),
        ("kein json", "GeoJSON-Objekt"),
        (
            {"type": "Polygon", "coordinates": [[[9.7, 52.4], [9.8, 52.4], [9.7, 52.4]]]},
            "mindestens vier Punkte",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[9.7, 52.4], [9.8, 52.4], [9.8, 52.5], [9.7, 52.5]]],
            },
            "nicht geschlossen",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[952.4, 9.7], [9.8, 52.4], [9.8, 52.5], [952.4, 9.7]]],
            },
            "WGS84",
        ),
        (
            {"type": "Polygon", "coordinates": [[["a", 1], [9.8, 52.4], [9.8, 52.5], ["a", 1]]]},
            "als Zahlen",
        ),
        ({"type": "MultiPolygon", "coordinates": []}, "mindestens ein Polygon"),
    ],
)
def test_invalid_boundaries_get_a_clear_german_error(value, message):
    with pytest.raises(ValidationError) as error:
        validate_grenze(value)
    assert message in " ".join(error.value.messages)


def test_saving_a_quartier_with_an_invalid_boundary_is_refused(db):
    with pytest.raises(ValidationError):
        QuartierFactory(grenze={"type": "Point", "coordinates": [9.7, 52.4]})


def test_hexagon_is_valid_and_centred():
    shape = hexagon(52.44, 9.74, 0.5)
    validate_grenze(shape)
    lat, lon = centroid(shape)
    assert abs(lat - 52.44) < 0.001 and abs(lon - 9.74) < 0.001
