"""Sachstandsbericht: the committee report's figures for a period and all or some Quartiere.

`sachstandsbericht()` returns plain dataclasses; the HTML view, the CSV and the XLSX export
all read the same structure (`tabellen()` flattens it). Every figure is aggregated in SQL, and
the whole report takes the same number of queries however much data there is.

One module per section (`aktivitaeten`, `sitzungen`, `fortbildungen`, `befragungen`,
`massnahmen`), each with its dataclasses and an `abschnitt()` that computes it; `zeitraum`
holds the period as datetimes, `tabellen` flattens the report for the exports.

Definitions (the report prints them too):

- **Period**: `von` to `bis`, both days included. Aktivitäten by their date, Termine by their
  start (Europe/Berlin). Befragungen by their own period, with all their Rückmeldungen.
- **Quartier filter**: with no Quartiere chosen, everything counts, citywide items included.
  With a choice, only items of those Quartiere count: Aktivitäten by their Quartier, Termine by
  their own Quartier or their Gremium's (as `Termin.for_quartier`), Fortbildungen by the
  Quartier of a Termin in the period, Befragungen that cover one of them, Maßnahmen of one of
  them. Citywide items (a Gremium without Quartier, a Termin or Fortbildung without one, a
  survey for the whole city) are then left out, because they cannot be assigned to a Quartier.
- **Sitzung (meeting held)**: a Termin that is neither a Fortbildung nor a Supervision
  Termin, starts in the period and is „stattgefunden“, or still „geplant“ but ended before
  `today` (nobody updated the status). Cancelled Termine are counted separately.
- **Fortbildung**: one with at least one non-cancelled Termin in the period. Participants are
  its Anmeldungen with status „teilgenommen“; hours = the Fortbildung's hours × participants.
  A Fortbildung with Termine in two periods counts in both.
- **Befragung**: not a draft, and its own period (open ends allowed) overlaps the report's.
  Its figures are those of the whole survey (a cut by day could be subtracted from
  another report and reveal a small group). Results for up to 3 single-choice or yes/no
  questions, with the suppression of `befragung.auswertung` (minimum group size).
- **Maßnahme**: of one of the Quartiere, and its period overlaps the report's (no dates: it
  counts). The status is the one at the time of generation; the report says so.

Aktivitäten with several Handlungsfelder (or Zielgruppen) count in each of them, so those rows
may add up to more than the total.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from . import aktivitaeten, befragungen, fortbildungen, massnahmen, sitzungen
from .aktivitaeten import Aktivitaeten, Summe
from .befragungen import (
    BEFRAGUNG_FRAGEN,
    BefragungErgebnis,
    FrageErgebnis,
    unterdrueckt_text,
    weniger_als_text,
)
from .fortbildungen import Fortbildungen, FortbildungZeile
from .massnahmen import Massnahmen
from .sitzungen import OHNE_GREMIUM, Sitzungen, SitzungZeile
from .tabellen import Tabelle, quartiere_text, tabellen

__all__ = [
    "BEFRAGUNG_FRAGEN",
    "MAX_JAHRE",
    "OHNE_GREMIUM",
    "Aktivitaeten",
    "BefragungErgebnis",
    "Bericht",
    "FortbildungZeile",
    "Fortbildungen",
    "FrageErgebnis",
    "Massnahmen",
    "SitzungZeile",
    "Sitzungen",
    "Summe",
    "Tabelle",
    "quartiere_text",
    "sachstandsbericht",
    "tabellen",
    "unterdrueckt_text",
    "weniger_als_text",
]

MAX_JAHRE = 5


@dataclass
class Bericht:
    von: datetime.date
    bis: datetime.date
    quartiere: list  # the chosen Quartiere; empty: all
    erstellt_am: datetime.date
    aktivitaeten: Aktivitaeten
    sitzungen: Sitzungen
    fortbildungen: Fortbildungen
    befragungen: list  # BefragungErgebnis
    massnahmen: Massnahmen

    @property
    def alle_quartiere(self):
        return not self.quartiere


def sachstandsbericht(*, von, bis, quartiere, today=None):
    """The report for `von`..`bis` (inclusive) and `quartiere` (empty: all, citywide included).

    `today` only decides whether a Termin still „geplant“ lies in the past; pass it to get the
    same numbers on another day (the view passes the current date)."""
    today = today or timezone.localdate()
    quartiere = sorted(quartiere, key=lambda q: q.name)
    return Bericht(
        von=von,
        bis=bis,
        quartiere=quartiere,
        erstellt_am=today,
        aktivitaeten=aktivitaeten.abschnitt(von, bis, quartiere),
        sitzungen=sitzungen.abschnitt(von, bis, quartiere, today),
        fortbildungen=fortbildungen.abschnitt(von, bis, quartiere),
        befragungen=befragungen.abschnitt(von, bis, quartiere),
        massnahmen=massnahmen.abschnitt(von, bis, quartiere),
    )
