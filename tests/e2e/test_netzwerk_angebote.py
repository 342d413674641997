"""Angebote and the composed Quartier page in the browser (demo data): zero axe violations."""

import importlib

import pytest
from django.apps import apps
from playwright.sync_api import expect

from netzwerk.models import Angebot

from .conftest import assert_accessible
from .test_accessibility import demo, login  # noqa: F401 - `demo` is a fixture

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def standard_taxonomien(transactional_db):
    """Restore what migration 0003 seeds (the flush after each browser test removes it)."""
    importlib.import_module("quartiere.migrations.0003_standard_taxonomien").seed(apps, None)


def test_public_angebote_list_detail_and_quartier_page(page, demo):  # noqa: F811
    page.goto(page.base_url + "/netzwerk/angebote/")
    expect(page.get_by_role("heading", name="Angebote", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Erzählcafé")).to_be_visible()
    expect(page.get_by_text("Sommer-Ferienprogramm"), "inactive: not public").to_have_count(0)
    assert_accessible(page)

    page.get_by_label("Quartier").fill("Wiesenau")
    page.get_by_label("Sprache").fill("arabisch")
    page.get_by_role("button", name="Filtern").click()
    page.wait_for_url("**sprache=arabisch**")
    expect(page.get_by_role("link", name="Sprachcafé")).to_be_visible()
    expect(page.get_by_role("link", name="Erzählcafé")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Sprachcafé").click()
    expect(page.get_by_role("heading", name="Sprachcafé")).to_be_visible()
    expect(page.get_by_text("jeden Mittwoch, 16–18 Uhr")).to_be_visible()
    expect(page.get_by_role("link", name="Bearbeiten")).to_have_count(0)
    assert_accessible(page)

    page.goto(page.base_url + "/quartiere/wiesenau/")
    expect(page.get_by_role("heading", name="Öffentliche Termine")).to_be_visible()
    expect(page.get_by_role("heading", name="Stadtteilfest Wiesenau")).to_be_visible()
    expect(page.get_by_role("heading", name="Angebote", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Erzählcafé")).to_be_visible()
    expect(page.get_by_role("heading", name="Gremien")).to_have_count(0)
    expect(page.get_by_role("heading", name="Interne Termine")).to_have_count(0)
    assert_accessible(page)


def test_coordinator_sees_the_internal_quartier_page_and_adds_an_angebot(page, demo):  # noqa: F811
    login(page, "koordination@example.org")
    page.goto(page.base_url + "/quartiere/wiesenau/")
    expect(page.get_by_role("heading", name="Gremien")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Runder Tisch Wiesenau")).to_be_visible()
    expect(page.get_by_role("heading", name="Interne Termine")).to_be_visible()
    expect(page.get_by_role("link", name="Sommer-Ferienprogramm")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Angebot eintragen").click()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Bitte geben Sie einen Titel ein.")).to_be_visible()
    expect(page.get_by_text("Bitte geben Sie an, wann das Angebot stattfindet.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Titel").fill("Repair-Café")
    page.get_by_label("Anbieter:in").select_option(label="Stadtteiltreff Lindenhof")
    page.get_by_label("Wann").fill("jeden 2. Samstag, 11–14 Uhr")
    page.get_by_label("Soziale Teilhabe").check()
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/netzwerk/angebote/*/")
    expect(page.get_by_text("Das Angebot wurde eingetragen.")).to_be_visible()
    expect(page.get_by_role("link", name="Bearbeiten")).to_be_visible()
    assert_accessible(page)
    assert Angebot.objects.filter(titel="Repair-Café", quartier__slug="wiesenau").exists()
