"""Demo geography of Langenhagen, built from the public facts in `data/langenhagen.json`.

Boundaries are simplified hexagons around the real centres: demo data, not official borders.
"""

import json
import math
from pathlib import Path

from django.db import transaction

from gwa_portal.core.forms import suggest_slug

from ..models import Quartier, Stadtteil

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "langenhagen.json"

DEMO_NOTE = "Demo-Daten: vereinfachte Grenze, keine amtliche Abgrenzung."

# (Quartier, Stadtteil, typology, centre lat/lon or None for the Stadtteil's, radius km, text)
QUARTIERE = [
    (
        "Alte Mitte",
        "Langenhagen-Mitte",
        "urban",
        (52.4385, 9.7355),
        0.55,
        "Altes Zentrum südlich des Reuterdamms und westlich der Walsroder Straße; "
        "Fördergebiet „Lebendige Zentren – Kernstadt Nord / Walsroder Straße“.",
    ),
    (
        "Stadtpark-Viertel",
        "Langenhagen-Mitte",
        "urban",
        (52.4330, 9.7450),
        0.5,
        "Wohnquartier rund um den Stadtpark, seit 2020 Teil des Fördergebiets.",
    ),
    (
        "Alt-Langenhagen",
        "Alt-Langenhagen",
        "urban",
        None,
        0.6,
        "Historischer Ortskern mit Einfamilienhäusern und Geschosswohnungsbau.",
    ),
    ("Brink", "Brink", "suburban", None, 0.6, "Wohngebiet im Süden der Kernstadt."),
    (
        "Langenforth / Ada-Lessing-Platz",
        "Langenforth",
        "urban",
        None,
        0.6,
        "Quartier rund um den Ada-Lessing-Platz; Beteiligungsprojekt „Zukunft in Langenforth“.",
    ),
    (
        "Wiesenau",
        "Wiesenau",
        "urban",
        None,
        0.55,
        "Südlich der A2, fast ganz von Hannover umgeben; Fördergebiet „Sozialer Zusammenhalt“; "
        "viele Wohnungen der städtischen Wohnungsgesellschaft aus den Jahren 1939–42.",
    ),
    (
        "Engelbostel",
        "Engelbostel",
        "doerflich",
        None,
        1.1,
        "Ortschaft im Westen mit dörflicher Struktur.",
    ),
    (
        "Godshorn",
        "Godshorn",
        "suburban",
        None,
        0.9,
        "Ortschaft mit geplantem Mehrgenerationen- und Gemeinwesenzentrum.",
    ),
    (
        "Kaltenweide-Weiherfeld",
        "Kaltenweide",
        "suburban",
        (52.4790, 9.7200),
        0.7,
        "Neubaugebiet seit 1994 mit vielen jungen Familien; am schnellsten wachsender Ortsteil.",
    ),
    (
        "Kaltenweide-Ort",
        "Kaltenweide",
        "doerflich",
        (52.4700, 9.7400),
        0.9,
        "Alter Ortskern mit Altenhorst, Hainhaus, Maspe, Twenge, Kananohe und Kiebitzkrug.",
    ),
    ("Krähenwinkel", "Krähenwinkel", "doerflich", None, 0.8, "Kleine Ortschaft im Norden."),
    (
        "Schulenburg",
        "Schulenburg",
        "doerflich",
        None,
        0.6,
        "Ortschaft mit Nord, Mitte und Süd; Schulenburg-Nord ist wegen des Flughafens fast verschwunden.",
    ),
]


def german_slug(name):
    """„Krähenwinkel“ becomes „kraehenwinkel“; a slash separates words („Nord/Süd“)."""
    return suggest_slug(name.replace("/", " "))


def hexagon(lat, lon, radius_km):
    """A closed six-point ring around (lat, lon), as GeoJSON [lon, lat] positions."""
    dlat = radius_km / 111.32
    dlon = radius_km / (111.32 * math.cos(math.radians(lat)))
    ring = [
        [
            round(lon + dlon * math.cos(math.radians(a)), 5),
            round(lat + dlat * math.sin(math.radians(a)), 5),
        ]
        for a in range(0, 360, 60)
    ]
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def load_facts():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def _stadtteile_from_facts(facts):
    """Kernstadt districts become Stadtteile of kind kernstadt; the five Ortschaften of kind ortsteil."""
    for entry in facts["stadtteile"]:
        if entry["kind"] == "kernstadt":
            for district in entry["districts"]:
                note = district.get("note", "")
                yield {
                    "name": district["name"],
                    "art": Stadtteil.Art.KERNSTADT,
                    "centre": district["centre"],
                    "einwohner": None,
                    "einwohner_stand": "",
                    "approx": district.get("approx", False),
                    "beschreibung": f"Bezirk der Kernstadt. {note}".strip(),
                }
        else:
            yield {
                "name": entry["name"],
                "art": Stadtteil.Art.ORTSTEIL,
                "centre": entry["centre"],
                "einwohner": entry.get("population"),
                "einwohner_stand": entry.get("population_date", ""),
                "approx": entry.get("approx", False),
                "beschreibung": "Ortschaft, 1974 eingemeindet. " + entry.get("note", ""),
            }


@transaction.atomic
def seed_geography():
    """Create or update the Stadtteile and Quartiere. Safe to run repeatedly."""
    facts = load_facts()
    centres = {}
    for item in _stadtteile_from_facts(facts):
        centres[item["name"]] = item["centre"]
        Stadtteil.objects.update_or_create(
            slug=german_slug(item["name"]),
            defaults={
                "name": item["name"],
                "art": item["art"],
                "beschreibung": item["beschreibung"].strip() + " (Demo-Daten)",
                "einwohner": item["einwohner"],
                "einwohner_stand": item["einwohner_stand"],
                "einwohner_geschaetzt": item["approx"],
            },
        )
    stadtteile = {s.name: s for s in Stadtteil.objects.all()}
    for name, stadtteil_name, typologie, centre, radius, text in QUARTIERE:
        lat, lon = centre or centres[stadtteil_name]
        Quartier.objects.update_or_create(
            slug=german_slug(name),
            defaults={
                "name": name,
                "stadtteil": stadtteile[stadtteil_name],
                "typologie": typologie,
                "beschreibung": f"{text}\n\n{DEMO_NOTE}",
                "kontakt_oeffentlich": "Fachstelle Gemeinwesenarbeit, Stadt Langenhagen (Demo)",
                "grenze": hexagon(lat, lon, radius),
                "grenze_vereinfacht": True,
            },
        )
    return len(stadtteile), len(QUARTIERE)
