"""Sitzungen (meetings held) and their attendance by kind of Gremium: 1 query (2 when the
counts are not cached yet)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from netzwerk.models import Gremium, Termin

from . import datenstand
from .zeitraum import day_start, termine_im_zeitraum

OHNE_GREMIUM = "ohne_gremium"


@dataclass
class SitzungZeile:
    label: str
    sitzungen: int = 0
    teilnahmen: int = 0
    abgesagt: int = 0

    @property
    def durchschnitt(self):
        return round(Decimal(self.teilnahmen) / self.sitzungen, 1) if self.sitzungen else None


@dataclass
class Sitzungen:
    gesamt: SitzungZeile
    nach_art: list  # SitzungZeile per Gremium art (and one for Termine without Gremium)


def _counts(von, bis, quartier_ids, today):
    """{Gremium art (or OHNE_GREMIUM): {sitzungen, teilnahmen, abgesagt}} in one query."""
    qs = termine_im_zeitraum(von, bis).filter(fortbildung__isnull=True, supervision__isnull=True)
    if quartier_ids:
        qs = qs.filter(Q(quartier__in=quartier_ids) | Q(gremium__quartier__in=quartier_ids))
    status = Termin.Status
    held = Q(status=status.STATTGEFUNDEN) | Q(status=status.GEPLANT, ende__lt=day_start(today))
    return {
        row["gremium__art"] or OHNE_GREMIUM: {
            "sitzungen": row["sitzungen"],
            "teilnahmen": row["teilnahmen"],
            "abgesagt": row["abgesagt"],
        }
        for row in qs.order_by()
        .values("gremium__art")
        .annotate(
            sitzungen=Count("id", filter=held, distinct=True),
            teilnahmen=Count("teilnahmen", filter=held),
            abgesagt=Count("id", filter=Q(status=status.ABGESAGT), distinct=True),
        )
    }


def abschnitt(von, bis, quartiere, today):
    # Cached under the Datenstand of the Termine, their Gremien and Teilnahmen (`datenstand`);
    # `today` is part of the key (a Termin still „geplant“ counts once it has ended).
    ids = sorted(q.pk for q in quartiere)
    rows = datenstand.cached(
        datenstand.TERMINE,
        ("sitzungen", von, bis, today, ",".join(map(str, ids))),
        lambda: _counts(von, bis, ids, today),
    )
    labels = [*Gremium.Art.choices, (OHNE_GREMIUM, _("Termine ohne Gremium"))]
    nach_art = []
    for key, label in labels:
        row = rows.get(key, {})
        nach_art.append(
            SitzungZeile(
                label=label,
                sitzungen=row.get("sitzungen", 0),
                teilnahmen=row.get("teilnahmen", 0),
                abgesagt=row.get("abgesagt", 0),
            )
        )
    gesamt = SitzungZeile(
        label=_("Alle Sitzungen"),
        sitzungen=sum(z.sitzungen for z in nach_art),
        teilnahmen=sum(z.teilnahmen for z in nach_art),
        abgesagt=sum(z.abgesagt for z in nach_art),
    )
    return Sitzungen(gesamt=gesamt, nach_art=nach_art)
