"""Aktivitäten in total and by Handlungsfeld, Zielgruppe and kind: 3 queries.

The three breakdowns are one grouped query (the period's Aktivitäten read once, then a UNION
ALL of one branch per breakdown); the total is the sum of the kinds (every
Aktivität has exactly one). The two other queries list the taxonomies, so that entries
without Aktivitäten still get their row."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.utils.translation import gettext as _

from quartiere.models import Aktivitaet, Handlungsfeld, Zielgruppe

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


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


def breakdowns(von, bis, quartiere=()):
    """{(kind, key): row} for the Aktivitäten from `von` to `bis` (of `quartiere`, if given) by
    kind, Handlungsfeld and Zielgruppe, in one query; an Aktivität with several Handlungsfelder
    (Zielgruppen) counts in each.

    The period's Aktivitäten are read once (a materialized CTE, an index-only scan of
    `aktivitaet_datum_summen` or `aktivitaet_quartier_datum`) and joined to the two through
    tables; the ORM's UNION of three querysets read them three times."""
    through_hf = Aktivitaet.handlungsfelder.through
    through_zg = Aktivitaet.zielgruppen.through
    where, params = "datum >= %s AND datum <= %s", [von, bis]
    if quartiere:
        where += " AND quartier_id = ANY(%s)"
        params.append([q.pk for q in quartiere])
    # Only table names from the models and fixed clauses are formatted in; every value is a
    # parameter.
    sql = f"""
        WITH p AS MATERIALIZED (
            SELECT id, art, teilnehmende, stunden FROM {_table(Aktivitaet)} WHERE {where}
        )
        SELECT %s, art::text, COUNT(*), SUM(teilnehmende), SUM(stunden) FROM p GROUP BY art
        UNION ALL
        SELECT %s, t.handlungsfeld_id::text, COUNT(*), SUM(p.teilnehmende), SUM(p.stunden)
        FROM p JOIN {_table(through_hf)} t ON t.aktivitaet_id = p.id GROUP BY t.handlungsfeld_id
        UNION ALL
        SELECT %s, t.zielgruppe_id::text, COUNT(*), SUM(p.teilnehmende), SUM(p.stunden)
        FROM p JOIN {_table(through_zg)} t ON t.aktivitaet_id = p.id GROUP BY t.zielgruppe_id
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, ART, HANDLUNGSFELD, ZIELGRUPPE])
        rows = cursor.fetchall()
    return {
        (kind, key): {"anzahl": anzahl, "teilnehmende": teilnehmende, "stunden": stunden}
        for kind, key, anzahl, teilnehmende, stunden in rows
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
