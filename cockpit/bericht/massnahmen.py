"""Maßnahmen by status, and the running ones with their Quartiere: 3 queries."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from quartiere.models import Massnahme, Quartier


@dataclass
class Massnahmen:
    nach_status: list  # (label, anzahl)
    laufende: list  # Massnahme with quartiere prefetched

    @property
    def gesamt(self):
        return sum(n for _label, n in self.nach_status)


def abschnitt(von, bis, quartiere):
    qs = Massnahme.objects.filter(
        Q(beginn__isnull=True) | Q(beginn__lte=bis), Q(ende__isnull=True) | Q(ende__gte=von)
    )
    if quartiere:
        qs = qs.filter(
            pk__in=Massnahme.quartiere.through.objects.filter(quartier__in=quartiere).values(
                "massnahme_id"
            )
        )
    counts = dict(qs.order_by().values("status").annotate(n=Count("id")).values_list("status", "n"))
    laufende = list(
        qs.filter(status=Massnahme.Status.LAUFEND)
        .prefetch_related(Prefetch("quartiere", queryset=Quartier.objects.order_by("name")))
        .order_by("titel", "pk")
    )
    return Massnahmen(
        nach_status=[(label, counts.get(key, 0)) for key, label in Massnahme.Status.choices],
        laufende=laufende,
    )
