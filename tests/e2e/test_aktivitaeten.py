"""A coordinator logs an Aktivität on a phone (360 px) and finds it again; the pages pass axe."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from quartiere.models import Aktivitaet

from .conftest import assert_accessible, watch
from .test_accessibility import demo, login  # noqa: F401 - `demo` is a fixture

pytestmark = pytest.mark.e2e

PHONE_WIDTH = 360
KURZ = "Sprechstunde im Stadtteilladen (Browsertest)"


@pytest.fixture(autouse=True)
def standard_taxonomien(transactional_db):
    """Live-server tests flush the database after each test, which also removes the
    Handlungsfelder and Zielgruppen seeded by migration 0003 that seed_demo relies on."""
    migration = importlib.import_module("quartiere.migrations.0003_standard_taxonomien")
    migration.seed(apps, None)


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        viewport={"width": PHONE_WIDTH, "height": 740}, locale="de-DE", has_touch=True
    )
    context.set_default_timeout(10_000)
    page = watch(context.new_page(), live_server.url)
    yield page
    context.close()


def assert_no_horizontal_scroll(page):
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} scrolls sideways: {width} px wide"


def german_number(text):
    return Decimal(text.strip().replace(".", "").replace(",", "."))


def month_totals(page):
    """(Aktivitäten, Stunden, Teilnehmende) of this month, as "Meine Aktivitäten" shows them."""
    return tuple(
        german_number(page.locator(f"#monat-{what}").inner_text())
        for what in ("anzahl", "stunden", "teilnehmende")
    )


def test_koordination_logs_an_activity_on_a_phone_and_finds_it_again(phone, demo):  # noqa: F811
    today = timezone.localdate()
    login(phone, "koordination@example.org")
    phone.goto(phone.base_url + "/quartiere/aktivitaeten/meine/")
    before = month_totals(phone)

    phone.goto(phone.base_url + "/")
    phone.get_by_role("link", name="Aktivität erfassen").first.click()
    phone.wait_for_url("**/quartiere/aktivitaeten/neu/")
    assert_no_horizontal_scroll(phone)
    assert_accessible(phone)

    quartier = phone.get_by_label("Quartier", exact=True)
    # Preselected: the first of the coordinator's two Quartiere; today's date.
    assert quartier.evaluate("el => el.options[el.selectedIndex].text") == "Alte Mitte"
    assert phone.get_by_label("Datum").input_value() == today.isoformat()
    quartier.select_option(label="Wiesenau")
    phone.get_by_label("Beratung", exact=True).check()
    phone.get_by_label("Kurzbeschreibung").fill(KURZ)
    phone.get_by_label("Soziale Teilhabe", exact=True).check()
    phone.get_by_label("Familien", exact=True).check()
    phone.get_by_label("Teilnehmende").fill("5")
    phone.get_by_label("Stunden").fill("1,5")
    save = phone.get_by_role("button", name="Speichern", exact=True)
    box = save.bounding_box()
    assert box["height"] >= 44, "touch target of the save button"
    save.click()

    phone.wait_for_url("**/quartiere/aktivitaeten/meine/")
    expect(phone.get_by_text("wurde gespeichert")).to_be_visible()
    expect(phone.get_by_role("link", name=KURZ)).to_be_visible()
    assert month_totals(phone) == (before[0] + 1, before[1] + Decimal("1.5"), before[2] + 5)
    assert_no_horizontal_scroll(phone)
    assert_accessible(phone)

    aktivitaet = Aktivitaet.objects.get(kurzbeschreibung=KURZ)
    assert aktivitaet.quartier.slug == "wiesenau"
    assert aktivitaet.autor.email == "koordination@example.org"
    assert aktivitaet.datum == today
    assert aktivitaet.stunden == Decimal("1.5")

    phone.goto(phone.base_url + "/quartiere/wiesenau/")
    expect(phone.get_by_role("link", name=KURZ).first).to_be_visible()


def test_activity_form_with_errors_is_accessible_on_a_phone(phone, demo):  # noqa: F811
    login(phone, "koordination@example.org")
    phone.goto(phone.base_url + "/quartiere/aktivitaeten/neu/?quartier=wiesenau")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    phone.get_by_label("Datum").fill(tomorrow.isoformat())
    phone.get_by_label("Stunden").fill("30")
    phone.get_by_role("button", name="Speichern", exact=True).click()
    expect(phone.get_by_text("Das Datum liegt in der Zukunft.")).to_be_visible()
    expect(phone.get_by_text("Bitte wählen Sie die Art der Aktivität.")).to_be_visible()
    expect(phone.get_by_text("Bitte beschreiben Sie kurz, was passiert ist.")).to_be_visible()
    expect(phone.get_by_text("Bitte geben Sie höchstens 24 Stunden ein.")).to_be_visible()
    # The chosen Quartier survives the round trip.
    quartier = phone.get_by_label("Quartier", exact=True)
    assert quartier.evaluate("el => el.options[el.selectedIndex].text") == "Wiesenau"
    assert_no_horizontal_scroll(phone)
    assert_accessible(phone)
    assert not Aktivitaet.objects.filter(datum=tomorrow).exists()


def test_activity_list_and_detail_are_accessible(phone, demo):  # noqa: F811
    login(phone, "koordination@example.org")
    phone.goto(phone.base_url + "/quartiere/aktivitaeten/")
    expect(phone.get_by_role("heading", name="Aktivitäten", exact=True)).to_be_visible()
    assert_no_horizontal_scroll(phone)
    assert_accessible(phone)
    phone.goto(phone.base_url + "/quartiere/aktivitaeten/?art=beratung&von=2024-01-01")
    assert_accessible(phone)
    phone.locator("table a.kern-link").first.click()
    phone.wait_for_url("**/quartiere/aktivitaeten/*/")
    assert_no_horizontal_scroll(phone)
    assert_accessible(phone)
