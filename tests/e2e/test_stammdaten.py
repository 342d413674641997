"""The Fachstelle keeps master data and Kennzahlen in the browser; every page passes axe."""

import json

import pytest
from playwright.sync_api import expect

from quartiere.models import Kennzahl, Quartier

from .conftest import assert_accessible
from .test_accessibility import demo, login  # noqa: F401 (the demo fixture is used by name)

pytestmark = pytest.mark.e2e


def test_stammdaten_pages_are_accessible(page, demo):  # noqa: F811
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    for path in (
        "/quartiere/stadtteile/",
        "/quartiere/stadtteile/neu/",
        "/quartiere/handlungsfelder/",
        "/quartiere/zielgruppen/neu/",
        "/quartiere/kennzahlen/",
        "/quartiere/kennzahlen/neu/",
        "/quartiere/kennzahlen/import/",
        "/quartiere/neu/",
        "/quartiere/wiesenau/loeschen/",
    ):
        page.goto(page.base_url + path)
        assert_accessible(page)


def test_bad_boundary_is_explained_next_to_the_field(page, demo):  # noqa: F811
    before = Quartier.objects.get(slug="wiesenau").grenze
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    page.goto(page.base_url + "/quartiere/wiesenau/bearbeiten/")
    page.get_by_label("Grenze (GeoJSON)").fill(
        json.dumps({"type": "Point", "coordinates": [9, 52]})
    )
    page.get_by_role("button", name="Speichern").click()
    error = page.locator("#id_grenze_error")
    assert "nicht „Point“" in error.inner_text()
    assert page.get_by_label("Grenze (GeoJSON)").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    assert Quartier.objects.get(slug="wiesenau").grenze == before


def test_csv_import_with_preview(page, demo, tmp_path):  # noqa: F811
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    bad = tmp_path / "fehler.csv"
    bad.write_text("quartier;jahr;merkmal;wert\nwiesenau;2031;einwohner;12x\n", encoding="utf-8")
    page.goto(page.base_url + "/quartiere/kennzahlen/import/")
    page.get_by_label("CSV-Datei").set_input_files(bad)
    page.get_by_role("button", name="Datei prüfen").click()
    expect(page.get_by_text("Zeile 2, Spalte „wert“: „12x“ ist keine Zahl.")).to_be_visible()
    expect(page.get_by_role("button", name="Jetzt importieren")).to_have_count(0)
    assert_accessible(page)

    good = tmp_path / "gut.csv"
    good.write_text("quartier;jahr;merkmal;wert\nwiesenau;2031;einwohner;1234\n", encoding="utf-8")
    page.goto(page.base_url + "/quartiere/kennzahlen/import/")
    page.get_by_label("CSV-Datei").set_input_files(good)
    page.get_by_role("button", name="Datei prüfen").click()
    assert_accessible(page)
    page.get_by_role("button", name="Jetzt importieren").click()
    page.wait_for_url("**/quartiere/kennzahlen/")
    expect(page.get_by_text("Import abgeschlossen: 1 neue")).to_be_visible()
    assert Kennzahl.objects.get(quartier__slug="wiesenau", jahr=2031).wert == 1234
    assert_accessible(page)
