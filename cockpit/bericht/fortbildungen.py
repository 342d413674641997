"""Fortbildungen with Termine in the period, their participants and hours: 1 query."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from netzwerk.models import Anmeldung, Fortbildung, Termin

from .zeitraum import termine_im_zeitraum


@dataclass
class FortbildungZeile:
    thema: str
    termine: int
    teilnehmende: int
    stunden_je_teilnahme: Decimal
    url: str = ""

    @property
    def stunden(self):
        return self.stunden_je_teilnahme * self.teilnehmende


@dataclass
class Fortbildungen:
    zeilen: list
    teilnehmende: int = 0
    stunden: Decimal = Decimal(0)


def abschnitt(von, bis, quartiere):
    termine = termine_im_zeitraum(von, bis).exclude(status=Termin.Status.ABGESAGT)
    if quartiere:
        termine = termine.filter(quartier__in=quartiere)
    im_zeitraum = Q(
        termine__in=termine.values("pk"),
    )
    rows = (
        Fortbildung.objects.filter(pk__in=termine.values("fortbildung_id"))
        .annotate(
            termine_im_zeitraum=Count("termine", filter=im_zeitraum, distinct=True),
            teilgenommen=Count(
                "anmeldungen",
                filter=Q(anmeldungen__status=Anmeldung.Status.TEILGENOMMEN),
                distinct=True,
            ),
        )
        .order_by("thema", "pk")
    )
    zeilen = [
        FortbildungZeile(
            thema=f.thema,
            termine=f.termine_im_zeitraum,
            teilnehmende=f.teilgenommen,
            stunden_je_teilnahme=f.stunden,
            url=f.get_absolute_url(),
        )
        for f in rows
    ]
    return Fortbildungen(
        zeilen=zeilen,
        teilnehmende=sum(z.teilnehmende for z in zeilen),
        stunden=sum((z.stunden for z in zeilen), Decimal(0)),
    )
