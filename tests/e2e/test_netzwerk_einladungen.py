"""The RSVP page in the browser: keyboard and mouse, without JS-only parts, zero axe violations."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from netzwerk.models import Einladung
from netzwerk.tokens import rsvp_token

from ..factories import EinladungFactory, TagesordnungspunktFactory, TerminFactory
from .conftest import assert_accessible

pytestmark = pytest.mark.e2e


@pytest.fixture
def einladung(transactional_db):
    termin = TerminFactory(
        titel="Runder Tisch Wiesenau",
        beschreibung="Wir planen das Sommerfest.",
        kapazitaet=20,
        online_link="https://meet.example.org/rt",
    )
    TagesordnungspunktFactory(termin=termin, position=1, titel="Begrüßung")
    TagesordnungspunktFactory(termin=termin, position=2, titel="Sommerfest")
    return EinladungFactory(termin=termin)


def test_invitee_accepts_changes_to_maybe_and_the_page_is_accessible(page, einladung):
    url = page.base_url + reverse("einladung_rsvp", kwargs={"token": rsvp_token(einladung)})
    page.goto(url)
    expect(page.get_by_role("heading", name="Runder Tisch Wiesenau")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Ich komme (zusagen)").check()
    page.get_by_label("Kommentar").fill("Ich bringe Kuchen mit.")
    page.get_by_role("button", name="Antwort senden").click()
    page.wait_for_url(url)
    expect(page.get_by_text("Vielen Dank! Ihre Antwort ist gespeichert: zugesagt.")).to_be_visible()
    assert page.get_by_label("Ich komme (zusagen)").is_checked()
    assert_accessible(page)

    page.get_by_label("Vielleicht").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Antwort senden").press("Enter")
    page.wait_for_url(url)
    einladung.refresh_from_db()
    assert einladung.antwort == Einladung.Antwort.VIELLEICHT


def test_missing_answer_and_bad_link_pages_are_accessible(page, einladung):
    url = page.base_url + reverse("einladung_rsvp", kwargs={"token": rsvp_token(einladung)})
    page.goto(url)
    page.get_by_role("button", name="Antwort senden").click()
    expect(page.get_by_text("Bitte wählen Sie eine Antwort.")).to_be_visible()
    assert_accessible(page)

    page.goto(page.base_url + reverse("einladung_rsvp", kwargs={"token": "kaputt"}))
    expect(page.get_by_role("heading", name="Link ungültig")).to_be_visible()
    assert_accessible(page, status=404)
