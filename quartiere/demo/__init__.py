"""The Langenhagen demo: geography from public facts, and invented daily work labelled as demo."""

from .alltag import seed_aktivitaeten, seed_kennzahlen, seed_planung, seed_taxonomien
from .geografie import DEMO_NOTE, QUARTIERE, hexagon, seed_geography

__all__ = [
    "DEMO_NOTE",
    "QUARTIERE",
    "hexagon",
    "seed_aktivitaeten",
    "seed_geography",
    "seed_kennzahlen",
    "seed_planung",
    "seed_taxonomien",
]
