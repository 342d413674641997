"""Database invariants and the aggregate querysets of Kennzahlen, Aktivitäten and Planung."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from quartiere.models import (
    Aktivitaet,
    Bedarf,
    Handlungsfeld,
    Kennzahl,
    Merkmal,
    Quartier,
    Zielgruppe,
)

from ..factories import (
    AktivitaetFactory,
    BedarfFactory,
    KennzahlFactory,
    MassnahmeFactory,
    QuartierFactory,
)


def test_standard_taxonomies_exist_after_migrating(db):
    assert set(Handlungsfeld.objects.values_list("name", flat=True)) >= {
        "Demografischer Wandel",
        "Integration",
        "Inklusion",
        "Soziale Teilhabe",
    }
    assert Zielgruppe.objects.filter(name="Ältere/vereinsamte Menschen").exists()
    assert Zielgruppe.objects.count() >= 6


def test_one_kennzahl_per_quartier_merkmal_and_year(db):
    kennzahl = KennzahlFactory(jahr=2023, merkmal=Merkmal.EINWOHNER)
    with pytest.raises(IntegrityError), transaction.atomic():
        Kennzahl.objects.create(
            quartier=kennzahl.quartier, jahr=2023, merkmal=Merkmal.EINWOHNER, wert=1
        )
    duplicate = Kennzahl(quartier=kennzahl.quartier, jahr=2023, merkmal=Merkmal.EINWOHNER, wert=1)
    with pytest.raises(ValidationError, match="schon einen Wert"):
        duplicate.full_clean()


@pytest.mark.parametrize(
    ("merkmal", "wert", "jahr"),
    [
        (Merkmal.TRANSFERQUOTE, Decimal("100.5"), 2023),
        (Merkmal.EINWOHNER, Decimal("-1"), 2023),
        (Merkmal.EINWOHNER, Decimal("10"), 1800),
    ],
)
def test_implausible_kennzahlen_are_refused_by_the_database(db, merkmal, wert, jahr):
    quartier = QuartierFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Kennzahl.objects.create(quartier=quartier, jahr=jahr, merkmal=merkmal, wert=wert)
    assert not Kennzahl.objects.exists()


def test_a_percentage_of_exactly_100_and_a_large_count_are_fine(db):
    KennzahlFactory(merkmal=Merkmal.ANTEIL_NICHTDEUTSCH, wert=100)
    KennzahlFactory(merkmal=Merkmal.EINWOHNER, wert=250_000)
    assert Kennzahl.objects.count() == 2


def test_activity_hours_outside_0_to_24_are_refused_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        AktivitaetFactory(stunden=Decimal("24.5"))
    assert not Aktivitaet.objects.exists()


def test_massnahme_cannot_end_before_it_begins(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        MassnahmeFactory(beginn=datetime.date(2024, 5, 1), ende=datetime.date(2024, 4, 1))


def test_quartier_with_activities_cannot_be_deleted(db):
    from django.db.models import ProtectedError

    aktivitaet = AktivitaetFactory()
    with pytest.raises(ProtectedError):
        aktivitaet.quartier.delete()


def test_totals_and_monthly_counts_are_aggregated_in_sql(db, django_assert_num_queries):
    quartier = QuartierFactory()
    AktivitaetFactory(
        quartier=quartier, datum=datetime.date(2024, 3, 5), stunden=2, teilnehmende=10
    )
    AktivitaetFactory(
        quartier=quartier, datum=datetime.date(2024, 3, 20), stunden=1.5, teilnehmende=None
    )
    AktivitaetFactory(
        quartier=quartier, datum=datetime.date(2024, 5, 1), stunden=None, teilnehmende=4
    )
    qs = Aktivitaet.objects.filter(quartier=quartier)
    with django_assert_num_queries(1):
        totals = qs.totals()
    assert totals == {"anzahl": 3, "stunden": Decimal("3.5"), "teilnehmende": 14}
    with django_assert_num_queries(1):
        months = list(qs.monthly_counts())
    assert [(m["monat"], m["anzahl"]) for m in months] == [
        (datetime.date(2024, 3, 1), 2),
        (datetime.date(2024, 5, 1), 1),
    ]


def test_quartiere_with_open_bedarfe_are_marked(db):
    offen = BedarfFactory(status=Bedarf.Status.IN_BEARBEITUNG).quartier
    erledigt = BedarfFactory(status=Bedarf.Status.ERLEDIGT).quartier
    ohne = QuartierFactory()
    flags = {q.pk: q.has_open_bedarfe for q in Quartier.objects.with_open_bedarfe()}
    assert flags[offen.pk] and not flags[erledigt.pk] and not flags[ohne.pk]
