"""The data migration gives every existing Einladung its own random RSVP token."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("netzwerk", "0001_initial")]
AFTER = [("netzwerk", "0002_einladung_rsvp_token")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_existing_invitations_get_distinct_random_tokens():
    old = migrate(BEFORE)
    try:
        Termin = old.get_model("netzwerk", "Termin")
        Person = old.get_model("netzwerk", "Person")
        Einladung = old.get_model("netzwerk", "Einladung")
        beginn = timezone.now() + datetime.timedelta(days=3)
        termin = Termin.objects.create(
            titel="Alt", beginn=beginn, ende=beginn + datetime.timedelta(hours=1), uid="alt@x"
        )
        for n in range(3):
            person = Person.objects.create(
                name=f"P{n}", email=f"p{n}@example.org", kalender_token=f"k{n}"
            )
            Einladung.objects.create(termin=termin, person=person)

        new = migrate(AFTER)
        tokens = list(
            new.get_model("netzwerk", "Einladung").objects.values_list("rsvp_token", flat=True)
        )
        assert len(tokens) == 3
        assert len(set(tokens)) == 3
        assert all(len(token) >= 43 for token in tokens)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
