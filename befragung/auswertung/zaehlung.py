"""`auswerten()`: a survey's answers counted in a constant number of queries, per column of an
optional cross-tab or of the breakdown a filter picks its column from, then suppressed
together (see `unterdrueckung`)."""

from collections import defaultdict
from dataclasses import replace

from django.utils.translation import gettext as _

from quartiere.models import Quartier

from ..models import Frage
from . import abfragen, zwischenspeicher
from .tabellen import GESAMT, KREUZ_TYPEN, OHNE, Ergebnis, Filter, FrageErgebnis, Spalte
from .unterdrueckung import Muster, erlaubte_gruppen, gruppen_zaehlen


def _keys(filter, optionen, totals, sprache):
    """The columns: Gesamt, then the cross-tab's options and „ohne Antwort“, or every group of
    the filter's dimension (the filtered view shows one of them)."""
    spalten = [Spalte(GESAMT, _("Gesamt"))]
    if filter.kreuz is not None:
        spalten += [Spalte(o.pk, o.t("text", sprache)) for o in optionen]
        spalten.append(Spalte(OHNE, _("ohne Antwort")))
    elif filter.dimension is not None:
        wert = filter.dimension[1]
        werte = sorted((k for k in totals if k not in (GESAMT, wert)), key=str)
        spalten += [Spalte(k, "") for k in werte] + [Spalte(wert, filter.label)]
    return spalten


def _count(rows, column_keys, breakdown):
    """({(frage_id, zeile_id): {column: n}}, {value key: {column: n}}): the respondents per
    question (and matrix row) and the answers per value, from the raw counts of `_raw`.

    A Rückmeldung gives at most one answer per question (and matrix row) except to a multiple
    choice (`befragung.antworten`), so the respondents are the sum of the values' answers;
    only the multiple-choice questions count their respondents distinctly."""
    basis = defaultdict(lambda: defaultdict(int))
    werte = defaultdict(lambda: defaultdict(int))

    def add(counts, spalte, n):
        counts[GESAMT] += n
        if breakdown:
            counts[spalte if spalte in column_keys else OHNE] += n

    mehrfach = set(rows["mehrfach"])
    for *key, spalte, n in rows["werte"]:
        add(werte[tuple(key)], spalte, n)
        if key[0] not in mehrfach:
            add(basis[(key[0], key[1])], spalte, n)
    for frage_id, spalte, n in rows["befragte"]:
        add(basis[(frage_id, None)], spalte, n)
    return basis, werte


def _raw(befragung, fragen, filter):
    """The raw counts of one pass over the answers (see abfragen); cached as they are."""
    mehrfach = sorted(f.pk for f in fragen if f.typ == Frage.Typ.MEHRFACH)
    return {
        "mehrfach": mehrfach,
        "werte": abfragen.werte([f.pk for f in fragen], filter, befragung.pk),
        "befragte": abfragen.befragte(mehrfach, filter, befragung.pk),
    }


def _kreuz_totals(filter, rows, n):
    """Rueckmeldungen per column of a cross-tab (or only Gesamt): its groups are the answers
    to its own question, counted already, since a Rückmeldung answers a single-choice
    question at most once; the rest answered it not."""
    totals = {GESAMT: n}
    if filter.kreuz is not None:
        kreuz_keys = {o.pk for o in filter.kreuz.optionen.all()}
        for frage_id, zeile_id, option_id, _z, _q, _spalte, count in rows["werte"]:
            if frage_id == filter.kreuz.pk and zeile_id is None and option_id in kreuz_keys:
                totals[option_id] = totals.get(option_id, 0) + count
        totals[OHNE] = n - sum(totals[k] for k in kreuz_keys if k in totals)
    return totals


def _counted(befragung, filter, fragen):
    """(totals per column, raw counts): the Rückmeldungen (one query, every time: the cache
    key holds their number) and the answers' counts, from the cache where they are."""
    alle = Filter().rueckmeldungen(befragung)
    if filter.dimension is not None:
        gruppen = gruppen_zaehlen(alle, filter.dimension[0])
        n, spalte = gruppen[GESAMT], filter.dimension[0]
    else:
        gruppen, n = None, alle.count()
        spalte = f"kreuz-{filter.kreuz.pk}" if filter.kreuz is not None else GESAMT
    rows = zwischenspeicher.zaehlungen(
        befragung,
        n=n,
        struktur=zwischenspeicher.struktur(fragen),
        spalte=spalte,
        compute=lambda: _raw(befragung, fragen, filter),
    )
    return (gruppen if gruppen is not None else _kreuz_totals(filter, rows, n)), rows


def auswerten(befragung, filter=None, *, sprache="de"):
    """The results of a survey, suppressed; with a filter, the filtered group's column of the
    breakdown by that filter's dimension (see unterdrueckung)."""
    filter = filter or Filter()
    mindest = befragung.mindestgruppe
    fragen = list(befragung.fragen.order_by("position").prefetch_related("optionen", "zeilen"))
    if filter.kreuz is not None:
        # The prefetched question (its options), so that it costs no query of its own.
        kreuz = next((f for f in fragen if f.pk == filter.kreuz.pk), None)
        if kreuz is None:
            raise ValueError("The cross-tab question belongs to another survey.")
        filter = replace(filter, kreuz=kreuz)
    kreuz = filter.kreuz
    optionen = list(kreuz.optionen.all()) if kreuz is not None else []
    totals, rows = _counted(befragung, filter, fragen)
    spalten = _keys(filter, optionen, totals, sprache)
    keys = [s.key for s in spalten]
    shown = len(keys) - 1 if filter.dimension is not None else 0  # the column on display
    breakdown = len(keys) > 1

    muster = Muster(mindest, keys)
    gesamt = muster.gruppen(totals, linie=kreuz is None)
    ergebnis = Ergebnis(befragung, filter, mindest, spalten, gesamt, [])
    if (
        filter.dimension is not None
        and gesamt[shown].n
        and filter.dimension not in erlaubte_gruppen(befragung)
    ):
        gesamt[shown].unterdrueckt = True  # another dimension's group would give it away
    if (
        gesamt[0].n < mindest
        or gesamt[shown].unterdrueckt
        or (filter.dimension is not None and not gesamt[shown].n)
    ):
        muster.apply()
        return _project(ergebnis, shown)

    basis, werte = _count(rows, set(keys), breakdown)
    by_frage = defaultdict(dict)
    for (frage_id, zeile_id, option_id, zahl, quartier_id), cols in werte.items():
        by_frage[frage_id][(zeile_id, option_id, zahl, quartier_id)] = cols
    quartier_names = _quartier_names(fragen, by_frage)

    later = []  # means and key figures, computed once the suppression is known
    for frage in fragen:
        result = FrageErgebnis(frage)
        values = by_frage.get(frage.pk, {})
        if frage.typ == Frage.Typ.TEXT:
            result.texte = muster.basis(basis.get((frage.pk, None), {}))
        elif frage.typ == Frage.Typ.ZAHL:
            zellen = muster.basis(basis.get((frage.pk, None), {}))
            later.append(("zahl", result, zellen, values))
        elif frage.typ == Frage.Typ.MATRIX:
            for zeile in frage.zeilen.all():
                kategorien = [
                    (o.pk, o.t("text", sprache), values.get((zeile.pk, o.pk, None, None), {}))
                    for o in frage.optionen.all()
                ]
                result.tabellen.append(
                    muster.table(
                        zeile.t("text", sprache), basis.get((frage.pk, zeile.pk), {}), kategorien
                    )
                )
        else:
            kategorien = _kategorien(frage, values, quartier_names, sprache)
            # K × Q and Q × K are the same counts: shown once, in the cross-tab by the
            # earlier question, else the two suppressions could complete each other.
            verweis = (
                kreuz is not None
                and frage.typ in KREUZ_TYPEN
                and (frage.position, frage.pk) < (kreuz.position, kreuz.pk)
            )
            tabelle = muster.table(
                "",
                basis.get((frage.pk, None), {}),
                kategorien,
                summiert=frage.typ != Frage.Typ.MEHRFACH,
                nur_gesamt=verweis,
            )
            if verweis:
                tabelle.verweis = frage
            if frage.typ == Frage.Typ.SKALA:
                later.append(("skala", tabelle, kategorien, keys))
            if kreuz is not None and frage.pk == kreuz.pk:
                # An option hidden in its own question hides the group that chose it.
                for kategorie in tabelle.kategorien:
                    muster.tie(kategorie.zellen[0], [gesamt[keys.index(kategorie.key)]])
            result.tabellen.append(tabelle)
        ergebnis.fragen.append(result)
    muster.apply()
    for kind, *args in later:
        if kind == "skala":
            tabelle, kategorien, keys = args
            tabelle.mittelwerte = _mittelwerte(tabelle, kategorien, keys)
        else:
            result, zellen, values = args
            result.kennzahlen = _kennzahlen(values, zellen[shown], keys[shown])
    return _project(ergebnis, shown)


def _kategorien(frage, values, quartier_names, sprache):
    if frage.typ == Frage.Typ.SKALA:
        return [(w, str(w), values.get((None, None, w, None), {})) for w in frage.skala_werte()]
    if frage.typ == Frage.Typ.QUARTIER:
        ids = sorted(
            {k[3] for k in values if k[3] is not None}, key=lambda pk: quartier_names.get(pk, "")
        )
        return [(pk, quartier_names.get(pk, "?"), values[(None, None, None, pk)]) for pk in ids]
    return [
        (o.pk, o.t("text", sprache), values.get((None, o.pk, None, None), {}))
        for o in frage.optionen.all()
    ]


def _project(ergebnis, shown):
    """Keep the columns on display: all of a cross-tab, one of a filter's breakdown. The
    hidden columns were needed only to suppress consistently."""
    if ergebnis.gesamt[shown].unterdrueckt or ergebnis.gesamt[shown].n < ergebnis.mindestgruppe:
        ergebnis.unterdrueckt = True
        zelle = ergebnis.gesamt[shown]
        ergebnis.grund = "klein" if zelle.n < ergebnis.mindestgruppe else "rest"
        ergebnis.fragen = []
    if ergebnis.filter.kreuz is not None or not shown:
        if ergebnis.unterdrueckt:
            for zelle in ergebnis.gesamt:
                zelle.unterdrueckt = True
        for frage in ergebnis.fragen:
            if isinstance(frage.texte, list):
                frage.texte = frage.texte[0]
        return ergebnis
    ergebnis.spalten = [ergebnis.spalten[shown]]
    ergebnis.gesamt = [ergebnis.gesamt[shown]]
    if ergebnis.unterdrueckt:
        ergebnis.gesamt[0].unterdrueckt = True
    for frage in ergebnis.fragen:
        if isinstance(frage.texte, list):
            frage.texte = frage.texte[shown]
        for tabelle in frage.tabellen:
            tabelle.basis = [tabelle.basis[shown]]
            for kategorie in tabelle.kategorien:
                kategorie.zellen = [kategorie.zellen[shown]]
            if tabelle.mittelwerte:
                tabelle.mittelwerte = [tabelle.mittelwerte[shown]]
    return ergebnis


def _quartier_names(fragen, by_frage):
    """The names of the Quartiere that Quartier questions were answered with (not the whole
    city's: a page should not grow with it)."""
    ids = {
        key[3]
        for f in fragen
        if f.typ == Frage.Typ.QUARTIER
        for key in by_frage.get(f.pk, {})
        if key[3] is not None
    }
    if not ids:
        return {}
    return dict(Quartier.objects.filter(pk__in=ids).values_list("pk", "name"))


def _mittelwerte(tabelle, kategorien, keys):
    """A column's mean, only where none of its cells is hidden: a mean is one more equation,
    and with the shown cells and the base it would give two hidden cells back."""
    means = []
    for i, key in enumerate(keys):
        if tabelle.basis[i].unterdrueckt or any(
            k.zellen[i].unterdrueckt for k in tabelle.kategorien
        ):
            means.append(None)
            continue
        total = sum(cols.get(key, 0) for _k, _l, cols in kategorien)
        weighted = sum(value * cols.get(key, 0) for value, _l, cols in kategorien)
        means.append(round(weighted / total, 2) if total else None)
    return means


def _kennzahlen(values, basis, key):
    """Number questions: how many answered, mean and median from the value counts, only
    where the respondents' cell is shown (the complement rule included)."""
    counts = sorted(
        (k[2], cols.get(key, 0))
        for k, cols in values.items()
        if k[2] is not None and cols.get(key, 0)
    )
    n = sum(c for _v, c in counts)
    if basis.unterdrueckt or not n:
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
