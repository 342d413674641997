"""What befragung's bulk writes leave in the audit trail: start and end, question order and
options, invitations (never their code), reminder requests and the XLSForm import."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from befragung import baukasten, xlsform
from befragung.models import Antwortoption, Befragung, Befragungseinladung, Frage, Matrixzeile
from gwa_portal.core.models import Role

from ..core.test_audit import entries_for
from ..factories import (
    AntwortoptionFactory,
    BefragungFactory,
    BefragungseinladungFactory,
    FrageFactory,
    PersonFactory,
    ZugangscodeFactory,
)
from .test_baukasten_befragungen import complete_draft
from .test_baukasten_fragen import frage_data
from .test_ergebnisse_xlsform import full_survey, upload

pytestmark = pytest.mark.django_db

F = Role.FACHSTELLE
CREATE, UPDATE = LogEntry.Action.CREATE, LogEntry.Action.UPDATE


def updated(obj):
    return list(entries_for(obj).filter(action=UPDATE))


def test_start_and_end_are_logged_with_the_actor(client_as, fachstelle):
    befragung = complete_draft()
    client = client_as(F)
    client.post(reverse("befragung:starten", args=[befragung.slug]))
    client.post(reverse("befragung:beenden", args=[befragung.slug]))
    started, ended = updated(befragung)
    assert started.changes == {"status": ["entwurf", "laeuft"]}
    assert ended.changes == {"status": ["laeuft", "beendet"]}
    assert started.actor == ended.actor == fachstelle


def test_ending_twice_logs_once():
    befragung = BefragungFactory(status=Befragung.Status.LAEUFT)
    baukasten.end(befragung=befragung)
    baukasten.end(befragung=befragung)
    assert len(updated(befragung)) == 1


@pytest.fixture
def draft():
    return BefragungFactory(status=Befragung.Status.ENTWURF, sprachen=["de"])


def test_moving_a_question_logs_both_real_positions(client_as, fachstelle, draft):
    a = FrageFactory(befragung=draft, position=1, name="a")
    b = FrageFactory(befragung=draft, position=2, name="b")
    url = reverse("befragung:frage_verschieben", args=[draft.slug, b.pk])
    client_as(F).post(url, {"richtung": "hoch"})
    (moved_a,) = updated(a)
    (moved_b,) = updated(b)
    assert moved_a.changes == {"position": ["1", "2"]}
    assert moved_b.changes == {"position": ["2", "1"]}
    assert moved_a.actor == moved_b.actor == fachstelle
    assert moved_b.object_repr.startswith("1. ")


def test_deleting_a_question_logs_renumbering_and_dropped_conditions(client_as, fachstelle, draft):
    first = FrageFactory(befragung=draft, position=1)
    option = AntwortoptionFactory(frage=first)
    second = FrageFactory(befragung=draft, position=2, bedingung_option=option)
    third = FrageFactory(befragung=draft, position=3)
    client_as(F).post(reverse("befragung:frage_loeschen", args=[draft.slug, first.pk]))
    dropped, renumbered = updated(second)
    assert dropped.changes == {"bedingung_option": [str(option.pk), "None"]}
    assert renumbered.changes == {"position": ["2", "1"]}
    assert [e.changes for e in updated(third)] == [{"position": ["3", "2"]}]
    assert {dropped.actor, renumbered.actor} == {fachstelle}


def test_editing_options_logs_where_kept_ones_really_moved(client_as, fachstelle, draft):
    frage = FrageFactory(befragung=draft, typ="einfach", text={"de": "F"})
    bus = AntwortoptionFactory(frage=frage, position=1, text={"de": "Bus"})
    bahn = AntwortoptionFactory(frage=frage, position=2, text={"de": "Bahn"})
    client_as(F).post(
        reverse("befragung:frage_bearbeiten", args=[draft.slug, frage.pk]),
        frage_data(text_de="F", optionen="Rad\nBus\nBahn"),
    )
    assert [(e.changes, e.actor) for e in updated(bus)] == [({"position": ["1", "2"]}, fachstelle)]
    assert [e.changes for e in updated(bahn)] == [{"position": ["2", "3"]}]
    rad = Antwortoption.objects.get(text__de="Rad")
    assert entries_for(rad).get().changes["position"] == ["None", "1"]
    # Saving again unchanged leaves the options' history alone.
    client_as(F).post(
        reverse("befragung:frage_bearbeiten", args=[draft.slug, frage.pk]),
        frage_data(text_de="F", optionen="Rad\nBus\nBahn"),
    )
    assert len(updated(bus)) == 1


def test_invitations_are_logged_with_the_actor_and_never_with_a_code(client_as, fachstelle):
    befragung = BefragungFactory(modus=Befragung.Modus.ZUGANGSCODE)
    personen = [PersonFactory(), PersonFactory()]
    client = client_as(F)
    client.post(
        reverse("befragung:einladen", args=[befragung.slug]),
        {"personen": [p.pk for p in personen]},
    )
    log = list(entries_for(Befragungseinladung).filter(action=CREATE))
    assert len(log) == 2 and {e.actor for e in log} == {fachstelle}
    assert sorted(e.changes["person"][1] for e in log) == sorted(str(p.pk) for p in personen)
    assert all("code_hash" not in e.changes and "teilgenommen" not in e.changes for e in log)


def test_asking_for_reminders_is_logged_with_the_actor(client_as, fachstelle):
    befragung = BefragungFactory(modus=Befragung.Modus.ZUGANGSCODE)
    sent = BefragungseinladungFactory(
        befragung=befragung,
        code_hash=ZugangscodeFactory(befragung=befragung).code_hash,
        sent_at="2024-05-01T10:00:00+02:00",
    )
    client_as(F).post(reverse("befragung:einladungen_erinnern", args=[befragung.slug]))
    requested = [e for e in updated(sent) if "reminder_requested_at" in e.changes]
    assert len(requested) == 1 and requested[0].actor == fachstelle
    assert requested[0].changes["reminder_requested_at"][0] == "None"
    for entry in entries_for(sent):
        assert "code_hash" not in entry.changes


def test_xlsform_import_logs_every_option_and_row_with_the_actor(client_as, fachstelle):
    content = xlsform.export_bytes(full_survey())
    client_as(F).post(reverse("befragung:xlsform_import"), {"datei": upload(content)})
    imported = Befragung.objects.get(status=Befragung.Status.ENTWURF)
    options = Antwortoption.objects.filter(frage__befragung=imported)
    rows = Matrixzeile.objects.filter(frage__befragung=imported)
    assert options.exists() and rows.exists()
    for item in [*options, *rows]:
        (entry,) = entries_for(item).filter(action=CREATE)
        assert entry.actor == fachstelle and entry.changes["name"] == ["None", item.name]
    assert entries_for(Frage).filter(action=CREATE, actor=fachstelle).exists()
