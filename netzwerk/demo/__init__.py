"""The Netzwerk demo: fictional Akteure, Personen, Gremien, Termine, a Fortbildung, a
Supervision group and Angebote, modelled on the real mix of partners and labelled as demo."""

from .angebote import seed_aktivitaet_partner, seed_angebote
from .treffen import seed_fortbildung, seed_gremien, seed_supervision, seed_termine
from .verzeichnis import seed_akteure, seed_personen

__all__ = [
    "seed_akteure",
    "seed_aktivitaet_partner",
    "seed_angebote",
    "seed_fortbildung",
    "seed_gremien",
    "seed_personen",
    "seed_supervision",
    "seed_termine",
]
