"""The public survey form in the browser: completed in Arabic with the keyboard only, and zero
axe violations in every language, with errors, on the thank-you page and when closed."""

import pytest
from playwright.sync_api import expect

from befragung.forms.antworten import field_name
from befragung.models import Befragung, Rueckmeldung

from ..befragung.holding import freigeben
from ..factories import (
    FORMULAR_SPRACHEN,
    PASSWORD,
    KoordinationFactory,
    QuartierFactory,
    UserFactory,
    befragung_mit_allen_fragetypen,
)
from .conftest import assert_accessible, open_page

pytestmark = pytest.mark.e2e


@pytest.fixture
def survey(transactional_db):
    QuartierFactory(name="Wiesenau")
    QuartierFactory(name="Alte Mitte")
    return befragung_mit_allen_fragetypen()


def tab_to(page, selector, *, limit=80):
    """Press Tab until the focused element matches `selector` (keyboard only, no clicks)."""
    for _i in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def name(survey, key):
    return field_name(survey.testfragen[key])


def test_a_citizen_completes_the_survey_in_arabic_with_the_keyboard_only(page, survey):
    page.goto(page.base_url + f"/befragung/{survey.slug}/?sprache=ar")
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    expect(page.get_by_text("الخطوة 1 من 4")).to_be_visible()

    # Step 1: bus is the first option; the arrow key moves on to „by bike“, which shows
    # the follow-up question (required now).
    follow_up = page.locator(f'textarea[name="{name(survey, "rad_wunsch")}"]')
    assert follow_up.is_hidden(), "the script hides the question until its condition is met"
    tab_to(page, f'input[name="{name(survey, "verkehrsmittel")}"]')
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    expect(follow_up).to_be_visible()
    tab_to(page, f'textarea[name="{name(survey, "rad_wunsch")}"]')
    page.keyboard.type("مسارات أكثر للدراجات")
    tab_to(page, 'button[value="weiter"]')
    page.keyboard.press("Enter")
    page.get_by_text("الخطوة 2 من 4").wait_for()

    # Step 2: one checkbox, the scale moved to 4 with arrows, both matrix rows.
    tab_to(page, f'input[name="{name(survey, "angebote")}"]')
    page.keyboard.press("Space")
    tab_to(page, f'input[name="{name(survey, "zufriedenheit")}"]')
    page.keyboard.press("Space")
    for _i in range(3):
        page.keyboard.press("ArrowDown")
    for zeile in survey.testfragen["aussagen"].zeilen.all():
        tab_to(page, f'input[name="{field_name(survey.testfragen["aussagen"], zeile)}"]')
        page.keyboard.press("Space")
    tab_to(page, 'button[value="weiter"]')
    page.keyboard.press("Enter")
    page.get_by_text("الخطوة 3 من 4").wait_for()

    # Step 3: a number, a Quartier from the select, „yes“ (which opens step 4).
    tab_to(page, f'input[name="{name(survey, "alter")}"]')
    page.keyboard.type("67")
    tab_to(page, f'select[name="{name(survey, "wohnort")}"]')
    page.keyboard.press("ArrowDown")
    tab_to(page, f'input[name="{name(survey, "ehrenamt")}"]')
    page.keyboard.press("Space")
    tab_to(page, 'button[value="weiter"]')
    page.keyboard.press("Enter")
    page.get_by_text("الخطوة 4 من 4").wait_for()

    tab_to(page, f'input[name="{name(survey, "bereich")}"]')
    page.keyboard.press("Space")
    tab_to(page, 'button[value="weiter"]')
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="شكرًا جزيلًا!").wait_for()
    assert page.locator("html").get_attribute("dir") == "rtl"

    assert freigeben() == 1  # held until its batch; released as the survey's end does
    rueckmeldung = Rueckmeldung.objects.get()
    assert rueckmeldung.sprache == "ar" and rueckmeldung.quartier is not None
    answers = {
        (a.frage.name, a.option.name if a.option else a.zahl or a.text)
        for a in rueckmeldung.antworten.select_related("frage", "option")
    }
    assert ("verkehrsmittel", "rad") in answers
    assert ("rad_wunsch", "مسارات أكثر للدراجات") in answers
    assert ("zufriedenheit", 4) in answers and ("alter", 67) in answers
    assert ("ehrenamt", "ja") in answers and ("bereich", "sozial") in answers
    assert ("aussagen", "ja") in answers


def test_the_form_is_accessible_in_every_language_with_and_without_errors(page, survey):
    for sprache in FORMULAR_SPRACHEN:
        open_page(page, f"/befragung/{survey.slug}/?sprache={sprache}", survey.t("titel", sprache))
        assert_accessible(page)
        page.locator('button[value="weiter"]').click()
        page.locator(".bf-fehler").wait_for()
        assert_accessible(page)
    page.goto(page.base_url + f"/befragung/{survey.slug}/danke/?sprache=ar")
    assert_accessible(page)


def test_the_closed_page_and_the_index_are_accessible(page, survey):
    page.goto(page.base_url + "/befragung/")
    expect(page.get_by_role("link", name="Leben im Quartier")).to_be_visible()
    assert_accessible(page)
    survey.status = Befragung.Status.BEENDET
    survey.save()
    page.goto(page.base_url + f"/befragung/{survey.slug}/?sprache=uk")
    expect(page.get_by_role("heading", name="Це опитування завершено")).to_be_visible()
    assert_accessible(page)


def test_staff_preview_and_paper_entry_are_accessible(page, survey):
    user = UserFactory(email="koordination-formular@example.org")
    # The survey is citywide, so coordinating any Quartier allows the paper entry.
    KoordinationFactory(user=user, quartier=QuartierFactory())
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("E-Mail").fill(user.email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + f"/befragung/intern/{survey.slug}/vorschau/ar/")
    expect(page.get_by_text("Vorschau – Antworten werden nicht gespeichert")).to_be_visible()
    assert_accessible(page)
    page.goto(page.base_url + f"/befragung/intern/{survey.slug}/papier/erfassen/")
    assert_accessible(page)
    page.get_by_role("button", name="Bogen speichern").click()
    page.locator(".bf-fehler").wait_for()
    assert_accessible(page)
