"""Gap analysis (Bedarf/Angebot): where open Bedarfe meet no active Angebot, and where Angebote pile up.

Two matrices, Quartier × Handlungsfeld and Quartier × Zielgruppe. A cell counts

- the ACTIVE Angebote of the Quartier that carry the cell's Handlungsfeld (or Zielgruppe), and
- the OPEN Bedarfe (offen, in Bearbeitung) of the Quartier with that Handlungsfeld (or Zielgruppe).

An Angebot with several Handlungsfelder or Zielgruppen counts in each of its cells; one without
any appears in no cell of that matrix (the same holds for a Bedarf without Zielgruppen).

A cell is a **Lücke** when it has at least one open Bedarf and no active Angebot.

A **mögliche Parallelstruktur** is a triple Quartier × Handlungsfeld × Zielgruppe with at least
`schwelle` active Angebote that carry both. A cell is marked when it contains such a triple: the
Handlungsfeld cell (Q, H) when some chosen Zielgruppe Z makes (Q, H, Z) one, the Zielgruppe cell
(Q, Z) when some chosen Handlungsfeld H does. Only the chosen Handlungsfelder and Zielgruppen
take part (all, when none is chosen). A marked cell's Angebot count may be larger than the
triple's: the cell also counts Angebote for other Zielgruppen (or Handlungsfelder).

Every count is one GROUP BY over the M2M through tables: `matrices()` makes the same number of
queries whatever the number of Quartiere, Angebote and Bedarfe.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F

from netzwerk.models import Angebot
from quartiere.models import Bedarf, Handlungsfeld, Quartier, Zielgruppe

HANDLUNGSFELD = "handlungsfeld"
ZIELGRUPPE = "zielgruppe"
SCHWELLE_MIN = 2
SCHWELLE_MAX = 10

AngebotHandlungsfeld = Angebot.handlungsfelder.through
AngebotZielgruppe = Angebot.zielgruppen.through
BedarfZielgruppe = Bedarf.zielgruppen.through


def default_schwelle():
    return settings.GWA_PARALLEL_THRESHOLD


@dataclass
class Zelle:
    spalte: object = None  # the column's Handlungsfeld or Zielgruppe
    angebote: int = 0
    bedarfe: int = 0
    # The entries of the other taxonomy that make a triple of this cell a possible parallel
    # structure, with the triple's number of active Angebote: [(Zielgruppe, 3), …].
    parallel: list = field(default_factory=list)

    @property
    def luecke(self):
        return self.bedarfe > 0 and self.angebote == 0

    @property
    def parallelstruktur(self):
        return bool(self.parallel)


@dataclass
class Zeile:
    quartier: Quartier
    zellen: list
    # Distinct Angebote and Bedarfe of the Quartier in any shown column (a cell sum would
    # count an Angebot with two Handlungsfelder twice).
    angebote: int = 0
    bedarfe: int = 0


@dataclass
class Matrix:
    """`zeilen` are the rows asked for (a page of the selection's Quartiere, or all); the sums,
    totals and the numbers of Lücken and parallel structures are those of the whole selection."""

    art: str
    spalten: list
    zeilen: list
    summen: list  # per column; an Angebot belongs to one Quartier, so the cell sum is distinct
    angebote: int = 0
    bedarfe: int = 0
    luecken: int = 0
    parallelstrukturen: int = 0

    def cells(self):
        """(Quartier, column entry, Zelle) for every cell, row by row (the CSV export's order)."""
        for zeile in self.zeilen:
            for spalte, zelle in zip(self.spalten, zeile.zellen, strict=True):
                yield zeile.quartier, spalte, zelle


@dataclass
class Auswertung:
    handlungsfelder: Matrix
    zielgruppen: Matrix
    schwelle: int
    ohne_quartiere: bool = False  # the filter chooses no Quartier

    @property
    def ohne_daten(self):
        """No active Angebot and no open Bedarf in any shown cell: the matrices hold only zeros."""
        return not any(m.angebote or m.bedarfe for m in (self.handlungsfelder, self.zielgruppen))


def quartiere_for(*, stadtteil=None, typologie=""):
    quartiere = Quartier.objects.with_stadtteil().order_by("name")
    if stadtteil is not None:
        quartiere = quartiere.filter(stadtteil=stadtteil)
    if typologie:
        quartiere = quartiere.filter(typologie=typologie)
    return quartiere


def _spalten(model, chosen, *counted_ids):
    """The chosen entries, or all active ones plus inactive ones that still carry data."""
    if chosen:
        return sorted(chosen, key=lambda e: (e.position, e.name))
    used = set().union(*counted_ids)
    return [e for e in model.objects.order_by("position", "name") if e.aktiv or e.pk in used]


def _counts(queryset, quartier_field, key_field, *, count="pk"):
    """{(quartier_id, key_id): n} from one GROUP BY."""
    rows = (
        queryset.order_by()
        .values_list(quartier_field, key_field)
        .annotate(n=Count(count, distinct=True))
    )
    return {(q, k): n for q, k, n in rows}


def _row_totals(queryset, quartier_field, count):
    rows = queryset.order_by().values_list(quartier_field).annotate(n=Count(count, distinct=True))
    return dict(rows)


def parallel_triples(*, bereich, handlungsfelder, zielgruppen, schwelle):
    """{(quartier_id, handlungsfeld_id, zielgruppe_id): n} for the triples with n ≥ schwelle.

    Only the Angebote of the Quartiere in `bereich` (filter arguments on the Angebot of an
    Angebot–Zielgruppe row) and the given Handlungsfelder and Zielgruppen (ids) take part.
    """
    # Joining the two through tables on the Angebot gives one row per Angebot × H × Z; the
    # filter's join is the one the values() below group by.
    rows = (
        AngebotZielgruppe.objects.filter(
            angebot__aktiv=True,
            zielgruppe__in=zielgruppen,
            angebot__handlungsfelder__in=handlungsfelder,
            **bereich,
        )
        .order_by()
        .values(q=F("angebot__quartier"), h=F("angebot__handlungsfelder"), z=F("zielgruppe"))
        .annotate(n=Count("angebot", distinct=True))
        .filter(n__gte=schwelle)
    )
    return {(row["q"], row["h"], row["z"]): row["n"] for row in rows}


def _matrix(art, zeilen, spalten, angebote, bedarfe, angebote_zeile, bedarfe_zeile, parallel):
    """The matrix with rows for the Quartiere `zeilen`; the counts (dicts by (Quartier, column)
    and by Quartier) cover the whole selection, and so do the sums and totals."""
    pks = {spalte.pk for spalte in spalten}
    summen = [Zelle(spalte=spalte) for spalte in spalten]
    by_pk = {summe.spalte.pk: summe for summe in summen}
    for (_q, k), n in angebote.items():
        if k in pks:
            by_pk[k].angebote += n
    for (_q, k), n in bedarfe.items():
        if k in pks:
            by_pk[k].bedarfe += n
    rows = []
    for quartier in zeilen:
        zellen = [
            Zelle(
                spalte=spalte,
                angebote=angebote.get((quartier.pk, spalte.pk), 0),
                bedarfe=bedarfe.get((quartier.pk, spalte.pk), 0),
                parallel=parallel.get((quartier.pk, spalte.pk), []),
            )
            for spalte in spalten
        ]
        rows.append(
            Zeile(
                quartier=quartier,
                zellen=zellen,
                angebote=angebote_zeile.get(quartier.pk, 0),
                bedarfe=bedarfe_zeile.get(quartier.pk, 0),
            )
        )
    return Matrix(
        art=art,
        spalten=spalten,
        zeilen=rows,
        summen=summen,
        angebote=sum(angebote_zeile.values()),
        bedarfe=sum(bedarfe_zeile.values()),
        luecken=sum(
            1 for key, n in bedarfe.items() if n and key[1] in pks and not angebote.get(key)
        ),
        parallelstrukturen=sum(1 for key, items in parallel.items() if items),
    )


def matrices(
    *,
    stadtteil=None,
    typologie="",
    handlungsfelder=None,
    zielgruppen=None,
    schwelle=None,
    zeilen=None,
):
    """Both matrices for the chosen Quartiere and columns (see the module docstring).

    `zeilen`: the Quartiere to build rows for (a page of `quartiere_for()` of the same filter);
    None: all of them. The counts are grouped in SQL for the whole selection, which is given
    to PostgreSQL as a subquery (or not at all, without a Quartier filter), not as a list of
    ids that grows with the city."""
    schwelle = schwelle or default_schwelle()
    auswahl = quartiere_for(stadtteil=stadtteil, typologie=typologie)
    if zeilen is None:
        zeilen = list(auswahl)
    ohne_quartiere = not zeilen and not auswahl.exists()
    if stadtteil is not None or typologie:
        im_bereich = {"quartier__in": auswahl.order_by().values("pk")}
    else:
        im_bereich = {"quartier__isnull": False}
    angebot_bereich = {f"angebot__{k}": v for k, v in im_bereich.items()}
    bedarf_bereich = {f"bedarf__{k}": v for k, v in im_bereich.items()}
    handlungsfelder = list(handlungsfelder or [])
    zielgruppen = list(zielgruppen or [])

    aktive_hf = AngebotHandlungsfeld.objects.filter(angebot__aktiv=True, **angebot_bereich)
    aktive_zg = AngebotZielgruppe.objects.filter(angebot__aktiv=True, **angebot_bereich)
    offene = Bedarf.objects.open().filter(**im_bereich)
    offene_zg = BedarfZielgruppe.objects.filter(
        bedarf__status__in=Bedarf.OPEN_STATUSES, **bedarf_bereich
    )

    angebote_hf = _counts(aktive_hf, "angebot__quartier", "handlungsfeld", count="angebot")
    bedarfe_hf = _counts(offene, "quartier", "handlungsfeld")
    angebote_zg = _counts(aktive_zg, "angebot__quartier", "zielgruppe", count="angebot")
    bedarfe_zg = _counts(offene_zg, "bedarf__quartier", "zielgruppe", count="bedarf")

    hf_spalten = _spalten(
        Handlungsfeld, handlungsfelder, {k for _q, k in angebote_hf}, {k for _q, k in bedarfe_hf}
    )
    zg_spalten = _spalten(
        Zielgruppe, zielgruppen, {k for _q, k in angebote_zg}, {k for _q, k in bedarfe_zg}
    )
    hf_ids = [h.pk for h in hf_spalten]
    zg_ids = [z.pk for z in zg_spalten]

    triples = parallel_triples(
        bereich=angebot_bereich, handlungsfelder=hf_ids, zielgruppen=zg_ids, schwelle=schwelle
    )
    hf_by_pk = {h.pk: h for h in hf_spalten}
    zg_by_pk = {z.pk: z for z in zg_spalten}
    parallel_hf, parallel_zg = defaultdict(list), defaultdict(list)
    for (q, h, z), n in sorted(triples.items()):
        parallel_hf[(q, h)].append((zg_by_pk[z], n))
        parallel_zg[(q, z)].append((hf_by_pk[h], n))

    hf_matrix = _matrix(
        HANDLUNGSFELD,
        zeilen,
        hf_spalten,
        angebote_hf,
        bedarfe_hf,
        _row_totals(aktive_hf.filter(handlungsfeld__in=hf_ids), "angebot__quartier", "angebot"),
        _row_totals(offene.filter(handlungsfeld__in=hf_ids), "quartier", "pk"),
        parallel_hf,
    )
    zg_matrix = _matrix(
        ZIELGRUPPE,
        zeilen,
        zg_spalten,
        angebote_zg,
        bedarfe_zg,
        _row_totals(aktive_zg.filter(zielgruppe__in=zg_ids), "angebot__quartier", "angebot"),
        _row_totals(offene_zg.filter(zielgruppe__in=zg_ids), "bedarf__quartier", "bedarf"),
        parallel_zg,
    )
    return Auswertung(
        handlungsfelder=hf_matrix,
        zielgruppen=zg_matrix,
        schwelle=schwelle,
        ohne_quartiere=ohne_quartiere,
    )


@dataclass
class Parallelstruktur:
    eintrag: object  # the Zielgruppe (in a Handlungsfeld cell) or Handlungsfeld (Zielgruppe cell)
    angebote: list


@dataclass
class ZellenInhalt:
    quartier: Quartier
    art: str
    eintrag: object  # the cell's Handlungsfeld or Zielgruppe
    angebote: list
    bedarfe: list
    parallelstrukturen: list
    schwelle: int

    @property
    def luecke(self):
        return bool(self.bedarfe) and not self.angebote


def zelle(*, quartier, handlungsfeld=None, zielgruppe=None, andere=None, schwelle=None):
    """The items of one cell: its active Angebote, open Bedarfe and possible parallel structures.

    Give either `handlungsfeld` or `zielgruppe`. `andere` restricts the other taxonomy's entries
    that may form a triple, as the matrix's filter does (None or empty: all).
    """
    if (handlungsfeld is None) == (zielgruppe is None):
        raise ValueError("Give exactly one of handlungsfeld and zielgruppe.")
    schwelle = schwelle or default_schwelle()
    andere_ids = {e.pk for e in andere or []}
    angebote = Angebot.objects.active().filter(quartier=quartier).with_related().order_by("titel")
    bedarfe = Bedarf.objects.open().filter(quartier=quartier).with_related()
    if handlungsfeld is not None:
        art, eintrag = HANDLUNGSFELD, handlungsfeld
        angebote = list(angebote.filter(handlungsfelder=handlungsfeld))
        bedarfe = list(bedarfe.filter(handlungsfeld=handlungsfeld))
        gruppen = defaultdict(list)
        for angebot in angebote:
            for z in angebot.zielgruppen.all():
                gruppen[z].append(angebot)
    else:
        art, eintrag = ZIELGRUPPE, zielgruppe
        angebote = list(angebote.filter(zielgruppen=zielgruppe))
        bedarfe = list(bedarfe.filter(zielgruppen=zielgruppe))
        gruppen = defaultdict(list)
        for angebot in angebote:
            for h in angebot.handlungsfelder.all():
                gruppen[h].append(angebot)
    parallel = [
        Parallelstruktur(eintrag=e, angebote=items)
        for e, items in sorted(gruppen.items(), key=lambda kv: (kv[0].position, kv[0].name))
        if len(items) >= schwelle and (not andere_ids or e.pk in andere_ids)
    ]
    return ZellenInhalt(
        quartier=quartier,
        art=art,
        eintrag=eintrag,
        angebote=angebote,
        bedarfe=bedarfe,
        parallelstrukturen=parallel,
        schwelle=schwelle,
    )
