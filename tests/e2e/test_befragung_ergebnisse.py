"""The survey results in the browser: charts, a suppressed cell, a cross-tab and the free
texts pass axe with zero violations; the filters work by keyboard."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from gwa_portal.core.models import Role

from ..befragung.ergebnisse_data import known_data
from ..factories import KoordinationFactory, UserFactory
from .conftest import assert_accessible

pytestmark = pytest.mark.e2e

PASSWORD = "ergebnisse-e2e-2024"


@pytest.fixture
def data(transactional_db):
    befragung, f, _o, _z, q = known_data()
    user = UserFactory(role=Role.KOORDINATION, email="koord@example.org")
    user.set_password(PASSWORD)
    user.save()
    KoordinationFactory(quartier=q["a"], user=user)
    return befragung, f


def login(page):
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("E-Mail").fill("koord@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    page.wait_for_url(page.base_url + "/")


def test_results_page_with_charts_suppression_and_cross_tab_is_accessible(page, data):
    befragung, f = data
    login(page)
    page.goto(page.base_url + reverse("befragung:ergebnisse", args=[befragung.slug]))
    expect(page.get_by_text("33 Rückmeldungen")).to_be_visible()
    assert page.locator("svg.portal-chart__svg").count() >= 5
    expect(page.get_by_text("nicht ausgewiesen", exact=True).first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Aufschlüsseln nach Antwort auf Frage").select_option(label="2. Frage gern")
    page.get_by_label("Kanal").focus()
    page.keyboard.press("Tab")  # past the cross-tab select to the button
    page.get_by_role("button", name="Filtern").press("Enter")
    page.wait_for_url(f"**kreuz={f['gern'].pk}**")
    expect(page.get_by_role("columnheader", name="ohne Antwort").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Antworten auf Frage 5 lesen").click()
    expect(page.get_by_role("heading", name="Freitext-Antworten auf Frage 5")).to_be_visible()
    assert page.locator(".portal-freitexte__eintrag").count() == 23
    assert_accessible(page)


def test_bedarf_form_from_a_result_is_accessible(page, data):
    befragung, _f = data
    login(page)
    page.goto(page.base_url + reverse("befragung:ergebnisse", args=[befragung.slug]))
    page.get_by_role("link", name="Bedarf anlegen aus Frage 1").click()
    expect(page.get_by_role("heading", name="Bedarf aus der Befragung anlegen")).to_be_visible()
    assert "Basis: 30 Befragte" in page.get_by_label("Beschreibung").input_value()
    assert_accessible(page)
    page.get_by_role("button", name="Speichern").click()
    assert page.locator("[aria-invalid=true]").count() > 0
    assert_accessible(page)
