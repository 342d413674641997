"""Protokoll form, Meine Aufgaben, Fortbildung, training record, confirmation and Supervision
in the browser: the pages work and axe reports zero violations."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gwa_portal.core.models import Role
from netzwerk.models import Anmeldung, Aufgabe, Protokoll

from ..conftest import activate_totp
from ..factories import (
    AnmeldungFactory,
    AufgabeFactory,
    FortbildungFactory,
    GremiumFactory,
    KoordinationFactory,
    MitgliedschaftFactory,
    PersonFactory,
    ProtokollFactory,
    QuartierFactory,
    SupervisionFactory,
    TerminFactory,
    UserFactory,
)
from .conftest import assert_accessible, expect_hidden, log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(transactional_db):
    koordination = UserFactory(role=Role.KOORDINATION, name="Kai Koordination")
    person = PersonFactory(user=koordination, name="Kai Koordination")
    fachstelle = UserFactory(role=Role.FACHSTELLE, name="Fia Fachstelle")
    activate_totp(fachstelle)
    quartier = QuartierFactory(name="Wiesenau")
    KoordinationFactory(quartier=quartier, user=koordination)
    gremium = GremiumFactory(name="Runder Tisch Wiesenau", quartier=quartier)
    MitgliedschaftFactory(gremium=gremium, person=PersonFactory(name="Mira Mitglied"))
    termin = TerminFactory(titel="Runder Tisch im März", gremium=gremium)
    done = ProtokollFactory(freigegeben_am=timezone.now(), termin__gremium=gremium)
    AufgabeFactory(
        protokoll=done,
        verantwortlich=person,
        beschreibung="Plakate aufhängen",
        faellig_am=timezone.localdate() - datetime.timedelta(days=2),
    )
    fortbildung = FortbildungFactory(thema="Moderation von Gruppen", kapazitaet=2)
    beginn = timezone.now() - datetime.timedelta(days=30)
    TerminFactory(
        gremium=None,
        fortbildung=fortbildung,
        beginn=beginn,
        ende=beginn + datetime.timedelta(hours=6),
    )
    AnmeldungFactory(
        fortbildung=fortbildung, user=koordination, status=Anmeldung.Status.TEILGENOMMEN
    )
    offen = FortbildungFactory(thema="Beteiligung planen", kapazitaet=1)
    AnmeldungFactory(fortbildung=offen)
    supervision = SupervisionFactory(name="Supervision Nord", mitglieder=[koordination])
    TerminFactory(gremium=None, supervision=supervision)
    return {
        "koordination": koordination,
        "fachstelle": fachstelle,
        "termin": termin,
        "fortbildung": fortbildung,
        "offen": offen,
        "supervision": supervision,
    }


def test_koordination_writes_a_protokoll_with_aufgaben_without_javascript_tricks(page, world):
    log_in(page, world["koordination"])
    termin = world["termin"]
    page.goto(f"{page.base_url}/netzwerk/termine/{termin.pk}/protokoll/bearbeiten/")
    assert_accessible(page)
    page.get_by_label("Verlauf").fill("Begrüßung, Bericht aus dem Quartier.")
    page.get_by_label("Beschlüsse").fill("Sommerfest im Juni.")
    page.get_by_role("button", name="Weitere Aufgabe").click()
    rows = page.locator("fieldset.portal-aufgabe-row")
    assert rows.count() == 2
    first = rows.nth(0)
    first.get_by_label("Aufgabe", exact=True).fill("Raum buchen")
    first.get_by_label("verantwortlich").select_option(label="Mira Mitglied")
    first.get_by_label("fällig am").fill("2097-04-01")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(f"**/netzwerk/termine/{termin.pk}/protokoll/")
    expect(page.get_by_text("Das Protokoll wurde gespeichert.")).to_be_visible()
    assert_accessible(page)
    protokoll = Protokoll.objects.get(termin=termin)
    assert list(protokoll.aufgaben.values_list("beschreibung", flat=True)) == ["Raum buchen"]
    page.get_by_role("link", name="Protokoll freigeben").click()
    assert_accessible(page)


def test_meine_aufgaben_marks_an_aufgabe_done(page, world):
    log_in(page, world["koordination"])
    page.goto(page.base_url + "/netzwerk/aufgaben/meine/")
    expect(page.get_by_role("rowheader", name="Plakate aufhängen")).to_be_visible()
    expect(page.get_by_text("überfällig").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"Erledigt\W+Plakate aufhängen")).click()
    expect(page.get_by_text("Sie haben keine offenen Aufgaben.")).to_be_visible()
    assert Aufgabe.objects.get().erledigt


def test_fortbildung_pages_record_and_confirmation_are_accessible(page, world):
    log_in(page, world["koordination"])
    page.goto(page.base_url + world["offen"].get_absolute_url())
    assert_accessible(page)
    page.get_by_role("button", name="Auf die Warteliste").click()
    expect(page.get_by_text("Sie stehen auf der Warteliste")).to_be_visible()
    assert_accessible(page)
    page.goto(page.base_url + "/netzwerk/fortbildungen/meine/")
    expect(page.get_by_role("heading", name="Meine Fortbildungen")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"Bestätigung\W+für Moderation von Gruppen")).click()
    expect(page.get_by_role("heading", name="Teilnahmebestätigung")).to_be_visible()
    assert_accessible(page)
    page.emulate_media(media="print")
    expect_hidden(page.locator(".portal-nav"))
    expect_hidden(page.locator(".portal-footer"))
    expect(page.get_by_text("Unterschrift, Fachstelle Gemeinwesenarbeit")).to_be_visible()


def test_fachstelle_fortbildung_page_with_forms_is_accessible(page, world):
    log_in(page, world["fachstelle"])
    page.goto(page.base_url + world["fortbildung"].get_absolute_url())
    expect(page.get_by_role("heading", name="Anmeldungen")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{page.base_url}/netzwerk/fortbildungen/nachweis/{world['koordination'].pk}/")
    assert_accessible(page)


def test_supervision_page_is_accessible_for_member_and_fachstelle(page, world):
    log_in(page, world["koordination"])
    page.goto(page.base_url + world["supervision"].get_absolute_url())
    expect(page.get_by_role("heading", name="Supervision Nord")).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()
    log_in(page, world["fachstelle"])
    page.goto(page.base_url + world["supervision"].get_absolute_url())
    expect(page.get_by_text("Termin hinzufügen").first).to_be_visible()
    assert_accessible(page)
