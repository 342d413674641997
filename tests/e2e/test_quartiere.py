"""The Quartiere overview with its map, and a Quartier page, in the browser (demo data)."""

import importlib
import re

import pytest
from django.apps import apps
from playwright.sync_api import expect

from quartiere.models import Quartier

from .conftest import assert_accessible, expect_hidden
from .test_accessibility import demo, login  # noqa: F401 - `demo` is a fixture

pytestmark = pytest.mark.e2e

# Everything not served by the live test server: the tile server above all.
EXTERNAL = re.compile(r"^https?://(?!127\.0\.0\.1|localhost)")


@pytest.fixture(autouse=True)
def standard_taxonomien(transactional_db):
    """Restore what migration 0003 seeds: the flush after each browser test removes it, and
    seed_demo needs it."""
    importlib.import_module("quartiere.migrations.0003_standard_taxonomien").seed(apps, None)


def block_external(page):
    """Abort every request to another host, as an office firewall would; return the blocked URLs."""
    blocked = []

    def abort(route):
        blocked.append(route.request.url)
        route.abort()

    page.route(EXTERNAL, abort)
    return blocked


def open_map(page):
    page.goto(page.base_url + "/quartiere/")
    page.locator("#karte path.leaflet-interactive").first.wait_for()


def test_map_shows_boundaries_and_labels_when_tiles_are_blocked(page, demo):  # noqa: F811
    blocked = block_external(page)
    open_map(page)

    count = Quartier.objects.filter(grenze__isnull=False).count()
    assert count > 0
    polygons = page.locator("#karte path.leaflet-interactive")
    assert polygons.count() == count
    for i in range(count):
        expect(polygons.nth(i)).to_be_visible()
    labels = page.locator("#karte .portal-map__label")
    assert labels.count() == count
    map_region = page.get_by_role("region", name="Karte der Quartiere")
    wiesenau = map_region.get_by_role("link", name="Wiesenau", exact=True)
    expect(wiesenau).to_be_visible()
    assert wiesenau.get_attribute("href") == "/quartiere/wiesenau/"

    # The tiles were really asked for and really failed.
    page.wait_for_function("document.querySelectorAll('#karte img.leaflet-tile').length > 0")
    assert any("tile" in url for url in blocked)
    expect(page.locator("#karte img.leaflet-tile-loaded")).to_have_count(0)

    wiesenau.click()
    page.wait_for_url("**/quartiere/wiesenau/")


def test_overview_and_map_are_accessible_anonymously(page, demo):  # noqa: F811
    block_external(page)
    open_map(page)
    expect(page.get_by_role("button", name="Vergrößern")).to_be_visible()
    expect(page.get_by_text("Die Liste unter der Karte enthält dieselben Angaben.")).to_be_visible()
    expect(page.get_by_role("table")).to_be_visible()
    assert_accessible(page)


def test_overview_without_javascript_is_the_list(browser, live_server, demo):  # noqa: F811
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    page.route(EXTERNAL, lambda route: route.abort())
    page.goto(live_server.url + "/quartiere/")
    expect_hidden(page.get_by_role("region", name="Karte der Quartiere", include_hidden=True))
    expect(page.get_by_role("link", name="Wiesenau", exact=True)).to_be_visible()
    context.close()


def test_overview_and_quartier_page_are_accessible_for_koordination(page, demo):  # noqa: F811
    block_external(page)
    login(page, "koordination@example.org")
    open_map(page)
    expect(page.get_by_label("Koordinator:in")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("nur Quartiere mit offenen Bedarfen").check()
    page.get_by_role("button", name="Filtern").click()
    page.wait_for_url("**offene_bedarfe=on**")
    assert_accessible(page)

    page.goto(page.base_url + "/quartiere/wiesenau/")
    expect(page.get_by_role("heading", name="Wiesenau", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Aktivität erfassen")).to_be_visible()
    expect(page.get_by_role("img", name="Aktivitäten pro Monat")).to_be_visible()
    assert_accessible(page)
