"""Every form and delete-confirmation page shows where it sits: the breadcrumb trail."""

import re

import pytest
from django.urls import reverse

from gwa_portal.core.models import Role

from ..factories import (
    AktivitaetFactory,
    BedarfFactory,
    KennzahlFactory,
    KoordinationFactory,
    MassnahmeFactory,
    QuartierFactory,
    StadtteilFactory,
)

pytestmark = pytest.mark.django_db

NAV = re.compile(
    r'<nav class="portal-breadcrumbs" aria-label="Brotkrümelnavigation">(.*?)</nav>', re.S
)
LINK = re.compile(r'<a class="kern-link" href="([^"]*)">([^<]*)</a>')
CURRENT = re.compile(r'<li aria-current="page">([^<]*)</li>')


def trail(response):
    """The breadcrumb links as (url, label) pairs and the label of the current page."""
    body = response.content.decode()
    navs = NAV.findall(body)
    assert len(navs) == 1, "expected exactly one breadcrumb navigation"
    links = [(url.replace("&amp;", "&"), label) for url, label in LINK.findall(navs[0])]
    return links, CURRENT.search(navs[0]).group(1)


def test_bedarf_edit_page_leads_back_through_quartier_list_and_bedarf(client_as, fachstelle):
    bedarf = BedarfFactory(titel="Treffpunkt für Ältere", quartier__name="Wiesenau")
    quartier = bedarf.quartier
    response = client_as(Role.FACHSTELLE).get(reverse("quartiere:bedarf_edit", args=[bedarf.pk]))
    links, current = trail(response)
    assert links == [
        (reverse("quartiere:index"), "Quartiere"),
        (quartier.get_absolute_url(), "Wiesenau"),
        (f"{reverse('quartiere:bedarf_list')}?quartier={quartier.slug}", "Bedarfe"),
        (bedarf.get_absolute_url(), "Treffpunkt für Ältere"),
    ]
    assert current == "Bedarf bearbeiten"


def test_bedarf_create_page_names_the_preselected_quartier(client_as, koordination):
    quartier = KoordinationFactory(user=koordination, quartier__name="Godshorn").quartier
    url = f"{reverse('quartiere:bedarf_create')}?quartier={quartier.slug}"
    links, current = trail(client_as(Role.KOORDINATION).get(url))
    assert (quartier.get_absolute_url(), "Godshorn") in links
    assert current == "Bedarf erfassen"


def test_bedarf_form_with_errors_keeps_its_breadcrumbs(client_as, fachstelle):
    bedarf = BedarfFactory()
    response = client_as(Role.FACHSTELLE).post(
        reverse("quartiere:bedarf_edit", args=[bedarf.pk]), {"titel": ""}
    )
    assert response.status_code == 400
    assert trail(response)[1] == "Bedarf bearbeiten"


def test_stadtteil_delete_page_leads_back_to_the_stadtteile(client_as, fachstelle):
    StadtteilFactory(name="Leer", slug="leer")
    response = client_as(Role.FACHSTELLE).get(reverse("quartiere:stadtteil_delete", args=["leer"]))
    links, current = trail(response)
    assert links == [
        (reverse("quartiere:index"), "Quartiere"),
        (reverse("quartiere:stadtteil_list"), "Stadtteile"),
    ]
    assert current == "Stadtteil „Leer“ löschen"


def test_refused_stadtteil_delete_keeps_its_breadcrumbs(client_as, fachstelle):
    quartier = QuartierFactory()
    url = reverse("quartiere:stadtteil_delete", args=[quartier.stadtteil.slug])
    response = client_as(Role.FACHSTELLE).post(url)
    assert response.status_code == 409
    assert trail(response)[0][-1] == (reverse("quartiere:stadtteil_list"), "Stadtteile")


def _detail(obj):
    return obj.get_absolute_url()


def _kennzahlen(obj):
    return reverse("quartiere:kennzahl_list")


@pytest.mark.parametrize(
    ("url_name", "make", "parent", "current"),
    [
        ("bedarf_delete", BedarfFactory, _detail, "Bedarf löschen"),
        ("massnahme_edit", MassnahmeFactory, _detail, "Maßnahme bearbeiten"),
        ("massnahme_delete", MassnahmeFactory, _detail, "Maßnahme löschen"),
        ("aktivitaet_edit", AktivitaetFactory, _detail, "Aktivität bearbeiten"),
        ("aktivitaet_delete", AktivitaetFactory, _detail, "Aktivität löschen"),
        ("kennzahl_edit", KennzahlFactory, _kennzahlen, "Kennzahl bearbeiten"),
        ("kennzahl_delete", KennzahlFactory, _kennzahlen, "Kennzahl löschen"),
    ],
)
def test_edit_and_delete_pages_lead_back_to_their_parent(
    client_as, fachstelle, url_name, make, parent, current
):
    obj = make()
    response = client_as(Role.FACHSTELLE).get(reverse(f"quartiere:{url_name}", args=[obj.pk]))
    assert response.status_code == 200
    links, shown = trail(response)
    assert links[-1][0] == parent(obj)
    assert shown == current


@pytest.mark.parametrize(
    ("url_name", "current"),
    [
        ("bedarf_create", "Bedarf erfassen"),
        ("massnahme_create", "Maßnahme anlegen"),
        ("aktivitaet_create", "Aktivität erfassen"),
        ("kennzahl_create", "Kennzahl anlegen"),
        ("stadtteil_create", "Stadtteil anlegen"),
        ("quartier_create", "Quartier anlegen"),
        ("handlungsfeld_create", "Handlungsfelder: neuer Eintrag"),
        ("zielgruppe_create", "Zielgruppen: neuer Eintrag"),
    ],
)
def test_create_pages_show_breadcrumbs(client_as, fachstelle, url_name, current):
    response = client_as(Role.FACHSTELLE).get(reverse(f"quartiere:{url_name}"))
    assert response.status_code == 200
    assert trail(response)[1] == current


def test_koordination_end_page_leads_back_to_the_koordination(client_as, fachstelle):
    row = KoordinationFactory(quartier__name="Wiesenau")
    url = reverse("quartiere:koordination_end", args=[row.quartier.slug, row.pk])
    links, current = trail(client_as(Role.FACHSTELLE).get(url))
    assert links[-1] == (
        reverse("quartiere:koordination", args=[row.quartier.slug]),
        "Koordination",
    )
    assert current == "Koordination beenden"
