"""The shape of a survey result: the filter, the columns, the tables of cells per question."""

from dataclasses import dataclass, field

from quartiere.models import Quartier

from ..models import Frage, Rueckmeldung

GESAMT = "gesamt"
OHNE = "ohne"  # the column of those who did not answer the cross-tab question
KREUZ_TYPEN = (Frage.Typ.EINFACH, Frage.Typ.JANEIN)


@dataclass
class Filter:
    quartier: Quartier | None = None
    sprache: str = ""
    kanal: str = ""
    kreuz: Frage | None = None  # break every question down by this question's options

    @property
    def is_active(self):
        return bool(self.quartier or self.sprache or self.kanal)

    def rueckmeldungen(self, befragung):
        qs = Rueckmeldung.objects.filter(befragung=befragung)
        if self.quartier:
            qs = qs.filter(quartier=self.quartier)
        if self.sprache:
            qs = qs.filter(sprache=self.sprache)
        if self.kanal:
            qs = qs.filter(kanal=self.kanal)
        return qs


@dataclass
class Zelle:
    n: int = 0
    basis: int = 0
    unterdrueckt: bool = False

    @property
    def prozent(self):
        if self.unterdrueckt or not self.basis:
            return None
        return round(100 * self.n / self.basis, 1)


@dataclass
class Spalte:
    key: object
    label: str


@dataclass
class Kategorie:
    key: object
    label: str
    zellen: list  # one Zelle per Spalte


@dataclass
class Tabelle:
    """One breakdown: categories × columns; `basis` holds the respondents per column."""

    titel: str
    basis: list
    kategorien: list
    # True where every respondent gives exactly one answer, so the categories of a column add
    # up to its base (not so for multiple choice).
    summiert: bool = True
    mittelwerte: list = field(default_factory=list)  # scale: mean per column or None


@dataclass
class FrageErgebnis:
    frage: Frage
    tabellen: list = field(default_factory=list)
    texte: Zelle | None = None  # free text: how many answered
    kennzahlen: dict = field(default_factory=dict)  # number: n, mean, median


@dataclass
class Ergebnis:
    befragung: object
    filter: Filter
    mindestgruppe: int
    spalten: list
    gesamt: list  # Zelle per Spalte: Rueckmeldungen
    fragen: list
    unterdrueckt: bool = False

    @property
    def gesamt_zelle(self):
        return self.gesamt[0]
