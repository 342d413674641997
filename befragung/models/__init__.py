"""The befragung models, split by topic; import them from here."""

from .antworten import Antwort, Rueckmeldung, WartendeRueckmeldung
from .befragungen import Befragung, BefragungBedarf
from .fragen import Antwortoption, Frage, Matrixzeile
from .sprachen import SPRACHEN, sprache_label
from .zugang import Befragungseinladung, Zugangscode

__all__ = [
    "SPRACHEN",
    "Antwort",
    "Antwortoption",
    "Befragung",
    "BefragungBedarf",
    "Befragungseinladung",
    "Frage",
    "Matrixzeile",
    "Rueckmeldung",
    "WartendeRueckmeldung",
    "Zugangscode",
    "sprache_label",
]
