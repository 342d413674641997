"""GeoJSON boundaries of Quartiere: validation (Polygon/MultiPolygon in WGS84) and small helpers."""

import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gwa_portal.core.uploads import json_too_deep

# A FeatureCollection of one MultiPolygon Feature nests 8 levels; the rest is room for the
# properties GIS tools add.
MAX_NESTING = 20


def check_nesting(text):
    """ValidationError if GeoJSON `text` nests deeper than any boundary needs."""
    if json_too_deep(text, MAX_NESTING):
        raise ValidationError(
            _("Die Grenze ist zu tief verschachtelt (mehr als %(max)s Ebenen).")
            % {"max": MAX_NESTING}
        )


def loads(text):
    """GeoJSON text as Python data: ValidationError when too deep or a number too long,
    JSONDecodeError when it is no JSON."""
    check_nesting(text)
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError:  # an integer of more than 4300 digits (sys.int_info)
        raise ValidationError(_("Die Grenze enthält eine Zahl mit zu vielen Stellen.")) from None


def _check_position(position, where):
    if (
        not isinstance(position, list | tuple)
        or len(position) < 2
        or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in position[:2])
    ):
        raise ValidationError(
            _("%(where)s: Jeder Punkt braucht Längen- und Breitengrad als Zahlen.")
            % {"where": where}
        )
    lon, lat = position[0], position[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValidationError(
            _(
                "%(where)s: Koordinate (%(lon)s, %(lat)s) liegt außerhalb von WGS84 (Länge −180…180, Breite −90…90)."
            )
            % {"where": where, "lon": lon, "lat": lat}
        )


def _check_polygon(rings, where):
    if not isinstance(rings, list) or not rings:
        raise ValidationError(
            _("%(where)s: Ein Polygon braucht mindestens einen Ring.") % {"where": where}
        )
    for index, ring in enumerate(rings, start=1):
        ring_where = _("%(where)s, Ring %(n)s") % {"where": where, "n": index}
        if not isinstance(ring, list) or len(ring) < 4:
            raise ValidationError(
                _("%(where)s: Ein Ring braucht mindestens vier Punkte.") % {"where": ring_where}
            )
        for position in ring:
            _check_position(position, ring_where)
        if list(ring[0][:2]) != list(ring[-1][:2]):
            raise ValidationError(
                _(
                    "%(where)s: Der Ring ist nicht geschlossen (erster und letzter Punkt müssen gleich sein)."
                )
                % {"where": ring_where}
            )


def validate_grenze(value):
    """Accept a GeoJSON Polygon or MultiPolygon geometry (or a Feature wrapping one)."""
    if value in (None, ""):
        return
    if not isinstance(value, dict):
        raise ValidationError(_("Die Grenze muss ein GeoJSON-Objekt sein."))
    if value.get("type") == "Feature":
        value = value.get("geometry") or {}
    kind = value.get("type")
    coordinates = value.get("coordinates")
    if kind == "Polygon":
        _check_polygon(coordinates, _("Polygon"))
    elif kind == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates:
            raise ValidationError(_("Ein MultiPolygon braucht mindestens ein Polygon."))
        for index, polygon in enumerate(coordinates, start=1):
            _check_polygon(polygon, _("Polygon %(n)s") % {"n": index})
    else:
        raise ValidationError(
            _("Die Grenze muss ein GeoJSON-Polygon oder -MultiPolygon sein, nicht „%(kind)s“.")
            % {"kind": kind}
        )


def geometry_of(value):
    """The bare geometry of a stored boundary (a Feature is unwrapped)."""
    if isinstance(value, dict) and value.get("type") == "Feature":
        return value.get("geometry")
    return value


def centroid(value):
    """Mean of the outer ring's points: good enough to place a label on a simplified boundary."""
    geometry = geometry_of(value)
    if not geometry:
        return None
    ring = (
        geometry["coordinates"][0]
        if geometry["type"] == "Polygon"
        else geometry["coordinates"][0][0]
    )
    points = ring[:-1]
    return (
        sum(p[1] for p in points) / len(points),
        sum(p[0] for p in points) / len(points),
    )
