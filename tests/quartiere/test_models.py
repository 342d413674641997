"""Koordination history (von ≤ bis, 'current' means today) and the Quartier querysets."""

import datetime

import pytest
from django.db import IntegrityError

from quartiere.models import Koordination, Quartier

from ..factories import AktivitaetFactory, KoordinationFactory, QuartierFactory


def test_bis_before_von_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError):
        KoordinationFactory(von=datetime.date(2024, 5, 1), bis=datetime.date(2024, 4, 30))


def test_current_koordination_respects_the_date_range(db):
    today = datetime.date.today()
    old = KoordinationFactory(
        von=today - datetime.timedelta(days=400), bis=today - datetime.timedelta(days=1)
    )
    new = KoordinationFactory(quartier=old.quartier, von=today)
    assert list(Koordination.objects.current()) == [new]
    assert list(Quartier.objects.coordinated_by(new.user)) == [old.quartier]
    assert list(Quartier.objects.coordinated_by(old.user)) == []


def test_quartier_str_and_url(db):
    quartier = QuartierFactory(name="Alte Mitte", slug="alte-mitte")
    assert str(quartier) == "Alte Mitte"
    assert quartier.get_absolute_url() == "/quartiere/alte-mitte/"


def test_reserved_slugs_are_refused_for_quartiere(db):
    from django.core.exceptions import ValidationError

    quartier = QuartierFactory.build(slug="aktivitaeten", stadtteil=QuartierFactory().stadtteil)
    with pytest.raises(ValidationError) as error:
        quartier.full_clean()
    assert "reserviert" in str(error.value)


def test_recent_activity_count_counts_only_activities_since_the_date(db, django_assert_num_queries):
    since = datetime.date(2025, 1, 1)
    busy = QuartierFactory(name="Wiesenau")
    QuartierFactory(name="Godshorn")
    for datum in (
        datetime.date(2025, 1, 1),
        datetime.date(2025, 3, 2),
        datetime.date(2024, 12, 31),
    ):
        AktivitaetFactory(quartier=busy, datum=datum)
    with django_assert_num_queries(1):
        counts = dict(
            Quartier.objects.with_recent_activity_count(since=since).values_list(
                "name", "aktivitaeten_neu"
            )
        )
    assert counts == {"Wiesenau": 2, "Godshorn": 0}
