"""The handover folder (Übergabemappe): everything a new coordinator needs for ONE Quartier.

Every query below is filtered by that Quartier (or, for surveys, by "covers it or citywide"),
so nothing from another Quartier can appear. Figures are counted and summed in SQL; the number
of queries is fixed.

Where it is linked: quartiere may not import the cockpit, so the handover action itself
(`quartiere:koordination`) stays as it is and leads back to the Quartier page; the cockpit's
composed Quartier page (internal users) and the dashboard's „Quartiere ohne Koordination“ rows
link the folder.
"""

import datetime

from django.db.models import Count, Max, Prefetch, Q, Sum, Window
from django.utils.translation import gettext as _

from befragung.models import Befragung, Rueckmeldung
from gwa_portal.core.queries import count_per_row
from netzwerk.models import Akteur, Angebot, Aufgabe, Gremium, Mitgliedschaft, Termin
from quartiere.models import Aktivitaet, Bedarf, Kennzahl, Koordination, Massnahme, Merkmal

UPCOMING_TERMINE = 10
SUMMARY_DAYS = 365
UEBERGABE_BEFRAGUNGEN = 10


def kennzahlen_latest_year(quartier):
    """(year, rows) of the latest year with Kennzahlen for `quartier`, in one query."""
    latest = Kennzahl.objects.filter(quartier=quartier).values("quartier").annotate(j=Max("jahr"))
    rows = list(
        Kennzahl.objects.filter(quartier=quartier, jahr__in=latest.values("j")).order_by("merkmal")
    )
    order = {merkmal.value: position for position, merkmal in enumerate(Merkmal)}
    rows.sort(key=lambda row: order.get(row.merkmal, len(order)))
    return (rows[0].jahr if rows else None), rows


def gremien_with_members(quartier, *, today):
    """The active Gremien of `quartier`, each with its current members as `mitglieder`."""
    members = (
        Mitgliedschaft.objects.current(on=today)
        .filter(person__geloescht_am__isnull=True)
        .select_related("person__akteur")
        .order_by("rolle", "person__name", "pk")
    )
    return list(
        Gremium.objects.active()
        .filter(quartier=quartier)
        .prefetch_related(Prefetch("mitgliedschaften", queryset=members, to_attr="mitglieder"))
        .order_by("name")
    )


def gremium_ids(quartier):
    """The ids of all Gremien of `quartier`. Termine are then found by `gremium_id IN (…)`:
    a condition on the joined Gremium's Quartier cannot use an index, and PostgreSQL would
    read every upcoming Termin (every released Protokoll) of the city to find them."""
    return list(Gremium.objects.filter(quartier=quartier).values_list("pk", flat=True).order_by())


def termine_of(quartier, gremien):
    """The Quartier's next Termine: its own and those of its Gremien, cancelled ones excluded."""
    return list(
        Termin.objects.filter(Q(quartier=quartier) | Q(quartier__isnull=True, gremium__in=gremien))
        .exclude(status=Termin.Status.ABGESAGT)
        .upcoming()
        .with_related()[:UPCOMING_TERMINE]
    )


def open_aufgaben_of(quartier, gremien):
    """Open Aufgaben of released Protokolle of the Quartier's Termine (own or its Gremien's)."""
    return list(
        Aufgabe.objects.released()
        .open()
        .filter(
            Q(protokoll__termin__quartier=quartier)
            | Q(protokoll__termin__quartier__isnull=True, protokoll__termin__gremium__in=gremien)
        )
        .with_related()
        .order_by("faellig_am", "pk")
    )


def activity_summary(quartier, *, today):
    """The last 12 months of Aktivitäten: totals, by Art and by Handlungsfeld (two queries)."""
    von = today - datetime.timedelta(days=SUMMARY_DAYS - 1)
    aktivitaeten = Aktivitaet.objects.filter(quartier=quartier).in_period(von=von, bis=today)
    art_labels = dict(Aktivitaet.Art.choices)
    by_art = [
        {**row, "label": art_labels.get(row["art"], row["art"])}
        for row in aktivitaeten.order_by()
        .values("art")
        .annotate(anzahl=Count("pk"), teilnehmende=Sum("teilnehmende"), stunden=Sum("stunden"))
        .order_by("-anzahl", "art")
    ]
    by_handlungsfeld = [
        {**row, "label": row["handlungsfelder__name"] or _("ohne Handlungsfeld")}
        for row in aktivitaeten.order_by()
        .values("handlungsfelder__name")
        .annotate(anzahl=Count("pk", distinct=True))
        .order_by("-anzahl", "handlungsfelder__name")
    ]
    # Every Aktivität has exactly one Art: the totals are the sums of its rows.
    return {
        "von": von,
        "bis": today,
        "anzahl": sum(row["anzahl"] for row in by_art),
        "teilnehmende": sum(row["teilnehmende"] or 0 for row in by_art),
        "stunden": sum(row["stunden"] or 0 for row in by_art),
        "nach_art": by_art,
        "nach_handlungsfeld": by_handlungsfeld,
    }


def befragungen_covering(quartier, *, today):
    """The first `UEBERGABE_BEFRAGUNGEN` running surveys whose scope contains `quartier` or
    that are citywide (those that end first), with answer counts, and how many there are in
    all: `(befragungen, gesamt)` from one query.

    Citywide surveys belong to every Quartier, so their number grows with the city; the folder
    lists the first few and links the full list. The answer counts are counted for the shown
    rows only (PostgreSQL evaluates the per-row subquery after the LIMIT)."""
    through = Befragung.quartiere.through.objects
    befragungen = list(
        Befragung.objects.running(today=today)
        .filter(
            Q(pk__in=through.filter(quartier=quartier).values("befragung"))
            | ~Q(pk__in=through.values("befragung"))
        )
        .annotate(
            antworten_count=count_per_row(Rueckmeldung.objects, "befragung"),
            gesamt=Window(Count("*")),
        )
        .order_by("ende", "slug")[:UEBERGABE_BEFRAGUNGEN]
    )
    return befragungen, (befragungen[0].gesamt if befragungen else 0)


def uebergabe_context(quartier, *, today):
    jahr, kennzahlen = kennzahlen_latest_year(quartier)
    gremien = gremium_ids(quartier)
    befragungen, befragungen_gesamt = befragungen_covering(quartier, today=today)
    return {
        "quartier": quartier,
        "today": today,
        "koordinationen": list(
            Koordination.objects.current(on=today)
            .filter(quartier=quartier)
            .select_related("user")
            .order_by("von")
        ),
        "kennzahlen_jahr": jahr,
        "kennzahlen": kennzahlen,
        "bedarfe": list(Bedarf.objects.open().filter(quartier=quartier).with_related()),
        "massnahmen": list(
            Massnahme.objects.for_quartier(quartier).exclude(status=Massnahme.Status.ABGESCHLOSSEN)
        ),
        "gremien": gremien_with_members(quartier, today=today),
        "termine": termine_of(quartier, gremien),
        "aufgaben": open_aufgaben_of(quartier, gremien),
        "akteure": list(Akteur.objects.filter(quartiere=quartier, aktiv=True).order_by("name")),
        "angebote": list(
            Angebot.objects.active()
            .filter(quartier=quartier)
            .select_related("akteur")
            .order_by("titel", "pk")
        ),
        "aktivitaeten": activity_summary(quartier, today=today),
        "befragungen": befragungen,
        "befragungen_gesamt": befragungen_gesamt,
    }
