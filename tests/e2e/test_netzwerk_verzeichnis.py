"""The directory in the browser: lists, Person page, the import previews with errors (Personen
and Akteur:innen) and the Person form with errors pass axe with zero violations."""

import pytest
from playwright.sync_api import expect

from netzwerk.models import Akteur, Person

from ..factories import AkteurFactory, EinladungFactory, MitgliedschaftFactory, PersonFactory
from .conftest import assert_accessible
from .test_accessibility import demo, login  # noqa: F401 (the demo fixture is used by name)

pytestmark = pytest.mark.e2e


@pytest.fixture
def verzeichnis(demo):  # noqa: F811
    akteur = AkteurFactory(name="Nachbarschaftstreff Beispiel e. V.")
    person = PersonFactory(name="Aylin Beispiel", akteur=akteur, funktion="Vorstand")
    MitgliedschaftFactory(person=person, rolle="sprecher")
    EinladungFactory(person=person, kommentar="Komme etwas später")
    return {**demo, "person": person}


def test_directory_pages_are_accessible(page, verzeichnis):
    login(page, "fachstelle@example.org", totp_secret=verzeichnis["fachstelle"].totp_secret)
    page.goto(page.base_url + "/netzwerk/")
    assert_accessible(page)
    page.get_by_role("link", name="Zu den Akteur:innen").click()
    expect(page.get_by_role("heading", name="Akteur:innen", exact=True)).to_be_visible()
    assert_accessible(page)
    page.goto(page.base_url + "/netzwerk/personen/")
    page.get_by_label("Suche (Name oder E-Mail)").fill("Aylin")
    page.get_by_role("button", name="Filtern").click()
    assert_accessible(page)
    page.get_by_role("link", name="Aylin Beispiel").click()
    expect(page.get_by_role("heading", name="Mitgliedschaften in Gremien")).to_be_visible()
    expect(page.get_by_role("link", name="Daten exportieren (JSON)")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Person löschen (anonymisieren)").click()
    assert_accessible(page)


def test_person_form_explains_missing_consent_next_to_the_field(page, verzeichnis):
    login(page, "fachstelle@example.org", totp_secret=verzeichnis["fachstelle"].totp_secret)
    page.goto(page.base_url + "/netzwerk/personen/neu/")
    page.get_by_label("Name").fill("Bernd Muster")
    page.get_by_label("E-Mail").fill("bernd@example.org")
    page.get_by_role("button", name="Speichern").click()
    error = page.locator("#id_einwilligung_am_error")
    assert "wann die Person eingewilligt hat" in error.inner_text()
    assert page.get_by_label("Einwilligung am").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    assert not Person.objects.filter(name="Bernd Muster").exists()


def test_import_preview_with_errors_is_accessible(page, verzeichnis, tmp_path):
    login(page, "fachstelle@example.org", totp_secret=verzeichnis["fachstelle"].totp_secret)
    bad = tmp_path / "fehler.csv"
    bad.write_text(
        "name;email;akteur;einwilligung_am;einwilligung_zweck\n"
        "Cem;cem@example.org;Gibt es nicht;01.03.2024;Einladungen\n",
        encoding="utf-8",
    )
    page.goto(page.base_url + "/netzwerk/personen/import/")
    assert_accessible(page)
    page.get_by_label("CSV-Datei").set_input_files(bad)
    page.get_by_role("button", name="Datei prüfen").click()
    expect(page.get_by_text("Zeile 2, Spalte „akteur“: Unbekannte Akteur:in")).to_be_visible()
    expect(page.get_by_role("button", name="jetzt importieren")).to_have_count(0)
    assert_accessible(page)
    assert not Person.objects.filter(name="Cem").exists()


def test_akteure_import_preview_with_errors_is_accessible(page, verzeichnis, tmp_path):
    login(page, "fachstelle@example.org", totp_secret=verzeichnis["fachstelle"].totp_secret)
    bad = tmp_path / "akteure.csv"
    bad.write_text(
        "name;art;quartiere;adresse;web;telefon;email;beschreibung;aktiv\n"
        "Neuer Treff e. V.;Verein;Atlantis;;;;;;ja\n"
        "Nachbarschaftstreff Beispiel e. V.;Verein;;;;;;;ja\n",
        encoding="utf-8",
    )
    page.goto(page.base_url + "/netzwerk/akteure/")
    page.get_by_role("link", name="CSV importieren").click()
    expect(page.get_by_role("heading", name="Akteur:innen aus CSV importieren")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("CSV-Datei").set_input_files(bad)
    page.get_by_role("button", name="Datei prüfen").click()
    expect(page.get_by_text("Zeile 2, Spalte „quartiere“: Unbekanntes Quartier")).to_be_visible()
    expect(page.get_by_text("Zeile 3, Spalte „name“: Es gibt schon eine Akteur:in")).to_be_visible()
    expect(page.get_by_role("button", name="jetzt importieren")).to_have_count(0)
    assert_accessible(page)
    assert not Akteur.objects.filter(name="Neuer Treff e. V.").exists()
