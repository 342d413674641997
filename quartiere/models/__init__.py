"""The quartiere models, split by topic; import them from here."""

from .aktivitaeten import Aktivitaet, AktivitaetSumme
from .gebiete import RESERVED_SLUGS, Koordination, Quartier, Stadtteil
from .kennzahlen import Kennzahl, Merkmal
from .planung import Bedarf, Massnahme
from .taxonomie import Handlungsfeld, Zielgruppe

__all__ = [
    "RESERVED_SLUGS",
    "Aktivitaet",
    "AktivitaetSumme",
    "Bedarf",
    "Handlungsfeld",
    "Kennzahl",
    "Koordination",
    "Massnahme",
    "Merkmal",
    "Quartier",
    "Stadtteil",
    "Zielgruppe",
]
