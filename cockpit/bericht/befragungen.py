"""Befragungen in the period, each with its Rückmeldungen; the key results (up to 3 questions
each) of the `BEFRAGUNG_DETAILS` surveys with the most Rückmeldungen: 5 queries.

A citywide report over a year may cover a hundred surveys; with every survey's charts it grew
with the city (1.8 MB at bench scale 5). All of them are listed with their count, and each has
its results page; the report details the few that most people answered.

The figures are those of the whole survey, not of the report's period: a period cut by day
would let two reports (or a report and the results page) be subtracted, and the difference
could be a handful of Rückmeldungen. The period only decides which surveys appear, and the
suppression is the results page's own (`befragung.auswertung`), so both show the same."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.utils.translation import gettext as _

from befragung import auswertung
from befragung.models import Antwort, Befragung, Frage, Rueckmeldung
from befragung.models.texte import text_in

BEFRAGUNG_FRAGEN = 3
BEFRAGUNG_DETAILS = 5


def unterdrueckt_text():
    """What the report shows instead of a hidden answer count (table, chart, CSV and XLSX).

    One neutral label for both kinds of hidden cell: one below the minimum group size, and one
    hidden so that such a cell cannot be worked out from the total. Telling them apart would
    say which cell is the small one. The Befragung results page uses the same words."""
    return _("nicht ausgewiesen")


def weniger_als_text(mindest):
    """A total below the minimum group size (all Rückmeldungen, or those of one question)."""
    return _("weniger als %(n)s") % {"n": mindest}


@dataclass
class FrageErgebnis:
    text: str
    tabelle: object  # befragung.auswertung.Tabelle, suppression applied


@dataclass
class BefragungErgebnis:
    befragung: Befragung
    titel: str
    rueckmeldungen: int
    mindestgruppe: int
    stadtweit: bool
    quartier_count: int = 0
    unterdrueckt: bool = False  # fewer Rückmeldungen than the minimum group size
    detailliert: bool = False  # one of the BEFRAGUNG_DETAILS surveys shown with key results
    fragen: list = field(default_factory=list)

    @property
    def unterdrueckt_text(self):
        return unterdrueckt_text()

    @property
    def weniger_als_text(self):
        return weniger_als_text(self.mindestgruppe)


def abschnitt(von, bis, quartiere):
    # Only the first BEFRAGUNG_FRAGEN choice questions of each survey (and their options) are
    # loaded: a sliced prefetch (one query, ROW_NUMBER per survey), not all of them.
    fragen = (
        Frage.objects.filter(typ__in=auswertung.KREUZ_TYPEN)
        .order_by("position", "pk")
        .only("pk", "befragung_id", "position", "text")[:BEFRAGUNG_FRAGEN]
    )
    qs = (
        Befragung.objects.exclude(status=Befragung.Status.ENTWURF)
        .filter(
            Q(beginn__isnull=True) | Q(beginn__lte=bis), Q(ende__isnull=True) | Q(ende__gte=von)
        )
        .annotate(quartier_count=Count("quartiere", distinct=True))
        .order_by("beginn", "pk")
        # Only what the report shows: a city's hundred surveys would decode every text of
        # each (description, privacy note, thanks: JSON in several languages).
        .only("pk", "slug", "titel", "mindestgruppe", "beginn")
    )
    if quartiere:
        qs = qs.filter(
            pk__in=Befragung.quartiere.through.objects.filter(quartier__in=quartiere).values(
                "befragung_id"
            )
        )
    befragungen = list(qs)
    if not befragungen:
        return []
    rueckmeldungen = Rueckmeldung.objects.filter(befragung__in=befragungen)
    # COUNT(*), not COUNT(id): PostgreSQL then reads only the befragung_id index.
    totals = dict(
        rueckmeldungen.order_by()
        .values("befragung_id")
        .annotate(n=Count("*"))
        .values_list("befragung_id", "n")
    )
    # The most answered surveys (ties: the earlier one), and only their questions are loaded.
    detailliert = sorted(befragungen, key=lambda b: -totals.get(b.pk, 0))[:BEFRAGUNG_DETAILS]
    prefetch_related_objects(
        detailliert,
        Prefetch("fragen", queryset=fragen, to_attr="kreuz_fragen"),
        "kreuz_fragen__optionen",
    )
    chosen = {b.pk: b.kreuz_fragen for b in detailliert}
    frage_ids = [f.pk for fs in chosen.values() for f in fs]
    # An Antwort's question is always one of its Rückmeldung's survey (befragung.freigabe
    # writes no other), so the question filter alone picks the same rows, read through the
    # frage index without a join to the Rückmeldungen (as the results page does). A single
    # choice or yes/no question has at most one Antwort per Rückmeldung, so its respondents
    # are the sum of its options' counts (as on the results page, befragung.auswertung): one
    # index-only scan of antwort_frage_option (frage_id, option_id), no COUNT(DISTINCT).
    optionen = {
        (row["frage_id"], row["option_id"]): row["n"]
        for row in Antwort.objects.filter(frage_id__in=frage_ids)
        .order_by()
        .values("frage_id", "option_id")
        .annotate(n=Count("*"))
    }
    basis = defaultdict(int)
    for (frage_id, _option_id), n in optionen.items():
        basis[frage_id] += n
    ergebnisse = []
    for befragung in befragungen:
        mindest = befragung.mindestgruppe
        ergebnis = BefragungErgebnis(
            befragung=befragung,
            titel=text_in(befragung.titel, "de"),
            rueckmeldungen=totals.get(befragung.pk, 0),
            mindestgruppe=mindest,
            stadtweit=befragung.quartier_count == 0,
            quartier_count=befragung.quartier_count,
            detailliert=befragung.pk in chosen,
        )
        # As auswerten(): below the minimum group size nothing is broken down.
        ergebnis.unterdrueckt = ergebnis.rueckmeldungen < mindest
        if not ergebnis.unterdrueckt and ergebnis.detailliert:
            for frage in chosen[befragung.pk]:
                kategorien = [
                    (
                        o.pk,
                        o.t("text", "de"),
                        {auswertung.GESAMT: optionen.get((frage.pk, o.pk), 0)},
                    )
                    for o in frage.optionen.all()
                ]
                tabelle = auswertung.suppressed_table(
                    "",
                    {auswertung.GESAMT: basis.get(frage.pk, 0)},
                    kategorien,
                    [auswertung.GESAMT],
                    mindest,
                )
                ergebnis.fragen.append(FrageErgebnis(text_in(frage.text, "de"), tabelle))
        ergebnisse.append(ergebnis)
    return ergebnisse
