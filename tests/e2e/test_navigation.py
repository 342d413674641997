"""The main navigation in the browser: one line for the Fachstelle at 1280 and 1024 px, the phone
menu by keyboard (and without JS), and the Auswertung hub with zero axe violations."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from gwa_portal.core.models import Role

from ..conftest import activate_totp
from ..factories import QuartierFactory, StadtteilFactory, UserFactory
from .conftest import assert_accessible, expect_hidden, log_in

pytestmark = pytest.mark.e2e

FACHSTELLE_NAV = [
    "Start",
    "Quartiere",
    "Angebote",
    "Aktivitäten",
    "Netzwerk",
    "Befragungen",
    "Auswertung",
    "Zugänge",
]


@pytest.fixture
def fachstelle(transactional_db):
    mitte = StadtteilFactory(name="Langenhagen-Mitte")
    QuartierFactory(name="Alte Mitte", stadtteil=mitte)
    QuartierFactory(name="Wiesenau", stadtteil=StadtteilFactory(name="Wiesenau"))
    user = UserFactory(role=Role.FACHSTELLE, name="Frieda Fachstelle", email="frieda@example.org")
    activate_totp(user)
    return user


def main_nav(page):
    return page.get_by_role("navigation", name="Hauptnavigation", include_hidden=True)


def tops(locator):
    return {round(box["y"]) for box in (item.bounding_box() for item in locator.all())}


@pytest.mark.parametrize("width", [1280, 1024])
def test_fachstelle_navigation_and_account_links_each_fit_on_one_line(page, fachstelle, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, fachstelle)
    page.goto(page.base_url + "/")
    links = main_nav(page).get_by_role("link")
    assert links.all_inner_texts() == FACHSTELLE_NAV
    assert len(tops(links)) == 1, "all navigation entries on one line"
    rightmost = max(
        box["x"] + box["width"] for box in (link.bounding_box() for link in links.all())
    )
    assert rightmost <= width

    banner = page.get_by_role("banner")
    expect(banner.get_by_text("Angemeldet: Frieda (Fachstelle GWA)")).to_be_visible()
    account = banner.get_by_role("link", name="Mein Zugang").or_(
        banner.get_by_role("button", name="Abmelden")
    )
    assert account.count() == 2 and len(tops(account)) == 1, "Mein Zugang and Abmelden side by side"
    brand = banner.get_by_role("link", name="GWA-Portal").bounding_box()
    for item in account.all():
        box = item.bounding_box()
        assert box["x"] > brand["x"] + brand["width"], "beside the brand, not wrapped below it"
        assert box["y"] < brand["y"] + brand["height"]
    expect_hidden(page.get_by_role("button", name="Menü", include_hidden=True))


def test_phone_menu_opens_and_closes_by_keyboard(page, fachstelle):
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, fachstelle)
    page.goto(page.base_url + "/")
    menu = page.get_by_role("button", name="Menü")
    auswertung = main_nav(page).get_by_role(
        "link", name="Auswertung", exact=True, include_hidden=True
    )
    mein_zugang = page.get_by_role("link", name="Mein Zugang", include_hidden=True)
    expect(
        page.get_by_text("Angemeldet: Frieda (Fachstelle GWA)"), "even when closed"
    ).to_be_visible()
    expect_hidden(auswertung)
    expect_hidden(mein_zugang)

    for _ in range(4):  # skip link, brand, then the menu button
        page.keyboard.press("Tab")
        if menu.evaluate("button => button === document.activeElement"):
            break
    assert menu.evaluate("button => button === document.activeElement")
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    expect(auswertung).to_be_visible()
    expect(mein_zugang).to_be_visible()
    page.keyboard.press("Tab")
    assert mein_zugang.evaluate("link => link === document.activeElement"), "menu follows button"
    assert_accessible(page)

    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert menu.evaluate("button => button === document.activeElement"), "focus back on Menü"
    expect_hidden(auswertung)

    page.keyboard.press("Space")
    assert menu.get_attribute("aria-expanded") == "true"
    auswertung.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**" + reverse("cockpit:index"))


def test_phone_without_javascript_shows_the_whole_navigation_and_no_menu_button(
    browser, live_server, fachstelle
):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="de-DE", java_script_enabled=False
    )
    page = context.new_page()
    log_in(page, fachstelle, base_url=live_server.url)
    page.goto(live_server.url + "/")
    expect_hidden(page.get_by_role("button", name="Menü", include_hidden=True))
    assert main_nav(page).get_by_role("link").all_inner_texts() == FACHSTELLE_NAV
    expect(main_nav(page).get_by_role("link", name="Zugänge")).to_be_visible()
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    context.close()


def test_auswertung_hub_is_accessible_and_stays_current_on_its_tools(page, fachstelle):
    log_in(page, fachstelle)
    page.goto(page.base_url + "/")
    main_nav(page).get_by_role("link", name="Auswertung", exact=True).click()
    page.wait_for_url("**" + reverse("cockpit:index"))
    expect(page.get_by_role("heading", name="Auswertung", level=1)).to_be_visible()
    current = main_nav(page).locator("[aria-current=page]")
    assert current.all_inner_texts() == ["Auswertung"]
    expect(page.get_by_role("link", name="Übergabemappe Wiesenau")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("main").get_by_role("link", name="Änderungsprotokoll", exact=True).click()
    page.wait_for_url("**" + reverse("core:audit_list"))
    assert current.all_inner_texts() == ["Auswertung"]
    page.get_by_label("Brotkrümelnavigation").get_by_role("link", name="Auswertung").click()
    page.wait_for_url("**" + reverse("cockpit:index"))

    page.set_viewport_size({"width": 360, "height": 740})
    assert_accessible(page)
