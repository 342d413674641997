"""The gap analysis in the browser: matrix with gaps and parallel markers, filter by keyboard,
a cell page, all with zero axe violations."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from gwa_portal.core.models import Role

from ..cockpit import luecken_data
from ..factories import UserFactory
from .conftest import assert_accessible

pytestmark = pytest.mark.e2e

PASSWORD = "luecken-e2e-2024"


@pytest.fixture
def data(transactional_db):
    data = luecken_data.build()
    user = UserFactory(role=Role.VERWALTUNG, email="verwaltung-luecken@example.org")
    user.set_password(PASSWORD)
    user.save()
    return data


def login(page):
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("E-Mail").fill("verwaltung-luecken@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    page.wait_for_url(page.base_url + "/")


def test_matrix_with_gaps_and_parallel_structures_and_a_cell_page_are_accessible(page, data):
    login(page)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Auswertung", exact=True
    ).click()
    page.wait_for_url("**" + reverse("cockpit:index"))
    page.get_by_role("main").get_by_role("link", name="Lückenanalyse", exact=True).click()
    page.wait_for_url("**" + reverse("cockpit:luecken"))
    expect(page.get_by_role("heading", name="Lückenanalyse: Bedarf und Angebot")).to_be_visible()
    expect(page.get_by_role("table", name="Quartier × Handlungsfeld")).to_be_visible()
    expect(page.get_by_role("table", name="Quartier × Zielgruppe")).to_be_visible()
    cells = page.locator("td.portal-luecken__zelle")
    assert cells.filter(has_text="Lücke").count() == 2
    assert cells.filter(has_text="mögliche Parallelstruktur").count() == 2
    assert_accessible(page)

    page.get_by_label("Schwelle für mögliche Parallelstrukturen").fill("2")
    page.get_by_role("button", name="Filtern").press("Enter")
    page.wait_for_url("**schwelle=2**")
    assert cells.filter(has_text="mögliche Parallelstruktur").count() == 4
    assert_accessible(page)

    page.get_by_role("link", name="Wiesenau, Integration: 3 Angebote · 1 Bedarf").click()
    page.wait_for_url("**" + reverse("cockpit:luecken_zelle") + "**")
    expect(
        page.get_by_role("heading", name="Handlungsfeld Integration in Wiesenau")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Sprachcafé").first).to_be_visible()
    expect(page.get_by_role("link", name="Mehr Sprachkurse")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Integration · Zugewanderte: 3 Angebote")
    ).to_be_visible()
    expect(page.get_by_text("Alter Deutschkurs"), "inactive Angebot").to_have_count(0)
    assert_accessible(page)

    page.get_by_label("Brotkrümelnavigation").get_by_role("link", name="Lückenanalyse").click()
    page.wait_for_url("**schwelle=2**")
    page.get_by_role(
        "link", name="Wiesenau, Ältere/vereinsamte Menschen: 0 Angebote · 1 Bedarf"
    ).click()
    expect(
        page.get_by_role("heading", name="Zielgruppe Ältere/vereinsamte Menschen in Wiesenau")
    ).to_be_visible()
    expect(page.get_by_text("Lücke", exact=True)).to_be_visible()
    assert_accessible(page)
