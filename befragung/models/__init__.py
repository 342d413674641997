"""The befragung models, split by topic; import them from here."""

from .antworten import Antwort, Rueckmeldung
from .befragungen import SPRACHEN, Befragung, BefragungBedarf, sprache_label
from .fragen import Antwortoption, Frage, Matrixzeile
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
    "Zugangscode",
    "sprache_label",
]
