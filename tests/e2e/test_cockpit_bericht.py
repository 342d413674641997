"""The Sachstandsbericht in the browser: from the dashboard to the report for 2024 and its print
view, with zero axe violations on the form and the report."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from gwa_portal.core.models import Role

from ..cockpit import bericht_data
from ..conftest import activate_totp
from ..factories import UserFactory
from .conftest import assert_accessible, expect_hidden, log_in

pytestmark = pytest.mark.e2e

# Chromium parses the page margin box (support since v131) when the rule shows up in the CSSOM.
PAGE_NUMBER_RULE = """() => [...document.styleSheets].some(sheet => {
  try { return [...sheet.cssRules].some(rule => rule instanceof CSSPageRule &&
    [...rule.cssRules].some(m => m.name === 'bottom-right' && m.cssText.includes('counter(page)')));
  } catch (e) { return false; }
})"""


@pytest.fixture
def fachstelle(transactional_db):
    bericht_data.build()
    user = UserFactory(role=Role.FACHSTELLE, email="fachstelle-bericht@example.org")
    activate_totp(user)
    return user


def test_fachstelle_generates_the_report_for_2024_and_opens_the_print_view(page, fachstelle):
    log_in(page, fachstelle)
    page.goto(page.base_url + "/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Auswertung", exact=True
    ).click()
    page.wait_for_url("**" + reverse("cockpit:index"))
    page.get_by_role("main").get_by_role("link", name="Sachstandsbericht", exact=True).click()
    page.wait_for_url("**" + reverse("cockpit:bericht"))
    expect(page.get_by_role("heading", name="Sachstandsbericht erstellen")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Jahr 2024").click()
    page.wait_for_url("**von=2024-01-01**")
    assert page.get_by_label("Zeitraum von").input_value() == "2024-01-01"
    assert page.get_by_label("Zeitraum bis").input_value() == "2024-12-31"
    page.get_by_role("button", name="Bericht erstellen").click()
    page.wait_for_url("**" + reverse("cockpit:bericht_ansicht") + "**")

    report = page.get_by_role("article", name="Sachstandsbericht Gemeinwesenarbeit")
    expect(report.get_by_text("01.01.2024 – 31.12.2024")).to_be_visible()
    expect(report.get_by_text("Stadt Langenhagen – Fachstelle GWA")).to_be_visible()
    expect(
        page.get_by_role("table", name="Sitzungen und Teilnahme nach Gremienart")
    ).to_be_visible()
    expect(
        page.get_by_role("table", name="Wie zufrieden?")
        .get_by_text(re.compile("nicht ausgewiesen"))
        .first
    ).to_be_visible()
    survey_chart = page.get_by_role("figure", name="Wie zufrieden?")
    expect(survey_chart.get_by_role("img", name="Wie zufrieden?")).to_be_visible()
    assert survey_chart.locator("svg text", has_text="nicht ausgewiesen").count() == 2
    assert_accessible(page)
    assert page.csp_violations == []

    page.get_by_role("link", name="Befragungen und Ergebnisse").click()
    assert page.url.endswith("#abschnitt-befragungen")

    page.emulate_media(media="print")
    expect_hidden(page.locator(".portal-nav"))
    expect_hidden(page.locator(".portal-footer"))
    expect_hidden(page.get_by_role("link", name="Als CSV herunterladen", include_hidden=True))
    expect(
        report.get_by_role("heading", name="Sachstandsbericht Gemeinwesenarbeit")
    ).to_be_visible()
    breaks = page.locator("#abschnitt-sitzungen").evaluate("e => getComputedStyle(e).breakBefore")
    assert breaks == "page"
    assert survey_chart.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    assert page.evaluate(PAGE_NUMBER_RULE), "page numbers in the bottom right margin box"
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 6, "cover, contents and sections"


def test_fachstelle_saves_the_2024_report_as_a_version_for_the_committee(page, fachstelle):
    log_in(page, fachstelle)
    page.goto(page.base_url + reverse("cockpit:bericht_ansicht") + "?von=2024-01-01&bis=2024-12-31")
    page.get_by_role("link", name=re.compile("Als Fassung speichern")).click()
    page.wait_for_url("**" + reverse("cockpit:bericht_speichern") + "**")
    assert page.get_by_label("Titel").input_value() == "Sachstandsbericht 2024"
    page.get_by_label("Titel").fill("")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Bitte geben Sie der Fassung einen Titel.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Titel").fill("Sachstandsbericht 2024")
    page.get_by_label("Anlass").fill("Sozialausschuss am 12.03.2025")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/cockpit/bericht/fassungen/*/")
    expect(page.get_by_text("Die Fassung ist gespeichert.")).to_be_visible()
    report = page.get_by_role("article", name="Sachstandsbericht Gemeinwesenarbeit")
    expect(report.get_by_text("Sozialausschuss am 12.03.2025")).to_be_visible()
    assert_accessible(page)
    assert page.csp_violations == []

    page.get_by_role("link", name="Gespeicherte Fassungen").first.click()
    page.wait_for_url("**" + reverse("cockpit:fassung_list"))
    row = page.get_by_role("row", name=re.compile("Sachstandsbericht 2024"))
    expect(row.get_by_text("01.01.2024 – 31.12.2024")).to_be_visible()
    assert_accessible(page)
