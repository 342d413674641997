"""Survey results: counts and percentages per question, aggregated in SQL, with suppression.

`auswerten()` needs a constant number of queries for the whole survey, however many
Rueckmeldungen it has: the Rueckmeldungen per group, the respondents per question (and matrix
row), and one GROUP BY over every non-text answer value (option, number, Quartier). A cross-tab
adds the chosen question's option to each GROUP BY through a LEFT JOIN.

Privacy: a cell with fewer answers than `befragung.mindestgruppe` is suppressed, and so is the
whole result when the (filtered) number of Rueckmeldungen is below it. Cells that add up to a
shown total get complementary suppression: when exactly one cell of such a line is suppressed,
the next smallest one is suppressed too, so that the hidden value cannot be worked out by
subtraction. Percentages are of the respondents who answered the question in that column.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, FilteredRelation, Q
from django.utils.translation import gettext as _

from quartiere.models import Quartier

from .models import Antwort, Frage, Rueckmeldung
from .models.texte import text_in

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


def _with_kreuz(queryset, kreuz, path):
    """Annotate `kreuz`: the option chosen in the cross-tab question by the same Rueckmeldung,
    through a LEFT JOIN (at most one answer per Rueckmeldung to a single-choice question)."""
    prefix = f"{path}__" if path else ""
    return queryset.annotate(
        kreuz_antwort=FilteredRelation(
            f"{prefix}antworten", condition=Q(**{f"{prefix}antworten__frage": kreuz})
        )
    ).annotate(kreuz=F("kreuz_antwort__option_id"))


def _spalten(kreuz, sprache="de"):
    spalten = [Spalte(GESAMT, _("Gesamt"))]
    if kreuz is not None:
        spalten += [Spalte(o.pk, o.t("text", sprache)) for o in kreuz.optionen.all()]
        spalten.append(Spalte(OHNE, _("ohne Antwort")))
    return spalten


def _column_key(kreuz_value, kreuz_keys):
    if kreuz_value is None or kreuz_value not in kreuz_keys:
        return OHNE
    return kreuz_value


def _fold(rows, key_fields, kreuz, kreuz_keys):
    """{key tuple: {column: n}} from grouped rows, with the Gesamt column as the sum."""
    counts = defaultdict(lambda: defaultdict(int))
    for row in rows:
        key = tuple(row[f] for f in key_fields)
        counts[key][GESAMT] += row["n"]
        if kreuz is not None:
            counts[key][_column_key(row["kreuz"], kreuz_keys)] += row["n"]
    return counts


def _grouped(queryset, fields, kreuz, count):
    if kreuz is not None:
        queryset = _with_kreuz(queryset, kreuz, "rueckmeldung")
        fields = [*fields, "kreuz"]
    return queryset.values(*fields).annotate(n=count).order_by()


def is_small(n, mindestgruppe):
    """Fewer answers than the minimum group size, but not none: a true zero names nobody."""
    return 0 < n < mindestgruppe


def suppress(lines, mindestgruppe, *, columns=()):
    """Hide small cells, then add complementary suppression until no line has exactly one
    hidden cell. A line is a list of Zelle whose first cell is the sum of the others (a total
    and its parts), so one hidden cell in it could be computed. `columns` are (basis, cells)
    pairs: a hidden basis hides its whole column."""
    for line in lines:
        for zelle in line:
            if is_small(zelle.n, mindestgruppe):
                zelle.unterdrueckt = True
    changed = True
    while changed:
        changed = False
        for basis, cells in columns:
            if basis.unterdrueckt:
                for zelle in cells:
                    if not zelle.unterdrueckt:
                        zelle.unterdrueckt = changed = True
        for line in lines:
            hidden = [z for z in line if z.unterdrueckt]
            shown = [z for z in line if not z.unterdrueckt]
            if len(hidden) == 1 and shown:
                # The next smallest; a zero only when nothing else is left, since a zero in
                # an empty group would protect nothing.
                min(shown, key=lambda z: (z.n == 0, z.n)).unterdrueckt = True
                changed = True


def auswerten(befragung, filter=None, *, sprache="de"):
    filter = filter or Filter()
    kreuz = filter.kreuz
    mindest = befragung.mindestgruppe
    fragen = list(befragung.fragen.order_by("position").prefetch_related("optionen", "zeilen"))
    spalten = _spalten(kreuz, sprache)
    kreuz_keys = {s.key for s in spalten[1:-1]}
    keys = [s.key for s in spalten]

    rueckmeldungen = filter.rueckmeldungen(befragung)
    # The question filter is implied by the Rückmeldungen, but it lets PostgreSQL read this
    # survey's answers through the frage index instead of scanning every survey's answers.
    antworten = Antwort.objects.filter(
        frage_id__in=[f.pk for f in fragen], rueckmeldung__in=rueckmeldungen
    )

    # 1. Rueckmeldungen per column.
    if kreuz is None:
        totals = {GESAMT: rueckmeldungen.count()}
    else:
        totals = defaultdict(int)
        rows = (
            _with_kreuz(rueckmeldungen, kreuz, "")
            .values("kreuz")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in rows:
            totals[GESAMT] += row["n"]
            totals[_column_key(row["kreuz"], kreuz_keys)] += row["n"]
    gesamt = [Zelle(n=totals.get(k, 0), basis=totals.get(GESAMT, 0)) for k in keys]
    ergebnis = Ergebnis(befragung, filter, mindest, spalten, gesamt, [])
    suppress([gesamt] if kreuz is not None else [], mindest)
    if gesamt[0].n < mindest:
        for zelle in gesamt:
            zelle.unterdrueckt = True
        ergebnis.unterdrueckt = True
        return ergebnis

    # 2. Respondents per question (and matrix row) and column.
    basis = _fold(
        _grouped(
            antworten, ["frage_id", "zeile_id"], kreuz, Count("rueckmeldung_id", distinct=True)
        ),
        ["frage_id", "zeile_id"],
        kreuz,
        kreuz_keys,
    )
    # 3. Every non-text answer value: option (with matrix row), number, Quartier.
    werte = _fold(
        _grouped(
            antworten.filter(text=""),
            ["frage_id", "zeile_id", "option_id", "zahl", "quartier_id"],
            kreuz,
            Count("id"),
        ),
        ["frage_id", "zeile_id", "option_id", "zahl", "quartier_id"],
        kreuz,
        kreuz_keys,
    )
    by_frage = defaultdict(dict)
    for (frage_id, zeile_id, option_id, zahl, quartier_id), cols in werte.items():
        by_frage[frage_id][(zeile_id, option_id, zahl, quartier_id)] = cols
    quartier_names = _quartier_names(befragung, fragen)

    for frage in fragen:
        result = FrageErgebnis(frage)
        values = by_frage.get(frage.pk, {})
        if frage.typ == Frage.Typ.TEXT:
            cols = basis.get((frage.pk, None), {})
            n = cols.get(GESAMT, 0)
            result.texte = Zelle(n=n, basis=gesamt[0].n, unterdrueckt=is_small(n, mindest))
        elif frage.typ == Frage.Typ.ZAHL:
            result.kennzahlen = _kennzahlen(values, basis.get((frage.pk, None), {}), mindest)
        elif frage.typ == Frage.Typ.MATRIX:
            for zeile in frage.zeilen.all():
                kategorien = [
                    (o.pk, o.t("text", sprache), values.get((zeile.pk, o.pk, None, None), {}))
                    for o in frage.optionen.all()
                ]
                result.tabellen.append(
                    suppressed_table(
                        zeile.t("text", sprache),
                        basis.get((frage.pk, zeile.pk), {}),
                        kategorien,
                        keys,
                        mindest,
                    )
                )
        else:
            if frage.typ == Frage.Typ.SKALA:
                kategorien = [
                    (w, str(w), values.get((None, None, w, None), {})) for w in frage.skala_werte()
                ]
            elif frage.typ == Frage.Typ.QUARTIER:
                ids = sorted(
                    {k[3] for k in values if k[3] is not None},
                    key=lambda pk: quartier_names.get(pk, ""),
                )
                kategorien = [
                    (pk, quartier_names.get(pk, "?"), values[(None, None, None, pk)]) for pk in ids
                ]
            else:
                kategorien = [
                    (o.pk, o.t("text", sprache), values.get((None, o.pk, None, None), {}))
                    for o in frage.optionen.all()
                ]
            tabelle = suppressed_table(
                "",
                basis.get((frage.pk, None), {}),
                kategorien,
                keys,
                mindest,
                summiert=frage.typ != Frage.Typ.MEHRFACH,
            )
            if frage.typ == Frage.Typ.SKALA:
                tabelle.mittelwerte = _mittelwerte(tabelle, kategorien, keys)
            result.tabellen.append(tabelle)
        ergebnis.fragen.append(result)
    return ergebnis


def _quartier_names(befragung, fragen):
    if not any(f.typ == Frage.Typ.QUARTIER for f in fragen):
        return {}
    return dict(Quartier.objects.values_list("pk", "name"))


def suppressed_table(titel, basis_cols, kategorien, keys, mindest, *, summiert=True):
    """One result table with small-group and complementary suppression applied; shared
    with the cockpit's Sachstandsbericht, so both hide exactly the same cells."""
    basis = [Zelle(n=basis_cols.get(k, 0), basis=basis_cols.get(k, 0)) for k in keys]
    rows = [
        Kategorie(
            key,
            label,
            [Zelle(n=cols.get(k, 0), basis=basis[i].n) for i, k in enumerate(keys)],
        )
        for key, label, cols in kategorien
    ]
    columns = [(basis[i], [row.zellen[i] for row in rows]) for i in range(len(keys))]
    # Lines of a total and its parts: a column's base and its categories (single answers
    # only; multiple choice does not add up), and in a cross-tab each category and the base
    # across the groups (Gesamt = the groups plus those without an answer to the question).
    lines = [[b] for b in basis]
    if summiert:
        lines += [[b, *cells] for b, cells in columns]
    if len(keys) > 1:
        lines += [row.zellen for row in rows]
        lines.append(basis)
    else:
        lines += [row.zellen for row in rows]
    suppress(lines, mindest, columns=columns)
    return Tabelle(titel, basis, rows, summiert=summiert)


def _mittelwerte(tabelle, kategorien, keys):
    means = []
    for i, key in enumerate(keys):
        if tabelle.basis[i].unterdrueckt:
            means.append(None)
            continue
        total = sum(cols.get(key, 0) for _k, _l, cols in kategorien)
        weighted = sum(value * cols.get(key, 0) for value, _l, cols in kategorien)
        means.append(round(weighted / total, 2) if total else None)
    return means


def _kennzahlen(values, basis_cols, mindest):
    """Number questions: how many answered, mean and median from the value counts."""
    counts = sorted((k[2], cols.get(GESAMT, 0)) for k, cols in values.items() if k[2] is not None)
    n = sum(c for _v, c in counts)
    if n < mindest:  # also none: no mean or median to show
        return {"n": n, "unterdrueckt": True}
    mean = sum(v * c for v, c in counts) / n
    return {
        "n": n,
        "mittelwert": round(mean, 2),
        "median": _median(counts, n),
        "unterdrueckt": False,
    }


def _median(counts, n):
    """The median of a sorted value histogram [(value, count)]."""
    lower_index, upper_index = (n - 1) // 2, n // 2
    seen = 0
    lower = upper = None
    for value, count in counts:
        if lower is None and seen + count > lower_index:
            lower = value
        if seen + count > upper_index:
            upper = value
            break
        seen += count
    return (lower + upper) / 2


def kreuz_fragen(befragung):
    """Questions a cross-tab may break down by: single choice and yes/no."""
    return befragung.fragen.filter(typ__in=KREUZ_TYPEN).order_by("position")


def kennzahlen_text(ergebnis, frage_ergebnis):
    """The key figures of one question as plain German text (for a Bedarf's description)."""
    frage = frage_ergebnis.frage
    lines = [
        _("Befragung „%(befragung)s“, Frage %(nr)s: %(frage)s")
        % {
            "befragung": ergebnis.befragung,
            "nr": frage.position,
            "frage": text_in(frage.text, "de"),
        },
        _("Rückmeldungen insgesamt: %(n)s") % {"n": ergebnis.gesamt_zelle.n},
    ]
    unterdrueckt = _("< %(n)s") % {"n": ergebnis.mindestgruppe}
    if frage_ergebnis.texte is not None:
        n = unterdrueckt if frage_ergebnis.texte.unterdrueckt else frage_ergebnis.texte.n
        lines.append(_("Freitext-Antworten: %(n)s") % {"n": n})
    if frage_ergebnis.kennzahlen:
        k = frage_ergebnis.kennzahlen
        if k.get("unterdrueckt"):
            lines.append(_("Antworten: %(n)s") % {"n": unterdrueckt})
        else:
            lines.append(
                _("Antworten: %(n)s, Mittelwert %(m)s, Median %(md)s")
                % {"n": k["n"], "m": k["mittelwert"], "md": k["median"]}
            )
    for tabelle in frage_ergebnis.tabellen:
        basis = tabelle.basis[0]
        prefix = f"{tabelle.titel}: " if tabelle.titel else ""
        lines.append(
            prefix
            + _("Basis: %(n)s Befragte") % {"n": unterdrueckt if basis.unterdrueckt else basis.n}
        )
        for kategorie in tabelle.kategorien:
            zelle = kategorie.zellen[0]
            value = (
                unterdrueckt
                if zelle.unterdrueckt
                else f"{zelle.n} ({str(zelle.prozent).replace('.', ',')} %)"
            )
            lines.append(f"– {kategorie.label}: {value}")
        if tabelle.mittelwerte and tabelle.mittelwerte[0] is not None:
            lines.append(
                _("Mittelwert: %(m)s") % {"m": str(tabelle.mittelwerte[0]).replace(".", ",")}
            )
    return "\n".join(lines)
