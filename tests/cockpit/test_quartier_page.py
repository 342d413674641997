"""The composed Quartier page: quartiere's page plus public Termine, Angebote and (internal) Gremien."""

import datetime
import re

import pytest
from django.urls import resolve, reverse

from cockpit.views.quartier import quartier_detail
from gwa_portal.core.models import Role
from netzwerk.models import Termin

from ..factories import (
    AngebotFactory,
    GremiumFactory,
    KoordinationFactory,
    MitgliedschaftFactory,
    QuartierFactory,
    TerminFactory,
    in_days,
)


def page_of(quartier):
    return reverse("quartiere:detail", args=[quartier.slug])


def main(response):
    assert response.status_code == 200
    return re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group(0)


@pytest.fixture
def wiesenau(db):
    quartier = QuartierFactory(name="Wiesenau", slug="wiesenau")
    runder_tisch = GremiumFactory(name="Runder Tisch Wiesenau", quartier=quartier)
    MitgliedschaftFactory.create_batch(3, gremium=runder_tisch)
    MitgliedschaftFactory(
        gremium=runder_tisch, von=datetime.date(2020, 1, 1), bis=datetime.date(2021, 1, 1)
    )
    TerminFactory(titel="Stadtteilfest", oeffentlich=True, gremium=None, quartier=quartier)
    TerminFactory(titel="Nachbarschaftsfrühstück", oeffentlich=True, gremium=runder_tisch)
    TerminFactory(titel="Interne Sitzung", gremium=runder_tisch)
    TerminFactory(
        titel="Abgesagtes Fest",
        oeffentlich=True,
        quartier=quartier,
        gremium=None,
        status=Termin.Status.ABGESAGT,
    )
    TerminFactory(
        titel="Vergangenes Fest",
        oeffentlich=True,
        quartier=quartier,
        gremium=None,
        beginn=in_days(-3),
    )
    TerminFactory(titel="Fest woanders", oeffentlich=True)
    AngebotFactory(
        titel="Erzählcafé",
        quartier=quartier,
        ort="Quartierstreff",
        sprachen="Deutsch, Türkisch",
        barrierefreiheit="ebenerdiger Zugang",
    )
    AngebotFactory(titel="Pausierte Hausaufgabenhilfe", quartier=quartier, aktiv=False)
    AngebotFactory(titel="Angebot woanders")
    return quartier


def test_the_quartier_page_is_served_by_the_cockpit_and_fixed_paths_still_resolve():
    assert resolve("/quartiere/wiesenau/").func is quartier_detail
    assert resolve("/quartiere/wiesenau/").view_name == "quartiere:detail"
    assert resolve("/quartiere/neu/").view_name == "quartiere:quartier_create"
    assert resolve("/quartiere/kennzahlen/").view_name == "quartiere:kennzahl_list"
    assert resolve("/quartiere/wiesenau/bearbeiten/").view_name == "quartiere:quartier_edit"


@pytest.mark.parametrize("role", [None, Role.PARTNER])
def test_public_visitors_see_public_termine_and_active_angebote_only(client_as, role, wiesenau):
    html = main(client_as(role).get(page_of(wiesenau)))
    assert "Stadtteilfest" in html and "Nachbarschaftsfrühstück" in html
    assert "Walsroder Straße" in html, "the place of a public Termin"
    assert "Erzählcafé" in html and "Deutsch, Türkisch" in html and "ebenerdiger Zugang" in html
    for hidden in [
        "Interne Sitzung",
        "Abgesagtes Fest",
        "Vergangenes Fest",
        "Fest woanders",
        "Pausierte Hausaufgabenhilfe",
        "Angebot woanders",
        'id="gremien"',
        "Mitglieder",
        "Interne Termine",
    ]:
        assert hidden not in html, hidden


@pytest.mark.parametrize("role", [Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG])
def test_internal_users_also_see_gremien_internal_termine_and_inactive_angebote(
    client_as, role, wiesenau
):
    html = main(client_as(role).get(page_of(wiesenau)))
    assert "Stadtteilfest" in html and "Erzählcafé" in html
    assert "Interne Sitzung" in html
    gremium_row = re.search(
        r"<th scope=\"row\"[^>]*><a class=\"kern-link\" href=\"/netzwerk/gremien/[^\"]+/\">"
        r"Runder Tisch Wiesenau</a></th>.*?</tr>",
        html,
        re.S,
    )
    assert gremium_row and "Runder Tisch" in gremium_row.group(0)
    assert '<td class="kern-table__cell">3</td>' in gremium_row.group(0), "current members only"
    assert "Pausierte Hausaufgabenhilfe" in html and "nicht aktiv" in html
    assert "Abgesagtes Fest" not in html and "Fest woanders" not in html


def test_the_add_angebot_link_follows_the_quartier_rules(client_as, koordination, wiesenau):
    create = reverse("netzwerk:angebot_create") + "?quartier=wiesenau"
    assert create not in main(client_as(Role.KOORDINATION).get(page_of(wiesenau)))
    assert create in main(client_as(Role.FACHSTELLE).get(page_of(wiesenau)))
    KoordinationFactory(quartier=wiesenau, user=koordination)
    assert create in main(client_as(Role.KOORDINATION).get(page_of(wiesenau)))
    assert create not in main(client_as(Role.VERWALTUNG).get(page_of(wiesenau)))


@pytest.mark.parametrize("role", [None, Role.KOORDINATION])
def test_empty_states_of_the_netzwerk_sections(client_as, role, db):
    html = main(client_as(role).get(page_of(QuartierFactory())))
    assert "Zurzeit sind keine öffentlichen Termine angekündigt." in html
    assert "Für dieses Quartier sind noch keine Angebote eingetragen." in html
    if role is not None:
        assert "Zu diesem Quartier gehört noch kein Gremium." in html
        assert "Keine internen Termine in nächster Zeit." in html


def test_no_inline_script_or_style_on_the_composed_page(client_as, wiesenau):
    html = client_as(Role.FACHSTELLE).get(page_of(wiesenau)).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\sstyle=", html)


def grow(quartier):
    for _i in range(8):
        gremium = GremiumFactory(quartier=quartier)
        MitgliedschaftFactory.create_batch(3, gremium=gremium)
        TerminFactory(gremium=gremium, oeffentlich=True)
        TerminFactory(gremium=gremium)
    TerminFactory.create_batch(5, quartier=quartier, gremium=None, oeffentlich=True)
    AngebotFactory.create_batch(25, quartier=quartier)
    AngebotFactory.create_batch(5, quartier=quartier, aktiv=False)


@pytest.mark.parametrize("role", [None, Role.PARTNER, Role.KOORDINATION, Role.FACHSTELLE])
def test_quartier_page_needs_the_same_queries_for_few_and_many_netzwerk_entries(
    client_as, role, koordination, wiesenau, django_assert_max_num_queries
):
    KoordinationFactory(quartier=wiesenau, user=koordination)
    client = client_as(role)
    with django_assert_max_num_queries(35) as few:
        main(client.get(page_of(wiesenau)))
    grow(wiesenau)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = main(client.get(page_of(wiesenau)))
    assert "Alle 2" in html or "Alle 3" in html, "the link to all Angebote names the total"
