"""The trigger-kept sums of the Aktivitäten equal the aggregate after every kind of write, and
the unfiltered list shows them."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from gwa_portal.core.models import Role
from quartiere.models import Aktivitaet, AktivitaetSumme

from ..factories import AktivitaetFactory, QuartierFactory, UserFactory

pytestmark = pytest.mark.django_db


def assert_sums_equal_the_aggregate():
    expected = Aktivitaet.objects.totals()
    got = AktivitaetSumme.totals()
    assert got["anzahl"] == expected["anzahl"]
    assert (got["stunden"] or 0) == (expected["stunden"] or 0)
    assert (got["teilnehmende"] or 0) == (expected["teilnehmende"] or 0)
    for quartier_id, anzahl in AktivitaetSumme.objects.values_list("quartier", "anzahl"):
        assert anzahl == Aktivitaet.objects.filter(quartier=quartier_id).count()


def test_sums_follow_saves_moves_and_deletes(needs_postgresql):
    wiesenau, brink = QuartierFactory(name="Wiesenau"), QuartierFactory(name="Brink")
    a = AktivitaetFactory(quartier=wiesenau, stunden=Decimal("1.5"), teilnehmende=4)
    b = AktivitaetFactory(quartier=wiesenau, stunden=None, teilnehmende=None)
    assert AktivitaetSumme.totals() == {
        "anzahl": 2,
        "stunden": Decimal("1.50"),
        "teilnehmende": 4,
    }
    a.quartier, a.stunden, a.teilnehmende = brink, Decimal("3"), 10
    a.save()
    b.kurzbeschreibung = "nur der Text"
    b.save()
    assert_sums_equal_the_aggregate()
    assert AktivitaetSumme.objects.get(quartier=brink).anzahl == 1
    a.delete()
    assert_sums_equal_the_aggregate()
    assert AktivitaetSumme.totals()["anzahl"] == 1


def test_sums_follow_bulk_writes_and_raw_sql(needs_postgresql):
    quartier, autor = QuartierFactory(), UserFactory(role=Role.KOORDINATION)
    Aktivitaet.objects.bulk_create(
        Aktivitaet(
            datum=datetime.date(2025, 1, 1),
            quartier=quartier,
            autor=autor,
            art=Aktivitaet.Art.TREFFEN,
            kurzbeschreibung=f"Bulk {n}",
            stunden=Decimal("0.25"),
            teilnehmende=n,
        )
        for n in range(30)
    )
    assert_sums_equal_the_aggregate()
    Aktivitaet.objects.filter(teilnehmende__lt=10).update(stunden=Decimal("2"))
    assert_sums_equal_the_aggregate()
    Aktivitaet.objects.filter(teilnehmende__gte=20).delete()
    assert_sums_equal_the_aggregate()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE quartiere_aktivitaet SET teilnehmende = NULL WHERE teilnehmende < 5")
    assert_sums_equal_the_aggregate()
    assert AktivitaetSumme.totals()["anzahl"] == 20


def test_unfiltered_list_shows_the_sums_and_a_filter_sums_its_rows(client_as):
    wiesenau = QuartierFactory(name="Wiesenau", slug="wiesenau")
    AktivitaetFactory(quartier=wiesenau, stunden=Decimal("1.25"), teilnehmende=3)
    AktivitaetFactory(stunden=Decimal("2"), teilnehmende=5)
    client = client_as(Role.FACHSTELLE)
    url = reverse("quartiere:aktivitaet_list")
    for params in ({}, {"page": "1"}):
        totals = client.get(url, params).context["totals"]
        assert (totals["anzahl"], totals["stunden"], totals["teilnehmende"]) == (
            2,
            Decimal("3.25"),
            8,
        )
    filtered = client.get(url, {"quartier": "wiesenau"}).context["totals"]
    assert (filtered["anzahl"], filtered["stunden"], filtered["teilnehmende"]) == (
        1,
        Decimal("1.25"),
        3,
    )
