"""The Netzwerk demo: fictional Akteure, Personen, Gremien, Termine, Fortbildungen, a
Supervision group, released Protokolle with Aufgaben and Angebote, modelled on the real mix
of partners and labelled as demo."""

from .angebote import seed_aktivitaet_partner, seed_angebote
from .nachbereitung import seed_besuchte_fortbildung, seed_protokolle
from .treffen import seed_fortbildung, seed_gremien, seed_supervision, seed_termine
from .verzeichnis import seed_akteure, seed_personen

__all__ = [
    "seed_akteure",
    "seed_aktivitaet_partner",
    "seed_angebote",
    "seed_besuchte_fortbildung",
    "seed_fortbildung",
    "seed_gremien",
    "seed_personen",
    "seed_protokolle",
    "seed_supervision",
    "seed_termine",
]
