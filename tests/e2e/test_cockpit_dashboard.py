"""The dashboard for Fachstelle and Koordination and the handover folder (screen and print),
in the browser with zero axe violations."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cockpit.dashboard import STADTTEILE_SHOWN
from quartiere.models import Quartier, Stadtteil

from .conftest import assert_accessible, expect_hidden
from .test_accessibility import demo, login  # noqa: F401 (the demo fixture is used by name)

pytestmark = pytest.mark.e2e


def test_fachstelle_dashboard_with_activity_map_and_table(page, demo):  # noqa: F811
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    expect(
        page.get_by_role("heading", name="Aktivität in den Stadtteilen (letzte 90 Tage)")
    ).to_be_visible()
    table = page.get_by_role("table", name="Aktivitäten je Stadtteil in den letzten 90 Tagen")
    stadtteile = Stadtteil.objects.filter(quartiere__isnull=False).distinct().count()
    assert table.get_by_role("row").count() == min(stadtteile, STADTTEILE_SHOWN) + 1
    # The map fetches its shading from /karte/aktivitaet.json: every Quartier is drawn.
    page.locator("#karte path.leaflet-interactive").first.wait_for()
    assert page.locator("#karte path.leaflet-interactive").count() >= 1
    for heading in ("Nächste Termine", "Aufgaben aus Protokollen", "Laufende Befragungen"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Quartiere ohne Koordination")).to_be_visible()
    assert_accessible(page)


def test_koordination_dashboard_shows_the_week(page, demo):  # noqa: F811
    login(page, "koordination@example.org")
    expect(page.get_by_role("heading", name="Diese Woche")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Meine Quartiere: Aktivität der letzten 90 Tage")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Quartiere ohne Koordination")).to_have_count(0)
    assert_accessible(page)


def test_handover_folder_is_accessible_on_screen_and_in_print(page, demo):  # noqa: F811
    login(page, "koordination@example.org")
    quartier = Quartier.objects.get(slug="wiesenau")
    page.goto(page.base_url + quartier.get_absolute_url())
    page.get_by_role("link", name=f"Übergabemappe {quartier.name} öffnen").click()
    page.wait_for_url("**" + reverse("cockpit:uebergabe", kwargs={"quartier_slug": quartier.slug}))
    expect(
        page.get_by_role("heading", name=f"Übergabemappe {quartier.name}", level=1)
    ).to_be_visible()
    assert_accessible(page)
    page.emulate_media(media="print")
    expect_hidden(page.locator(".portal-nav"))
    expect_hidden(page.locator(".portal-header"))
    expect(page.get_by_role("heading", name="Gremien und Termine")).to_be_visible()
    assert_accessible(page)
