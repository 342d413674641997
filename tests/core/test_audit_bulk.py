"""Audit entries for bulk writes (gwa_portal.core.audit.bulk): they look like the entries
auditlog's signals write, follow the registry's fields, name the actor, and cost one INSERT."""

import datetime

import pytest
from auditlog.context import disable_auditlog, set_actor
from auditlog.models import LogEntry
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from befragung.models import Befragungseinladung, Zugangscode
from gwa_portal.core.audit import (
    changed_copy,
    delete_logged,
    log_bulk_create,
    log_bulk_m2m_add,
    log_bulk_update,
    update_logged,
)
from gwa_portal.core.models import Role, User
from netzwerk.models import Akteur, Person

from ..factories import (
    AkteurFactory,
    BefragungFactory,
    PersonFactory,
    QuartierFactory,
    ZugangscodeFactory,
)
from .test_audit import entries_for

pytestmark = pytest.mark.django_db


def _without_id(changes):
    return {k: v for k, v in changes.items() if k != "id"}


def _shape(entry):
    return (entry.content_type, entry.action, entry.actor, entry.object_repr, entry.remote_addr)


def test_a_bulk_created_row_gets_the_entry_a_saved_row_gets(fachstelle):
    akteur = AkteurFactory()
    fields = {"name": "Jana Über", "email": "jana@example.org", "akteur": akteur}
    with set_actor(fachstelle):
        saved = Person.objects.create(**fields, einwilligung_am=datetime.date(2024, 3, 1))
        Person.objects.filter(pk=saved.pk).delete()
        (bulk,) = Person.objects.bulk_create(
            [Person(**fields, einwilligung_am=datetime.date(2024, 3, 1))]
        )
        (entry,) = log_bulk_create([bulk])
    signal_entry = entries_for(saved).filter(action=LogEntry.Action.CREATE).get()
    entry.refresh_from_db()
    assert _shape(entry) == _shape(signal_entry)
    assert _without_id(entry.changes) == _without_id(signal_entry.changes)
    assert entry.changes["id"] == ["None", str(bulk.pk)]
    assert (entry.object_pk, entry.object_id) == (str(bulk.pk), bulk.pk)
    assert entry.actor_email == fachstelle.email


def test_an_update_gets_the_entry_a_save_with_update_fields_gets(fachstelle):
    person = PersonFactory(name="Alt")
    with set_actor(fachstelle):
        person.name = "Neu"
        person.save(update_fields=["name"])
        assert update_logged(Person.objects.filter(pk=person.pk), name="Neuer") == 1
    signal_entry, bulk_entry = entries_for(person).filter(action=LogEntry.Action.UPDATE)
    assert signal_entry.changes == {"name": ["Alt", "Neu"]}
    assert bulk_entry.changes == {"name": ["Neu", "Neuer"]}
    assert bulk_entry.object_repr == "Neuer"  # the name after the change, as auditlog does
    assert bulk_entry.actor == signal_entry.actor == fachstelle
    assert Person.objects.get(pk=person.pk).name == "Neuer"


def test_m2m_entries_match_the_ones_of_add():
    quartier = QuartierFactory(name="Godshorn")
    akteur, other = AkteurFactory(), AkteurFactory()
    akteur.quartiere.add(quartier)
    Akteur.quartiere.through.objects.create(akteur=other, quartier=quartier)
    (entry,) = log_bulk_m2m_add("quartiere", [(other, [quartier]), (akteur, [])])
    assert entry.changes == entries_for(akteur).last().changes
    assert entry.action == LogEntry.Action.UPDATE and entry.object_id == other.pk


def test_registry_exclusions_hold_for_bulk_entries():
    befragung = BefragungFactory(modus="zugangscode")
    code = ZugangscodeFactory(befragung=befragung)
    person = PersonFactory()
    (einladung,) = Befragungseinladung.objects.bulk_create(
        [Befragungseinladung(befragung=befragung, person=person, code_hash=code.code_hash)]
    )
    (user,) = User.objects.bulk_create(
        [User(email="neu@example.org", name="Neu", role=Role.PARTNER, password="geheim")]
    )
    entries = log_bulk_create([einladung, person]) + log_bulk_create([user])
    for entry in entries:
        entry.refresh_from_db()
        assert not {"code_hash", "teilgenommen", "kalender_token", "password", "last_login"} & set(
            entry.changes
        )
        assert not {"created_at", "updated_at"} & set(entry.changes)
    assert entries[0].changes["person"] == ["None", str(person.pk)]
    assert update_logged(Befragungseinladung.objects.all(), code_hash="", teilgenommen=True) == 1
    assert not entries_for(einladung).filter(action=LogEntry.Action.UPDATE).exists()


def test_models_outside_the_trail_and_a_disabled_trail_get_no_entries():
    code = ZugangscodeFactory()
    before = LogEntry.objects.count()
    assert log_bulk_create([code]) == []
    assert update_logged(Zugangscode.objects.all(), benutzt=True) == 1
    with disable_auditlog():
        assert log_bulk_create([QuartierFactory()]) == []
    assert LogEntry.objects.count() == before


def test_actor_is_only_the_one_of_the_surrounding_context(fachstelle):
    with set_actor(fachstelle):
        inside = log_bulk_create(Person.objects.bulk_create([Person(name="Innen")]))
    after = log_bulk_create(Person.objects.bulk_create([Person(name="Danach")]))
    assert [e.actor for e in inside + after] == [fachstelle, None]


def test_one_insert_for_5_and_for_50_rows():
    counts = []
    for n in (5, 50):
        personen = Person.objects.bulk_create([Person(name=f"P {n} {i}") for i in range(n)])
        with CaptureQueriesContext(connection) as ctx:
            assert len(log_bulk_create(personen)) == n
        counts.append(len(ctx))
    assert counts == [1, 1]


def test_unchanged_rows_get_no_update_entry():
    a, b = PersonFactory(name="Gleich"), PersonFactory(name="Anders")
    entries = log_bulk_update(
        [(a, changed_copy(a, name="Gleich")), (b, changed_copy(b, name="Neu"))], fields=["name"]
    )
    assert [e.object_id for e in entries] == [b.pk]


def test_expressions_and_rows_without_pk_are_refused():
    person = PersonFactory()
    with pytest.raises(TypeError):
        changed_copy(person, name=F("email"))
    with pytest.raises(ValueError):
        log_bulk_create([Person(name="Ohne Nummer")])


def test_delete_logged_writes_the_entries_delete_writes_in_one_query(fachstelle):
    by_signal, *bulk = PersonFactory.create_batch(6, name="Weg Damit")
    signal_pk = by_signal.pk
    with set_actor(fachstelle):
        by_signal.delete()
        with CaptureQueriesContext(connection) as queries:
            assert delete_logged(Person.objects.filter(pk__in=[p.pk for p in bulk])) == 5
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "auditlog_logentry"')]
    assert len(inserts) == 1
    signal_entry = entries_for(Person).get(action=LogEntry.Action.DELETE, object_id=signal_pk)
    for person in bulk:
        entry = entries_for(person).get(action=LogEntry.Action.DELETE)
        assert _shape(entry) == _shape(signal_entry)
        assert entry.changes.keys() == signal_entry.changes.keys()
        assert entry.changes["email"] == [person.email, "None"]
        assert entry.changes["name"] == signal_entry.changes["name"] == ["Weg Damit", "None"]
    assert not Person.objects.exists()


def test_delete_logged_of_nothing_writes_nothing():
    assert delete_logged(Person.objects.none()) == 0
    assert not LogEntry.objects.filter(action=LogEntry.Action.DELETE).exists()
