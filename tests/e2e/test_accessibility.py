"""Each demo role logs in through the browser; the key pages have zero axe violations."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.management import call_command
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from gwa_portal.core.models import Role, User

from ..conftest import activate_totp
from .conftest import assert_accessible, expect_hidden, open_page

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "gwa-demo-2024"
# path -> h1 (the start page greets a signed-in user by name)
PUBLIC_PAGES = {
    "/": re.compile(r"^(Gemeinwesenarbeit in Langenhagen|Willkommen, .+)$"),
    "/barrierefreiheit/": "Erklärung zur Barrierefreiheit",
    "/leichte-sprache/": "Das GWA-Portal in Leichter Sprache",
}


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False
    # In production the Fachstelle must use TOTP: give the demo account a real one.
    fachstelle = User.objects.get(email="fachstelle@example.org")
    fachstelle.totp_secret = activate_totp(fachstelle)
    return {"fachstelle": fachstelle}


def login(page, email, *, totp_secret=None):
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    if totp_secret:
        page.wait_for_url("**/accounts/2fa/authenticate/")
        assert_accessible(page)
        # A code typed at the very end of its 30-second step, or one the slow CI machine sends
        # after the step has passed, can be refused: then the next step's code is typed once more.
        for attempt in range(2):
            counter = next(yield_hotp_counters_from_time())
            page.get_by_label("Code").fill(format_hotp_value(hotp_value(totp_secret, counter)))
            page.get_by_role("button", name="Anmeldung", exact=True).click()
            try:
                page.wait_for_url(page.base_url + "/", timeout=20_000)
                return
            except PlaywrightTimeoutError:
                if attempt:
                    raise
                time.sleep(max(0.0, 30 - time.time() % 30))
    page.wait_for_url(page.base_url + "/")


def test_login_page_and_public_pages_are_accessible_anonymously(page, demo):
    open_page(page, "/accounts/login/", "Anmelden")
    assert_accessible(page)
    for path, heading in PUBLIC_PAGES.items():
        open_page(page, path, heading)
        assert_accessible(page)


@pytest.mark.parametrize(
    "email",
    [
        "fachstelle@example.org",
        "koordination@example.org",
        "verwaltung@example.org",
        "partner@example.org",
    ],
)
def test_each_demo_role_logs_in_and_pages_are_accessible(page, demo, email):
    secret = demo["fachstelle"].totp_secret if email.startswith("fachstelle") else None
    login(page, email, totp_secret=secret)
    role = User.objects.get(email=email).get_role_display()
    expect(page.get_by_text(f"Sie sind als {role} angemeldet.")).to_be_visible()
    for path, heading in PUBLIC_PAGES.items():
        open_page(page, path, heading)
        assert_accessible(page)
    if email.startswith("fachstelle"):
        open_page(page, "/portal/zugaenge/", "Zugänge")
        assert_accessible(page)


def test_fachstelle_creates_an_account_using_the_keyboard(page, demo):
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    page.goto(page.base_url + "/portal/zugaenge/neu/")
    page.get_by_label("Name").focus()
    page.keyboard.type("Nora Neu")
    page.keyboard.press("Tab")
    page.keyboard.type("nora@example.org")
    page.get_by_label("Rolle").select_option("koordination")
    page.get_by_role("button", name="Anlegen und Link senden").press("Enter")
    page.wait_for_url("**/portal/zugaenge/")
    expect(page.get_by_text("Der Zugang für Nora Neu wurde angelegt.")).to_be_visible()
    assert User.objects.get(email="nora@example.org").role == Role.KOORDINATION
    assert_accessible(page)


def test_form_errors_are_accessible(page, demo):
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    page.goto(page.base_url + "/portal/zugaenge/neu/")
    page.get_by_role("button", name="Anlegen und Link senden").click()
    expect(page.get_by_text("Bitte geben Sie den Namen ein.")).to_be_visible()
    assert_accessible(page)


def test_navigation_works_on_a_phone(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE")
    page = context.new_page()
    page.goto(live_server.url + "/")
    menu = page.get_by_role("button", name="Menü")
    expect(menu).to_be_visible()
    nav_link = page.get_by_role(
        "navigation", name="Hauptnavigation", include_hidden=True
    ).get_by_role("link", name="Quartiere", exact=True, include_hidden=True)
    expect_hidden(nav_link)
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    nav_link.click()
    page.wait_for_url("**/quartiere/")
    context.close()
