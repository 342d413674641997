"""DSGVO: export everything about a Person, erase (anonymise) one, in the UI and as commands."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from gwa_portal.core.models import Role
from netzwerk.dsgvo import person_erase, person_export
from netzwerk.models import Aufgabe, Einladung, Mitgliedschaft, Person, Teilnahme

from ..factories import (
    AkteurFactory,
    AufgabeFactory,
    EinladungFactory,
    GremiumFactory,
    MitgliedschaftFactory,
    PersonFactory,
    TeilnahmeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER
SECRET_BITS = [
    "Aylin Beispiel",
    "aylin@example.org",
    "0511 123456",
    "Vorstand",
    "Bitte vegetarisch",
]


@pytest.fixture
def aylin():
    user = UserFactory(role=Role.PARTNER, email="aylin.zugang@example.org")
    person = PersonFactory(
        name="Aylin Beispiel",
        email="aylin@example.org",
        telefon="0511 123456",
        funktion="Vorstand",
        akteur=AkteurFactory(name="Treff e. V."),
        user=user,
        einwilligung_am=datetime.date(2024, 3, 1),
        einwilligung_zweck="Einladungen zum Runden Tisch",
    )
    MitgliedschaftFactory(person=person, gremium=GremiumFactory(name="AG Senior:innen"))
    EinladungFactory(person=person, antwort="zugesagt", kommentar="Bitte vegetarisch")
    EinladungFactory(person=person, antwort="abgesagt")
    TeilnahmeFactory(person=person)
    AufgabeFactory(verantwortlich=person, beschreibung="Raum buchen")
    return person


def test_export_contains_everything_stored_about_the_person(aylin):
    data = person_export(aylin)
    json.dumps(data)  # serialisable
    assert data["person"]["email"] == "aylin@example.org"
    assert data["person"]["einwilligung_am"] == "2024-03-01"
    assert data["person"]["einwilligung_zweck"] == "Einladungen zum Runden Tisch"
    assert data["akteur"]["name"] == "Treff e. V."
    assert data["zugang"]["email"] == "aylin.zugang@example.org"
    assert [m["gremium"] for m in data["mitgliedschaften"]] == ["AG Senior:innen"]
    assert {e["antwort"] for e in data["einladungen"]} == {"zugesagt", "abgesagt"}
    assert "Bitte vegetarisch" in [e["kommentar"] for e in data["einladungen"]]
    assert len(data["teilnahmen"]) == 1
    assert data["aufgaben"][0]["beschreibung"] == "Raum buchen"


def _everything_in_the_db_about(person):
    person = Person.objects.get(pk=person.pk)
    texts = [person.name, person.email, person.telefon, person.funktion, person.einwilligung_zweck]
    texts += list(Einladung.objects.filter(person=person).values_list("kommentar", flat=True))
    return " ".join(texts)


def test_erase_leaves_no_personal_data_and_keeps_the_counts(aylin, fachstelle):
    old_token = aylin.kalender_token
    erasure = person_erase(person=aylin, by=fachstelle)
    assert not erasure.already_erased
    stored = _everything_in_the_db_about(aylin)
    for bit in SECRET_BITS:
        assert bit not in stored
    person = Person.objects.get(pk=aylin.pk)
    assert person.name == f"Gelöschte Person {aylin.pk}"
    assert person.user is None and person.einwilligung_am is None
    assert person.kalender_token != old_token
    assert person.geloescht_am is not None
    assert Einladung.objects.filter(person=person).count() == 2
    assert Einladung.objects.filter(person=person, antwort="zugesagt").count() == 1
    assert Teilnahme.objects.filter(person=person).count() == 1
    assert Aufgabe.objects.filter(verantwortlich=person).count() == 1
    membership = Mitgliedschaft.objects.get(person=person)
    assert membership.bis is not None  # history kept, membership over


def test_erase_is_idempotent(aylin, fachstelle):
    person_erase(person=aylin, by=fachstelle)
    first = Person.objects.get(pk=aylin.pk)
    again = person_erase(person=first, by=fachstelle)
    assert again.already_erased
    assert Person.objects.get(pk=aylin.pk).kalender_token == first.kalender_token


# --- UI ----------------------------------------------------------------------------------------


def test_fachstelle_downloads_the_json(client_as, aylin):
    response = client_as(F).get(reverse("netzwerk:person_dsgvo_export", args=[aylin.pk]))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["person"]["email"] == "aylin@example.org"


def test_confirmation_page_lists_what_will_happen_and_changes_nothing(client_as, aylin):
    page = client_as(F).get(reverse("netzwerk:person_loeschen", args=[aylin.pk])).content.decode()
    assert f"„Gelöschte Person {aylin.pk}“" in page
    assert "1 Kommentar zu Einladungen wird gelöscht." in page
    assert "2 Einladungen mit Antworten, 1 Teilnahmen, 1 Aufgaben" in page
    assert Person.objects.get(pk=aylin.pk).email == "aylin@example.org"


def test_fachstelle_erases_after_confirmation(client_as, aylin):
    response = client_as(F).post(reverse("netzwerk:person_loeschen", args=[aylin.pk]))
    assert response.status_code == 302 and response.url == aylin.get_absolute_url()
    assert Person.objects.get(pk=aylin.pk).is_erased


@pytest.mark.parametrize("role", [K, V, P])
def test_nobody_else_exports_or_erases(client_as, role, aylin):
    client = client_as(role)
    assert client.get(reverse("netzwerk:person_dsgvo_export", args=[aylin.pk])).status_code == 403
    assert client.post(reverse("netzwerk:person_loeschen", args=[aylin.pk])).status_code == 403
    assert not Person.objects.get(pk=aylin.pk).is_erased


def test_anonymous_is_sent_to_login(client, aylin):
    response = client.post(reverse("netzwerk:person_loeschen", args=[aylin.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not Person.objects.get(pk=aylin.pk).is_erased


# --- commands ------------------------------------------------------------------------------------


def test_person_export_prints_json_by_email(aylin, capsys):
    call_command("person_export", "AYLIN@example.org")
    assert json.loads(capsys.readouterr().out)["person"]["id"] == aylin.pk


def test_person_export_writes_a_file(aylin, tmp_path):
    target = tmp_path / "aylin.json"
    call_command("person_export", str(aylin.pk), "--output", str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["person"]["name"] == "Aylin Beispiel"


def test_person_loeschen_refuses_without_yes(aylin):
    with pytest.raises(CommandError, match="--yes"):
        call_command("person_loeschen", str(aylin.pk))
    assert not Person.objects.get(pk=aylin.pk).is_erased


def test_person_loeschen_erases_and_says_so_when_run_again(aylin, capsys):
    call_command("person_loeschen", "aylin@example.org", "--yes")
    out = capsys.readouterr().out
    assert f"Person {aylin.pk} gelöscht" in out and "1 Teilnahmen" in out
    assert Person.objects.get(pk=aylin.pk).is_erased
    call_command("person_loeschen", str(aylin.pk), "--yes")
    assert "schon gelöscht; nichts zu tun" in capsys.readouterr().out


def test_unknown_person_is_a_clear_error():
    with pytest.raises(CommandError, match="Keine Person"):
        call_command("person_export", "niemand@example.org")
    with pytest.raises(CommandError, match="Keine Person mit der Nummer 999"):
        call_command("person_loeschen", "999", "--yes")
