"""Bedarfe, Maßnahmen and the Koordination page in the browser: every page passes axe."""

import pytest
from django.urls import reverse

from quartiere.models import Bedarf, Koordination, Massnahme

from .conftest import assert_accessible
from .test_accessibility import demo, login  # noqa: F401 (the demo fixture is used by name)

pytestmark = pytest.mark.e2e


def test_bedarf_and_massnahme_pages_are_accessible(page, demo):  # noqa: F811
    bedarf = Bedarf.objects.order_by("pk").first()
    massnahme = Massnahme.objects.order_by("pk").first()
    assert bedarf and massnahme, "the demo has Bedarfe and Maßnahmen"
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    for path in (
        reverse("quartiere:bedarf_list"),
        f"{reverse('quartiere:bedarf_list')}?quartier={bedarf.quartier.slug}&status=",
        bedarf.get_absolute_url(),
        reverse("quartiere:bedarf_create"),
        reverse("quartiere:bedarf_edit", args=[bedarf.pk]),
        reverse("quartiere:bedarf_delete", args=[bedarf.pk]),
        reverse("quartiere:massnahme_list"),
        massnahme.get_absolute_url(),
        reverse("quartiere:massnahme_create"),
        reverse("quartiere:massnahme_edit", args=[massnahme.pk]),
        reverse("quartiere:massnahme_delete", args=[massnahme.pk]),
    ):
        page.goto(page.base_url + path)
        assert_accessible(page)


def test_bedarf_form_errors_are_accessible(page, demo):  # noqa: F811
    login(page, "koordination@example.org")
    page.goto(page.base_url + reverse("quartiere:bedarf_create"))
    page.get_by_role("button", name="Speichern").click()
    assert page.locator("[aria-invalid=true]").count() > 0
    assert_accessible(page)


def test_koordination_pages_are_accessible(page, demo):  # noqa: F811
    row = Koordination.objects.current().select_related("quartier").order_by("pk").first()
    assert row, "the demo has a current Koordination"
    login(page, "fachstelle@example.org", totp_secret=demo["fachstelle"].totp_secret)
    page.goto(page.base_url + reverse("quartiere:koordination", args=[row.quartier.slug]))
    assert_accessible(page)
    page.goto(
        page.base_url + reverse("quartiere:koordination_end", args=[row.quartier.slug, row.pk])
    )
    assert_accessible(page)
