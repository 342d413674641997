"""The main navigation per role, its current entry, and the account links in the header."""

import re

import pytest
from django.urls import reverse

from gwa_portal.core.models import Role

from ..factories import QuartierFactory

F, K, V, P = Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG, Role.PARTNER

NAV_LABELS = {
    None: ["Start", "Quartiere", "Angebote", "Befragungen"],
    P: ["Start", "Quartiere", "Angebote", "Netzwerk", "Befragungen"],
    V: ["Start", "Quartiere", "Angebote", "Aktivitäten", "Netzwerk", "Befragungen", "Auswertung"],
    K: ["Start", "Quartiere", "Angebote", "Aktivitäten", "Netzwerk", "Befragungen", "Auswertung"],
    F: [
        "Start",
        "Quartiere",
        "Angebote",
        "Aktivitäten",
        "Netzwerk",
        "Befragungen",
        "Auswertung",
        "Zugänge",
    ],
}


def nav_of(response):
    return [
        (str(item["label"]), item["url"], item["active"]) for item in response.context["main_nav"]
    ]


def header(response):
    return re.search(r"<header\b.*?</header>", response.content.decode(), re.S).group(0)


@pytest.mark.parametrize("role", [None, P, V, K, F])
def test_each_role_gets_its_navigation_entries(client_as, role):
    labels = [label for label, _url, _active in nav_of(client_as(role).get("/"))]
    assert labels == NAV_LABELS[role]


@pytest.mark.parametrize("role", [F, K, V])
def test_auswertung_leads_internal_users_to_the_hub(client_as, role):
    urls = {label: url for label, url, _active in nav_of(client_as(role).get("/"))}
    assert urls["Auswertung"] == reverse("cockpit:index")


@pytest.mark.parametrize("role", [None, P, V, K, F])
def test_no_role_has_a_navigation_entry_of_its_own_for_the_audit_trail(client_as, role):
    """The audit trail is a card on the Auswertung hub (Fachstelle only), not a nav entry."""
    html = header(client_as(role).get("/"))
    assert reverse("core:audit_list") not in html
    assert ("Zugänge" in html) == (role == F)


def tool_pages():
    quartier = QuartierFactory(slug="wiesenau")  # its creation is in the audit trail
    slug = quartier.slug
    return [
        (reverse("cockpit:index"), 200),
        (reverse("cockpit:luecken"), 200),
        (reverse("cockpit:luecken_zelle"), 400),  # no cell named: an error page, still in place
        (reverse("cockpit:bericht"), 200),
        (reverse("cockpit:bericht_ansicht") + "?von=2024-01-01&bis=2024-12-31", 200),
        (reverse("cockpit:uebergabe", kwargs={"quartier_slug": slug}), 200),
        (reverse("cockpit:uebergeben", kwargs={"quartier_slug": slug}), 200),
        (reverse("core:audit_list"), 200),
        (
            reverse(
                "core:audit_object",
                kwargs={"app_label": "quartiere", "model": "quartier", "pk": quartier.pk},
            ),
            200,
        ),
    ]


def test_auswertung_is_the_current_entry_on_the_hub_and_every_tool_page(client_as):
    client = client_as(F)
    for url, status in tool_pages():
        response = client.get(url)
        assert response.status_code == status, url
        active = [label for label, _url, is_active in nav_of(response) if is_active]
        assert active == ["Auswertung"], url
        link = f'href="{reverse("cockpit:index")}" aria-current="page">Auswertung</a>'
        assert link in header(response), url


@pytest.mark.parametrize(
    ("url_name", "current"),
    [
        ("start", "Start"),
        ("quartiere:index", "Quartiere"),
        ("quartiere:aktivitaet_list", "Aktivitäten"),
        ("netzwerk:angebot_list", "Angebote"),
        ("befragung:liste", "Befragungen"),
        ("core:user_list", "Zugänge"),
        ("core:user_create", "Zugänge"),
    ],
)
def test_other_pages_keep_their_own_current_entry(client_as, url_name, current):
    response = client_as(F).get(reverse(url_name))
    assert [label for label, _url, active in nav_of(response) if active] == [current]


def test_header_shows_who_is_logged_in_with_which_role_and_the_account_links(client_as):
    html = header(client_as(F).get("/"))
    assert "Angemeldet: Alice (Fachstelle GWA)" in html
    assert f'href="{reverse("account_change_password")}">Mein Zugang</a>' in html
    assert f'action="{reverse("account_logout")}"' in html and "Abmelden" in html
    assert "Anmelden" not in html
    assert "Angemeldet: Bob (GW-Koordination)" in header(client_as(K).get("/"))


def test_header_offers_the_login_to_anonymous_visitors(client_as):
    html = header(client_as(None).get("/"))
    assert f'href="{reverse("account_login")}">Anmelden</a>' in html
    assert "Angemeldet" not in html and "Abmelden" not in html


@pytest.mark.parametrize("role", [None, F])
def test_the_phone_menu_button_controls_elements_that_exist(client_as, role):
    html = header(client_as(role).get("/"))
    controls = re.search(r'class="[^"]*portal-nav-toggle[^"]*"[^>]*aria-controls="([^"]+)"', html)
    ids = controls.group(1).split()
    assert ids == ["hauptnavigation", "portal-konto"]
    for element_id in ids:
        assert f'id="{element_id}"' in html
    # Without JS there is no menu: the button stays hidden and portal.js reveals it.
    assert re.search(r'<button class="[^"]*portal-nav-toggle[^"]*"[^>]*\bhidden>', html)
