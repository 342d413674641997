"""The netzwerk models, split by topic; import them from here."""

from .angebote import Angebot
from .fortbildung import Anmeldung, Fortbildung
from .gremien import Gremium, Mitgliedschaft
from .protokolle import Aufgabe, Protokoll, Protokollversand
from .supervision import Supervision
from .termine import Einladung, Erinnerung, Ort, Tagesordnungspunkt, Teilnahme, Termin
from .verzeichnis import Akteur, Person

__all__ = [
    "Akteur",
    "Angebot",
    "Anmeldung",
    "Aufgabe",
    "Einladung",
    "Erinnerung",
    "Fortbildung",
    "Gremium",
    "Mitgliedschaft",
    "Ort",
    "Person",
    "Protokoll",
    "Protokollversand",
    "Supervision",
    "Tagesordnungspunkt",
    "Teilnahme",
    "Termin",
]
