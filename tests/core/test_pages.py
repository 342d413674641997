"""The public pages: start page per role, accessibility statement, Leichte Sprache, layout."""

import datetime

from django.urls import reverse

from gwa_portal.core.models import Role
from quartiere.models import Koordination

from ..factories import QuartierFactory


def test_layout_has_skip_link_landmarks_and_footer_links(client, db):
    body = client.get("/").content.decode()
    assert 'href="#inhalt"' in body and 'id="inhalt"' in body
    assert "<header" in body and "<main" in body and "<footer" in body and "<nav" in body
    assert reverse("barrierefreiheit") in body and reverse("leichte_sprache") in body
    assert 'lang="de"' in body


def test_navigation_depends_on_role(client_as):
    netzwerk = f'href="{reverse("netzwerk:index")}"'
    anon = client_as(None).get("/").content.decode()
    assert reverse("core:user_list") not in anon and netzwerk not in anon
    assert f'href="{reverse("netzwerk:angebot_list")}"' in anon, "Angebote are public"
    fachstelle = client_as(Role.FACHSTELLE).get("/").content.decode()
    assert reverse("core:user_list") in fachstelle
    koordination = client_as(Role.KOORDINATION).get("/").content.decode()
    assert reverse("core:user_list") not in koordination
    assert netzwerk in koordination


def test_start_page_lists_the_coordinators_own_quartiere(client_as, koordination):
    mine = QuartierFactory(name="Wiesenau")
    QuartierFactory(name="Godshorn")
    # A date, not a string: the audit trail renders the row with its __str__.
    Koordination.objects.create(quartier=mine, user=koordination, von=datetime.date(2024, 1, 1))
    body = client_as(Role.KOORDINATION).get("/").content.decode()
    assert "Meine Quartiere" in body
    assert "Wiesenau" in body and "Godshorn" not in body


def test_accessibility_statement_has_the_required_parts(client, db):
    body = client.get(reverse("barrierefreiheit")).content.decode()
    for part in [
        "Stand der Vereinbarkeit",
        "Nicht barrierefreie Inhalte",
        "Barrieren melden",
        "Schlichtungsverfahren",
    ]:
        assert part in body


def test_leichte_sprache_explains_the_portal(client, db):
    body = client.get(reverse("leichte_sprache")).content.decode()
    assert "Was ist das GWA-Portal?" in body
    assert "Gemein-Wesen-Arbeit" in body


def test_unknown_page_is_a_german_404(client, db):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_forbidden_page_is_a_german_403(client_as):
    response = client_as(Role.PARTNER).get(reverse("core:user_list"))
    assert response.status_code == 403
    assert "Kein Zugriff" in response.content.decode()


def test_navigation_marks_the_most_specific_section_as_current(client_as):
    body = client_as(Role.VERWALTUNG).get(reverse("quartiere:aktivitaet_list")).content.decode()
    current = [line for line in body.splitlines() if 'aria-current="page"' in line]
    assert len(current) == 1 and "Aktivitäten" in current[0]
    anon = client_as(None).get(reverse("quartiere:index")).content.decode()
    assert reverse("quartiere:aktivitaet_list") not in anon


def test_start_page_offers_quick_activity_logging_to_staff_only(client_as):
    url = reverse("quartiere:aktivitaet_create")
    assert url in client_as(Role.KOORDINATION).get("/").content.decode()
    assert url in client_as(Role.FACHSTELLE).get("/").content.decode()
    assert url not in client_as(Role.VERWALTUNG).get("/").content.decode()
    assert url not in client_as(None).get("/").content.decode()
