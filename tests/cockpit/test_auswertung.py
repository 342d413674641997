"""„Auswertung“, the hub of the evaluation tools: per role, its links, its folders, its queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cockpit.views.auswertung import MAPPEN_JE_SEITE
from gwa_portal.core.models import Role

from ..factories import KoordinationFactory, QuartierFactory, StadtteilFactory

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER
HUB = reverse("cockpit:index")
TOOLS = {
    "Lückenanalyse": reverse("cockpit:luecken"),
    "Sachstandsbericht": reverse("cockpit:bericht"),
    "Änderungsprotokoll": reverse("core:audit_list"),
}


def main(response):
    assert response.status_code == 200
    return re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group(0)


def hrefs(html):
    return re.findall(r'href="([^"#][^"]*)"', html)


def folder_url(quartier):
    return reverse("cockpit:uebergabe", kwargs={"quartier_slug": quartier.slug})


@pytest.fixture
def quartiere(db):
    mitte = StadtteilFactory(name="Langenhagen-Mitte")
    godshorn = StadtteilFactory(name="Godshorn")
    return {
        "alte-mitte": QuartierFactory(name="Alte Mitte", stadtteil=mitte),
        "stadtpark": QuartierFactory(name="Stadtpark-Viertel", stadtteil=mitte),
        "godshorn": QuartierFactory(name="Godshorn", stadtteil=godshorn),
    }


# --- who gets in ---------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login(client_as):
    response = client_as(None).get(HUB)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_partner_gets_403_like_on_the_tools_themselves(client_as):
    client = client_as(P)
    assert client.get(HUB).status_code == 403
    assert client.get(TOOLS["Lückenanalyse"]).status_code == 403
    assert client.get(TOOLS["Sachstandsbericht"]).status_code == 403


@pytest.mark.parametrize("role", [F, K, V])
def test_internal_roles_get_a_page_with_heading_and_breadcrumbs(client_as, role):
    html = main(client_as(role).get(HUB))
    assert '<h1 class="kern-heading-large">Auswertung</h1>' in html
    crumbs = re.search(r'<nav class="portal-breadcrumbs".*?</nav>', html, re.S).group(0)
    assert f'href="{reverse("start")}">Start</a>' in crumbs
    assert '<li aria-current="page">Auswertung</li>' in crumbs


# --- what it links ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "tools"),
    [
        (F, ["Lückenanalyse", "Sachstandsbericht", "Änderungsprotokoll"]),
        (K, ["Lückenanalyse", "Sachstandsbericht"]),
        (V, ["Lückenanalyse", "Sachstandsbericht"]),
    ],
)
def test_each_role_sees_the_tools_its_role_may_open(client_as, quartiere, role, tools):
    html = main(client_as(role).get(HUB))
    linked = [label for label, url in TOOLS.items() if f'href="{url}">{label}</a>' in html]
    assert linked == tools
    assert (reverse("core:audit_list") in html) == (role == F)


@pytest.mark.parametrize("role", [F, K, V])
def test_every_link_on_the_hub_opens_for_that_role(client_as, quartiere, role):
    """The hub offers nothing that would answer 403: the same rules as the target views."""
    client = client_as(role)
    links = set(hrefs(main(client.get(HUB))))
    assert len(links) >= 2 + len(quartiere)
    for url in links:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", [F, K, V])
def test_tools_have_a_one_sentence_description(client_as, role):
    html = main(client_as(role).get(HUB))
    cards = re.findall(
        r'<li class="kern-card">.*?</li>\s*(?=<li class="kern-card">|</ul>)', html, re.S
    )
    assert len(cards) == (4 if role == F else 3)
    for card in cards:
        assert re.search(r'<p class="kern-body">[^<]{40,}\.</p>', card), card


def test_handover_folders_are_listed_by_stadtteil(client_as, quartiere):
    html = main(client_as(V).get(HUB))
    section = html[html.index('id="uebergabemappen"') :]
    for quartier in quartiere.values():
        assert f'href="{folder_url(quartier)}"' in section
    order = [section.index(name) for name in ("Godshorn</h3>", "Langenhagen-Mitte</h3>")]
    assert order == sorted(order), "Stadtteile in alphabetical order"
    mitte = section[section.index("Langenhagen-Mitte</h3>") :]
    assert mitte.index("Alte Mitte") < mitte.index("Stadtpark-Viertel")
    assert '<span class="kern-sr-only">Übergabemappe </span>Godshorn</a>' in section
    assert "Ihre Quartiere" not in html


def test_koordination_finds_the_folders_of_its_current_quartiere_first(
    client_as, koordination, quartiere
):
    KoordinationFactory(user=koordination, quartier=quartiere["godshorn"])
    KoordinationFactory(
        user=koordination,
        quartier=quartiere["stadtpark"],
        von=datetime.date(2020, 1, 1),
        bis=datetime.date(2022, 12, 31),
    )
    html = main(client_as(K).get(HUB))
    card = html[html.index("Ihre Quartiere:") : html.index('id="uebergabemappen"')]
    assert f'href="{folder_url(quartiere["godshorn"])}">Übergabemappe Godshorn</a>' in card
    assert folder_url(quartiere["stadtpark"]) not in card, "an ended Koordination"
    assert folder_url(quartiere["alte-mitte"]) not in card


def test_without_quartiere_the_hub_says_so(client_as):
    html = main(client_as(F).get(HUB))
    assert "Es gibt noch keine Quartiere." in html
    assert "/cockpit/uebergabe/" not in html


# --- queries -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [F, K])
def test_query_count_does_not_grow_with_the_number_of_quartiere(
    client_as, koordination, quartiere, role, django_assert_max_num_queries
):
    KoordinationFactory(user=koordination, quartier=quartiere["godshorn"])
    client = client_as(role)
    with CaptureQueriesContext(connection) as small:
        main(client.get(HUB))
    for i in range(8):
        stadtteil = StadtteilFactory()
        for quartier in QuartierFactory.create_batch(4, stadtteil=stadtteil):
            # Half of them are the coordinator's own, the others have a colleague.
            own = {"user": koordination} if i % 2 else {}
            KoordinationFactory(quartier=quartier, **own)
    with django_assert_max_num_queries(len(small)):
        html = main(client.get(HUB))
    section = html[html.index('id="uebergabemappen"') :]
    # 35 Quartiere, but one page of folders: the hub does not grow with the city.
    assert section.count('href="/cockpit/uebergabe/') == MAPPEN_JE_SEITE
    assert "Seite 1 von 2" in section


def test_handover_folders_are_found_by_name(client_as, quartiere):
    client = client_as(V)
    html = main(client.get(HUB, {"quartier": "mitte"}))
    section = html[html.index('id="uebergabemappen"') :]
    assert f'href="{folder_url(quartiere["alte-mitte"])}"' in section
    assert folder_url(quartiere["godshorn"]) not in section
    html = main(client.get(HUB, {"quartier": "Atlantis"}))
    assert "Kein Quartier enthält „Atlantis“ im Namen." in html
