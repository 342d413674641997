"""Aktivitäten in total and by Handlungsfeld, Zielgruppe and kind: 3 queries (4 when the sums
are not cached yet).

The three breakdowns are one grouped query (a UNION ALL of one branch per breakdown, each
reading only the Aktivitäten of the period), cached under the Datenstand of the Aktivitäten
(`datenstand`: one query reads it); the total is the sum of the kinds (every Aktivität has
exactly one). The two other queries list the taxonomies, so that entries without Aktivitäten
still get their row."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import CharField, Count, Sum, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from quartiere.models import Aktivitaet, Handlungsfeld, Zielgruppe

from . import datenstand

ART, HANDLUNGSFELD, ZIELGRUPPE = "art", "handlungsfeld", "zielgruppe"


@dataclass
class Summe:
    label: str
    anzahl: int = 0
    teilnehmende: int = 0
    stunden: Decimal = Decimal(0)


@dataclass
class Aktivitaeten:
    gesamt: Summe
    handlungsfelder: list  # Summe per Handlungsfeld
    zielgruppen: list
    arten: list


def _summe(label, row):
    row = row or {}
    return Summe(
        label=label,
        anzahl=row.get("anzahl") or 0,
        teilnehmende=row.get("teilnehmende") or 0,
        stunden=row.get("stunden") or Decimal(0),
    )


def _sums(qs, kind, key):
    """One branch of the breakdown: (kind, key as text, count, participants, hours)."""
    return (
        qs.order_by()
        .values(kind=Value(kind, output_field=CharField()), key=Cast(key, CharField()))
        .annotate(anzahl=Count("id"), teilnehmende=Sum("teilnehmende"), stunden=Sum("stunden"))
    )


def breakdowns(von, bis, quartiere=()):
    """`_breakdowns()`, cached under the Datenstand of the Aktivitäten (`datenstand`): a year
    of a large city is 50,000 Aktivitäten joined to their Handlungsfelder and Zielgruppen."""
    ids = sorted(q.pk for q in quartiere)
    return datenstand.cached(
        datenstand.AKTIVITAETEN,
        (von, bis, ",".join(map(str, ids))),
        lambda: _breakdowns(von, bis, ids),
    )


def _breakdowns(von, bis, quartier_ids):
    """{(kind, key): row} for the Aktivitäten from `von` to `bis` (of the Quartiere, if given)
    by kind, Handlungsfeld and Zielgruppe, in one query; an Aktivität with several
    Handlungsfelder (Zielgruppen) counts in each.

    Each branch reads the period's Aktivitäten from the covering index
    `aktivitaet_datum_summen` (PostgreSQL runs the three in parallel); a materialized CTE that
    read them once was slower at scale 5 (no parallel plan, and it spilled to disk)."""
    qs = Aktivitaet.objects.in_period(von, bis)
    if quartier_ids:
        qs = qs.filter(quartier__in=quartier_ids)
    combined = (
        _sums(qs, ART, "art")
        .union(
            _sums(qs.filter(handlungsfelder__isnull=False), HANDLUNGSFELD, "handlungsfelder"),
            _sums(qs.filter(zielgruppen__isnull=False), ZIELGRUPPE, "zielgruppen"),
            all=True,
        )
        .order_by()
    )
    return {
        (row["kind"], row["key"]): {
            "anzahl": row["anzahl"],
            "teilnehmende": row["teilnehmende"],
            "stunden": row["stunden"],
        }
        for row in combined
    }


def _per_taxonomy(model, kind, rows):
    """One row per entry of a taxonomy (inactive ones only when they have activities)."""
    result = []
    for entry in model.objects.order_by("position", "name"):
        summe = _summe(entry.name, rows.get((kind, str(entry.pk))))
        if entry.aktiv or summe.anzahl:
            result.append(summe)
    return result


def abschnitt(von, bis, quartiere):
    rows = breakdowns(von, bis, quartiere)
    arten = [_summe(label, rows.get((ART, art))) for art, label in Aktivitaet.Art.choices]
    alle = [_summe("", row) for (kind, _key), row in rows.items() if kind == ART]
    gesamt = Summe(
        label=_("Alle Aktivitäten"),
        anzahl=sum(z.anzahl for z in alle),
        teilnehmende=sum(z.teilnehmende for z in alle),
        stunden=sum((z.stunden for z in alle), Decimal(0)),
    )
    return Aktivitaeten(
        gesamt=gesamt,
        handlungsfelder=_per_taxonomy(Handlungsfeld, HANDLUNGSFELD, rows),
        zielgruppen=_per_taxonomy(Zielgruppe, ZIELGRUPPE, rows),
        arten=arten,
    )
