"""A DSGVO erasure leaves no trace of the Person's name, e-mail or phone anywhere in the audit
trail, on SQLite (JSON stored ASCII-escaped: "M\\u00fcller") and on PostgreSQL (jsonb, stored
as "Müller"). CI runs this on PostgreSQL; run it locally with DATABASE_URL=postgres://…"""

import json

import pytest
from auditlog.models import LogEntry
from django.db.models import TextField
from django.db.models.functions import Cast
from django.urls import reverse

from gwa_portal.core.models import Role
from netzwerk.models import Person

from ..factories import (
    EinladungFactory,
    MitgliedschaftFactory,
    PersonFactory,
    ProtokollFactory,
    TeilnahmeFactory,
)
from .test_audit import entries_for

pytestmark = pytest.mark.django_db


def _strings(value):
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)]


def stored_log():
    """The trail as the database holds it (object_repr and the changes column as text) and as
    Python reads it, case-folded: whatever a search of the table could find."""
    rows = LogEntry.objects.annotate(raw=Cast("changes", TextField())).values_list(
        "object_repr", "raw", "changes"
    )
    return "\n".join(
        "\n".join([name, raw, *_strings(changes)]) for name, raw, changes in rows
    ).casefold()


def traces(secrets):
    """The secrets found in the trail, in any spelling the database may use for them."""
    text = stored_log()
    spellings = {
        s
        for secret in secrets
        for s in (secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1])
    }
    return sorted(s for s in spellings if s.casefold() in text)


def erase(client_as, person):
    response = client_as(Role.FACHSTELLE).post(
        reverse("netzwerk:person_loeschen", args=[person.pk])
    )
    assert response.status_code == 302


def test_erasure_removes_an_umlaut_name_email_and_phone_everywhere(client_as):
    person = PersonFactory(name="Jürgen Müller", email="J.Mueller@example.org", telefon="0511 4711")
    secrets = ["Jürgen Müller", "J.Mueller@example.org", "0511 4711"]
    einladung = EinladungFactory(person=person, kommentar="Ich komme später")
    MitgliedschaftFactory(person=person)
    TeilnahmeFactory(person=person)
    # Each only in the changes of an unrelated entry (a Protokoll's name is its Termin's), one
    # of them in another case.
    ProtokollFactory(text="Beratung mit Jürgen Müller")
    ProtokollFactory(text="Rückfrage von JÜRGEN MÜLLER")
    ProtokollFactory(text="Post an j.mueller@example.org")
    ProtokollFactory(text="Rückruf unter 0511 4711.")
    assert len(traces(secrets)) >= 3, "the test data is in the trail before the erasure"
    erase(client_as, person)
    assert traces(secrets) == []
    assert traces(["Müller", "Ich komme später"]) == []
    name = f"Gelöschte Person {person.pk}"
    assert {e.object_repr for e in entries_for(person)} == {name}
    assert entries_for(einladung).first().object_repr.startswith(f"{name} → ")


def test_erasure_finds_names_with_characters_json_escapes(client_as):
    person = PersonFactory(name='Hans "Hansi" Öztürk', email="hansi@example.org")
    ProtokollFactory(text='Gespräch mit Hans "Hansi" Öztürk \\ Familie')
    assert traces(['Hans "Hansi" Öztürk']) != []
    erase(client_as, person)
    assert traces(['Hans "Hansi" Öztürk', "hansi@example.org"]) == []


def test_erasure_leaves_similar_names_alone(client_as):
    person = PersonFactory(name="Jürgen Müller", email="")
    neighbour = PersonFactory(name="Jürgen Meier", email="")
    ProtokollFactory(text="Jürgen Meier kommt, Jürgen M. nicht")
    before = list(LogEntry.objects.exclude(object_id=person.pk).values_list("pk", "changes"))
    erase(client_as, person)
    assert Person.objects.get(pk=neighbour.pk).name == "Jürgen Meier"
    assert entries_for(neighbour).get().object_repr == "Jürgen Meier"
    after = dict(LogEntry.objects.values_list("pk", "changes"))
    assert [(pk, after[pk]) for pk, _changes in before] == before
