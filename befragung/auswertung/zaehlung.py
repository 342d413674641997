"""`auswerten()`: a survey's answers counted in a constant number of queries, per column of an
optional cross-tab, then suppressed (see `unterdrueckung`)."""

from collections import defaultdict

from django.db.models import Count, F, FilteredRelation, Q
from django.utils.translation import gettext as _

from quartiere.models import Quartier

from ..models import Antwort, Frage
from .tabellen import GESAMT, KREUZ_TYPEN, OHNE, Ergebnis, Filter, FrageErgebnis, Spalte, Zelle
from .unterdrueckung import is_small, suppress, suppressed_table


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
