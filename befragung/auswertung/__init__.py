"""Survey results: counts and percentages per question, aggregated in SQL, with suppression.

`auswerten()` needs a constant number of queries for the whole survey, however many
Rueckmeldungen it has: the Rueckmeldungen per group, the respondents per question (and matrix
row), and one GROUP BY over every non-text answer value (option, number, Quartier). A cross-tab
adds the chosen question's option to each GROUP BY through a LEFT JOIN, a filter adds the
Rückmeldung's field, so that the filtered group is one column of a breakdown suppressed as a
whole (see `unterdrueckung`). Split by topic: the
result's shape (`tabellen`), the counting (`zaehlung`), the suppression (`unterdrueckung`) and
the key figures as text (`text`) and the cache of the raw counts (`zwischenspeicher`,
whose version the batch writer replaces); import them from here.
"""

from .tabellen import (
    GESAMT,
    KREUZ_TYPEN,
    OHNE,
    Ergebnis,
    Filter,
    FrageErgebnis,
    Kategorie,
    Spalte,
    Tabelle,
    Zelle,
)
from .text import kennzahlen_text
from .unterdrueckung import Muster, gruppe_sichtbar, is_small, suppress, suppressed_table
from .zaehlung import auswerten, kreuz_fragen
from .zwischenspeicher import daten_geaendert

__all__ = [
    "GESAMT",
    "KREUZ_TYPEN",
    "OHNE",
    "Ergebnis",
    "Filter",
    "FrageErgebnis",
    "Kategorie",
    "Muster",
    "Spalte",
    "Tabelle",
    "Zelle",
    "auswerten",
    "daten_geaendert",
    "gruppe_sichtbar",
    "is_small",
    "kennzahlen_text",
    "kreuz_fragen",
    "suppress",
    "suppressed_table",
]
