"""The Fachstelle plans a Termin for a Gremium in the browser and sees the invitees; the Termin
and Gremium pages pass axe."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from netzwerk.models import Termin
from quartiere.models import Quartier

from ..factories import (
    EinladungFactory,
    GremiumFactory,
    MitgliedschaftFactory,
    OrtFactory,
    PersonFactory,
    TagesordnungspunktFactory,
    TerminFactory,
    in_days,
)
from .conftest import assert_accessible
from .test_accessibility import demo, login  # noqa: F401 (the demo fixture is used by name)

pytestmark = pytest.mark.e2e


@pytest.fixture
def netzwerk(demo):  # noqa: F811
    wiesenau = Quartier.objects.get(slug="wiesenau")
    gremium = GremiumFactory(
        name="Runder Tisch Browsertest", slug="runder-tisch-browsertest", quartier=wiesenau
    )
    members = [
        MitgliedschaftFactory(gremium=gremium, person=PersonFactory(name=name), rolle=rolle).person
        for name, rolle in [("Selma Sprecherin", "sprecher"), ("Moritz Mitglied", "mitglied")]
    ]
    MitgliedschaftFactory(
        gremium=gremium,
        person=PersonFactory(name="Elke Ehemalig"),
        von=datetime.date(2020, 1, 1),
        bis=datetime.date(2023, 1, 1),
    )
    ort = OrtFactory(name="Stadtteiltreff Browsertest", barrierefrei=True)
    termin = TerminFactory(
        gremium=gremium, ort=ort, titel="Vortreffen Browsertest", beginn=in_days(3)
    )
    TagesordnungspunktFactory(termin=termin, position=1, titel="Begrüßung")
    EinladungFactory(termin=termin, person=members[0], antwort="zugesagt", kommentar="Gern!")
    EinladungFactory(termin=termin, person=members[1], send_error="Postfach voll")
    TerminFactory(gremium=gremium, ort=ort, titel="Rückblick Browsertest", beginn=in_days(-20))
    return {"gremium": gremium, "members": members, "ort": ort, "termin": termin}


def test_termin_and_gremium_pages_are_accessible(page, demo, netzwerk):  # noqa: F811
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    termin = netzwerk["termin"]
    today = timezone.localdate()
    for path in (
        "/netzwerk/termine/",
        "/netzwerk/termine/?zeitraum=vergangene",
        f"/netzwerk/termine/monat/{today.year}/{today.month}/",
        f"/netzwerk/termine/{termin.pk}/",
        f"/netzwerk/termine/{termin.pk}/einladungen/",
        f"/netzwerk/termine/{termin.pk}/einladen/",
        f"/netzwerk/termine/{termin.pk}/absagen/",
        f"/netzwerk/termine/{termin.pk}/bearbeiten/",
        "/netzwerk/termine/neu/?gremium=runder-tisch-browsertest",
        "/netzwerk/gremien/",
        "/netzwerk/gremien/runder-tisch-browsertest/",
        "/netzwerk/gremien/neu/",
        "/netzwerk/orte/",
    ):
        page.goto(page.base_url + path)
        assert_accessible(page)
    page.goto(page.base_url + "/netzwerk/gremien/runder-tisch-browsertest/")
    page.get_by_text("1 ehemaliges Mitglied").click()
    expect(page.locator("details").get_by_text("Elke Ehemalig")).to_be_visible()
    assert_accessible(page)


def test_form_errors_are_next_to_the_fields_and_accessible(page, demo, netzwerk):  # noqa: F811
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    page.goto(page.base_url + "/netzwerk/termine/neu/?gremium=runder-tisch-browsertest")
    page.get_by_label("Titel").fill("Falsch herum")
    page.get_by_label("Datum", exact=True).fill("2097-03-10")
    page.get_by_label("Beginn (Uhrzeit)").fill("20:00")
    page.get_by_label("Ende (Uhrzeit)").fill("18:00")
    page.get_by_role("button", name="Speichern").click()
    assert (
        "Das Ende muss nach dem Beginn liegen." in page.locator("#id_ende_zeit_error").inner_text()
    )
    assert page.get_by_label("Ende (Uhrzeit)").get_attribute("aria-invalid") == "true"
    assert "Bitte wählen Sie einen Ort" in page.locator("#id_ort_error").inner_text()
    assert_accessible(page)
    assert not Termin.objects.filter(titel="Falsch herum").exists()


def test_fachstelle_plans_a_termin_and_sees_the_invitees(page, demo, netzwerk):  # noqa: F811
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    page.goto(page.base_url + "/netzwerk/gremien/runder-tisch-browsertest/")
    page.get_by_role("link", name="Termin anlegen").click()
    page.wait_for_url("**/netzwerk/termine/neu/?gremium=runder-tisch-browsertest")
    page.get_by_label("Titel").fill("Runder Tisch im Frühjahr")
    page.get_by_label("Datum", exact=True).fill("2097-03-10")
    page.get_by_label("Beginn (Uhrzeit)").fill("18:00")
    page.get_by_label("Ende (Uhrzeit)").fill("20:00")
    page.locator("#id_ort").select_option(label="Stadtteiltreff Browsertest")
    page.get_by_label("Tagesordnung").fill("Begrüßung\nBericht aus dem Quartier")
    assert page.get_by_label("Alle aktuellen Mitglieder des Gremiums einladen").is_checked()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("2 Personen erhalten eine Einladung.")).to_be_visible()
    expect(page.get_by_role("heading", name="Runder Tisch im Frühjahr")).to_be_visible()
    expect(page.get_by_text("10.03.2097, 18:00")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Alle Einladungen und Antworten").click()
    table = page.get_by_role("table")
    for member in netzwerk["members"]:
        expect(table.get_by_text(member.name)).to_be_visible()
    assert "Elke Ehemalig" not in table.inner_text()
    assert_accessible(page)
    termin = Termin.objects.get(titel="Runder Tisch im Frühjahr")
    assert termin.einladungen.count() == 2
    assert timezone.localtime(termin.beginn).hour == 18


def test_people_are_found_by_search_and_picked_without_javascript(page, demo, netzwerk):  # noqa: F811
    PersonFactory(name="Zora Gesucht", email="zora@example.org")
    PersonFactory(name="Yusuf Gefunden", email="yusuf@example.org")
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    # Gremium page: the search leads to "Mitglied hinzufügen" with the matches only.
    page.goto(page.base_url + "/netzwerk/gremien/runder-tisch-browsertest/")
    page.get_by_label("Person suchen").fill("Zora Gesucht")
    page.get_by_role("button", name="Suchen").click()
    page.wait_for_url("**/mitglieder/neu/?person_suche=Zora+Gesucht*")
    expect(page.get_by_text("1 Treffer für „Zora Gesucht“.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Zora Gesucht").check()
    page.get_by_role("button", name="Hinzufügen").click()
    expect(page.get_by_text("Zora Gesucht ist jetzt Mitglied im Gremium.")).to_be_visible()
    # Termin: search twice inside the form; what was entered and chosen stays.
    page.goto(page.base_url + "/netzwerk/termine/neu/?gremium=runder-tisch-browsertest")
    page.get_by_label("Titel").fill("Treffen mit Gästen")
    page.get_by_label("Datum", exact=True).fill("2097-04-14")
    page.get_by_label("Beginn (Uhrzeit)").fill("18:00")
    page.get_by_label("Ende (Uhrzeit)").fill("19:00")
    page.locator("#id_ort").select_option(label="Stadtteiltreff Browsertest")
    page.get_by_label("Weitere Personen suchen").fill("Yusuf Gefunden")
    page.get_by_role("button", name="Suchen").click()
    assert page.get_by_label("Titel").input_value() == "Treffen mit Gästen"
    assert_accessible(page)
    page.get_by_label("Yusuf Gefunden").check()
    page.get_by_label("Weitere Personen suchen").fill("keiner-heisst-so")
    page.get_by_role("button", name="Suchen").click()
    expect(page.get_by_text("Keine Treffer für „keiner-heisst-so“.")).to_be_visible()
    assert page.get_by_label("Yusuf Gefunden").is_checked()
    page.get_by_role("button", name="Speichern").click()
    # Selma, Moritz, Zora (members now) and Yusuf.
    expect(page.get_by_text("4 Personen erhalten eine Einladung.")).to_be_visible()
    termin = Termin.objects.get(titel="Treffen mit Gästen")
    assert termin.einladungen.filter(person__name="Yusuf Gefunden").exists()
