"""The survey builder in the browser: list, survey page, question form with errors, the Arabic
translation page (right to left) and the printed questionnaire have zero axe violations."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from befragung.models import Befragung

from ..factories import (
    AntwortoptionFactory,
    BefragungFactory,
    FrageFactory,
    MatrixzeileFactory,
)
from .conftest import assert_accessible, expect_hidden, open_page
from .test_accessibility import demo, login  # noqa: F401 (the demo fixture is used by name)

pytestmark = pytest.mark.e2e


def build_survey():
    befragung = BefragungFactory(
        slug="baukasten-e2e",
        status=Befragung.Status.ENTWURF,
        sprachen=["de", "en", "ar"],
        titel={"de": "Leben im Quartier", "ar": "الحياة في الحي"},
    )
    kinder = FrageFactory(befragung=befragung, position=1, typ="janein", text={"de": "Kinder?"})
    ja = AntwortoptionFactory(frage=kinder, name="ja", position=1, text={"de": "Ja", "ar": "نعم"})
    AntwortoptionFactory(frage=kinder, name="nein", position=2, text={"de": "Nein", "ar": "لا"})
    FrageFactory(
        befragung=befragung,
        position=2,
        typ="text",
        text={"de": "Welche Angebote fehlen?"},
        bedingung_option=ja,
    )
    FrageFactory(
        befragung=befragung,
        position=3,
        typ="skala",
        skala_min=1,
        skala_max=5,
        skala_links={"de": "schlecht"},
        skala_rechts={"de": "gut"},
        text={"de": "Wie zufrieden sind Sie?"},
    )
    matrix = FrageFactory(befragung=befragung, position=4, typ="matrix", text={"de": "Aussagen"})
    AntwortoptionFactory(frage=matrix, position=1, text={"de": "stimmt"})
    AntwortoptionFactory(frage=matrix, position=2, text={"de": "stimmt nicht"})
    MatrixzeileFactory(frage=matrix, text={"de": "Es ist ruhig."})
    FrageFactory(befragung=befragung, position=5, typ="quartier", text={"de": "Wo wohnen Sie?"})
    return befragung


def test_builder_pages_are_accessible(page, demo):  # noqa: F811
    befragung = build_survey()
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    for path in (
        reverse("befragung:liste"),
        reverse("befragung:liste") + "?status=beendet",
        befragung.get_absolute_url(),
        reverse("befragung:bearbeiten", args=[befragung.slug]),
        reverse("befragung:starten", args=[befragung.slug]),
    ):
        page.goto(page.base_url + path)
        assert_accessible(page)


def test_question_form_with_errors_is_accessible(page, demo):  # noqa: F811
    befragung = build_survey()
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    page.goto(page.base_url + reverse("befragung:frage_neu", args=[befragung.slug]))
    assert_accessible(page)
    page.get_by_label("Art der Frage").select_option("skala")
    page.get_by_role("button", name="Speichern").click()
    assert page.locator("[aria-invalid=true]").count() > 0
    expect(page.get_by_text("Bitte geben Sie die Frage ein.")).to_be_visible()
    assert_accessible(page)


def test_question_is_added_and_moved_with_the_keyboard_free_buttons(page, demo):  # noqa: F811
    befragung = build_survey()
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    page.goto(page.base_url + reverse("befragung:frage_neu", args=[befragung.slug]))
    page.get_by_label("Art der Frage").select_option("einfach")
    page.get_by_label("Frage", exact=True).fill("Wie kommen Sie her?")
    page.get_by_label("Antwortmöglichkeiten").fill("Bus\nRad\nzu Fuß")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Die Frage wurde hinzugefügt.")).to_be_visible()
    page.get_by_role("button", name="Frage 6 nach oben").click()
    expect(page.get_by_text("steht jetzt weiter oben")).to_be_visible()
    names = list(befragung.fragen.order_by("position").values_list("name", flat=True))
    assert names[4] == "wie_kommen_sie_her"
    assert_accessible(page)


def test_arabic_translation_page_is_rtl_and_accessible(page, demo):  # noqa: F811
    befragung = build_survey()
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    page.goto(page.base_url + reverse("befragung:uebersetzungen", args=[befragung.slug, "ar"]))
    inputs = page.locator("form.portal-form input[type=text], form.portal-form textarea")
    assert inputs.count() > 5
    for i in range(inputs.count()):
        assert inputs.nth(i).get_attribute("dir") == "rtl"
        assert inputs.nth(i).get_attribute("lang") == "ar"
    expect(page.get_by_text("Übersetzung fehlt").first).to_be_visible()
    assert_accessible(page)


def test_printed_questionnaire_is_accessible(page, demo):  # noqa: F811
    befragung = build_survey()
    login(page, "koordination@example.org")
    for sprache in ("de", "ar"):
        path = reverse("befragung:papier_druck", args=[befragung.slug, sprache])
        open_page(page, path, befragung.t("titel", sprache))
        assert page.locator("html").get_attribute("lang") == sprache
        assert_accessible(page)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.emulate_media(media="print")
    expect_hidden(page.locator(".bf-papier__werkzeuge"))
