"""Proof on PostgreSQL: a code is used at most once even when submissions race (a fault test),
and nothing in the database links a code to the answers it unlocked."""

import random
import threading

import pytest
from django.db import connection, connections

from befragung import antworten, freigabe, zugangscodes
from befragung.models import (
    Antwort,
    Befragung,
    Frage,
    Rueckmeldung,
    WartendeRueckmeldung,
    Zugangscode,
)

from ..factories import BefragungFactory, FrageFactory


@pytest.fixture(autouse=True)
def _postgres_only(needs_postgresql):
    """PostgreSQL row locks: SQLite serialises all writers."""


def submit(*, befragung, code, zahl=1):
    """What the public form does (code spent, then the answers held); False if refused."""
    try:
        antworten.submit(
            befragung=befragung,
            sprache="de",
            kanal=Rueckmeldung.Kanal.ONLINE,
            cleaned={befragung.fragen.get(): zahl},
            code=code,
        )
    except antworten.CodeUngueltig:
        return False
    return True


@pytest.mark.fault
def test_concurrent_redemptions_of_one_code_store_exactly_one_answer(transactional_db):
    befragung = BefragungFactory(modus=Befragung.Modus.ZUGANGSCODE)
    FrageFactory(befragung=befragung, typ=Frage.Typ.ZAHL)
    (code,) = zugangscodes.generate(befragung=befragung, anzahl=1)
    racers = 6
    barrier = threading.Barrier(racers, timeout=10)
    results, errors = [], []

    def racer(n):
        try:
            barrier.wait()  # all submit the same code at once
            results.append(submit(befragung=befragung, code=code, zahl=n))
        except Exception as error:  # surfaced below: a thread cannot fail the test itself
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=racer, args=(n,)) for n in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert sorted(results) == [False] * (racers - 1) + [True]
    assert WartendeRueckmeldung.objects.filter(befragung=befragung).count() == 1
    assert list(
        Zugangscode.objects.filter(befragung=befragung).values_list("benutzt", flat=True)
    ) == [True]


def columns(table):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s",
            [table],
        )
        return dict(cursor.fetchall())


def foreign_tables(table):
    with connection.cursor() as cursor:
        relations = connection.introspection.get_relations(cursor, table)
    return {relation[1] for relation in relations.values()}


def test_nothing_links_a_code_to_its_answers(transactional_db):
    codes_table = Zugangscode._meta.db_table
    rueckmeldung_table = Rueckmeldung._meta.db_table
    antwort_table = Antwort._meta.db_table
    befragung_table = Befragung._meta.db_table

    # The code table holds the hash and the flag: no time, no reference to an answer.
    assert columns(codes_table) == {
        "id": "bigint",
        "befragung_id": "bigint",
        "code_hash": "character varying",
        "benutzt": "boolean",
    }
    assert foreign_tables(codes_table) == {befragung_table}
    # Answers have random keys, a date without time, and no reference to a code.
    rueckmeldung_columns = columns(rueckmeldung_table)
    assert rueckmeldung_columns["id"] == "uuid"
    assert rueckmeldung_columns["eingereicht_am"] == "date"
    assert not any("time" in kind for kind in rueckmeldung_columns.values())
    assert not any("time" in kind for kind in columns(antwort_table).values())
    assert codes_table not in foreign_tables(rueckmeldung_table)
    assert codes_table not in foreign_tables(antwort_table)

    # After N redemptions in random order, the only change to the code rows is the flag.
    befragung = BefragungFactory(modus=Befragung.Modus.ZUGANGSCODE)
    FrageFactory(befragung=befragung, typ=Frage.Typ.ZAHL)
    codes = zugangscodes.generate(befragung=befragung, anzahl=20)
    before = {
        row[0]: row for row in Zugangscode.objects.values_list("id", "befragung_id", "code_hash")
    }
    used = random.Random(5).sample(codes, 12)
    for code in used:
        assert submit(befragung=befragung, code=code)
    freigabe.flush(befragung, final=True)
    assert Rueckmeldung.objects.filter(befragung=befragung).count() == 12
    after = Zugangscode.objects.values_list("id", "befragung_id", "code_hash", "benutzt")
    assert {row[:3] for row in after} == set(before.values())
    assert sum(row[3] for row in after) == 12
    # The answers' keys are random UUIDs: their order says nothing about the order of use.
    assert all(r.version == 4 for r in Rueckmeldung.objects.values_list("id", flat=True))
