"""Aktivitäten in total and by Handlungsfeld, Zielgruppe and kind: 4 queries."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from quartiere.models import Aktivitaet, Handlungsfeld, Zielgruppe


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


def _summe(label, row, prefix=""):
    return Summe(
        label=label,
        anzahl=row[f"{prefix}anzahl"] or 0,
        teilnehmende=row[f"{prefix}teilnehmende"] or 0,
        stunden=row[f"{prefix}stunden"] or Decimal(0),
    )


def _per_taxonomy(model, von, bis, quartiere):
    """One row per entry of a taxonomy (inactive ones only when they have activities)."""
    cond = Q(aktivitaeten__datum__gte=von, aktivitaeten__datum__lte=bis)
    if quartiere:
        cond &= Q(aktivitaeten__quartier__in=quartiere)
    rows = model.objects.order_by("position", "name").annotate(
        anzahl=Count("aktivitaeten", filter=cond),
        teilnehmende=Sum("aktivitaeten__teilnehmende", filter=cond),
        stunden=Sum("aktivitaeten__stunden", filter=cond),
    )
    return [_summe(row.name, vars(row)) for row in rows if row.aktiv or row.anzahl]


def abschnitt(von, bis, quartiere):
    qs = Aktivitaet.objects.in_period(von, bis)
    if quartiere:
        qs = qs.filter(quartier__in=quartiere)
    gesamt = _summe(_("Alle Aktivitäten"), qs.totals())
    arten = {
        row["art"]: row
        for row in qs.order_by()
        .values("art")
        .annotate(anzahl=Count("id"), teilnehmende=Sum("teilnehmende"), stunden=Sum("stunden"))
    }
    empty = {"anzahl": 0, "teilnehmende": 0, "stunden": None}
    return Aktivitaeten(
        gesamt=gesamt,
        handlungsfelder=_per_taxonomy(Handlungsfeld, von, bis, quartiere),
        zielgruppen=_per_taxonomy(Zielgruppe, von, bis, quartiere),
        arten=[_summe(label, arten.get(art, empty)) for art, label in Aktivitaet.Art.choices],
    )
