"""The shape of a survey result: the filter, the columns, the tables of cells per question."""

from dataclasses import dataclass, field

from quartiere.models import Quartier

from ..models import Frage, Rueckmeldung, sprache_label

GESAMT = "gesamt"
OHNE = "ohne"  # the column of those who did not answer the cross-tab question
KREUZ_TYPEN = (Frage.Typ.EINFACH, Frage.Typ.JANEIN)


@dataclass
class Filter:
    quartier: Quartier | None = None
    sprache: str = ""
    kanal: str = ""
    kreuz: Frage | None = None  # break every question down by this question's options

    def __post_init__(self):
        # Two breakdowns at once would need a suppression consistent across both; one at a
        # time keeps every view a column of one suppressed table (see unterdrueckung).
        if sum(map(bool, (self.quartier, self.sprache, self.kanal, self.kreuz))) > 1:
            raise ValueError("At most one filter or cross-tab at a time.")

    @property
    def is_active(self):
        return bool(self.quartier or self.sprache or self.kanal)

    @property
    def dimension(self):
        """(field of Rueckmeldung, value) of the active filter, or None."""
        if self.quartier:
            return ("quartier_id", self.quartier.pk)
        if self.sprache:
            return ("sprache", self.sprache)
        if self.kanal:
            return ("kanal", self.kanal)
        return None

    @property
    def label(self):
        """The filtered group's name, the heading of its column."""
        if self.quartier:
            return self.quartier.name
        if self.sprache:
            return sprache_label(self.sprache)
        if self.kanal:
            return str(Rueckmeldung.Kanal(self.kanal).label)
        return ""

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
    virtuell: bool = False  # a derived part of a line that is never displayed

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
    # A single-choice question before the cross-tab's own: its breakdown is shown only in the
    # cross-tab by this question, so that each pair of questions is suppressed once.
    verweis: Frage | None = None


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
    # Why nothing is shown: "klein" (the group is below the minimum) or "rest" (the total
    # minus this group would be).
    grund: str = ""

    @property
    def gesamt_zelle(self):
        return self.gesamt[0]
