"""The Fachstelle follows a change in the audit trail: list with filters, then one object's page."""

import pytest
from django.contrib.contenttypes.models import ContentType

from quartiere.models import Quartier

from .conftest import assert_accessible
from .test_accessibility import demo, login  # noqa: F401 (the demo fixture is used by name)

pytestmark = pytest.mark.e2e


def test_fachstelle_finds_her_change_in_the_log(page, demo):  # noqa: F811
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    page.goto(page.base_url + "/quartiere/wiesenau/bearbeiten/")
    page.get_by_label("Beschreibung").fill("Neu beschrieben im Browser")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(page.base_url + "/quartiere/wiesenau/")

    quartier_ct = ContentType.objects.get_for_model(Quartier)
    page.goto(page.base_url + "/portal/protokoll/")
    assert_accessible(page)
    page.get_by_label("Art des Eintrags").select_option(str(quartier_ct.pk))
    page.get_by_label("Aktion").select_option(label="geändert")
    page.get_by_role("button", name="Filtern").click()
    table = page.get_by_role("table")
    assert "Neu beschrieben im Browser" in table.inner_text()
    assert "Fachstelle" in table.inner_text()
    assert_accessible(page)

    page.goto(page.base_url + "/quartiere/wiesenau/")
    page.get_by_role("link", name="Änderungsverlauf anzeigen").click()
    page.wait_for_url("**/portal/protokoll/quartiere/quartier/*/")
    assert "Verlauf: Wiesenau" in page.get_by_role("heading", level=1).inner_text()
    assert "Neu beschrieben im Browser" in page.get_by_role("table").inner_text()
    assert_accessible(page)
