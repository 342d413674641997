"""Sitzungen (meetings held) and their attendance by kind of Gremium: 1 query."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from netzwerk.models import Gremium, Termin

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


def abschnitt(von, bis, quartiere, today):
    qs = termine_im_zeitraum(von, bis).filter(fortbildung__isnull=True, supervision__isnull=True)
    if quartiere:
        qs = qs.filter(Q(quartier__in=quartiere) | Q(gremium__quartier__in=quartiere))
    status = Termin.Status
    held = Q(status=status.STATTGEFUNDEN) | Q(status=status.GEPLANT, ende__lt=day_start(today))
    rows = {
        row["gremium__art"] or OHNE_GREMIUM: row
        for row in qs.order_by()
        .values("gremium__art")
        .annotate(
            sitzungen=Count("id", filter=held, distinct=True),
            teilnahmen=Count("teilnahmen", filter=held),
            abgesagt=Count("id", filter=Q(status=status.ABGESAGT), distinct=True),
        )
    }
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
