"""The start page stays the same size however large the city: Stadtteile a page at a time,
Quartiere without Koordination capped, the map's shading fetched from its own endpoint."""

import datetime
import re

import pytest
from django.utils import timezone

from cockpit import dashboard
from gwa_portal.core.models import Role

from ..factories import AktivitaetFactory, KoordinationFactory, QuartierFactory, StadtteilFactory

pytestmark = pytest.mark.django_db

START = "/"
KARTE = "/karte/aktivitaet.json"


def section(response, heading_id):
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S)
    assert match, f"section {heading_id} missing"
    return match.group(0)


def city(stadtteile, quartiere_je):
    for i in range(stadtteile):
        stadtteil = StadtteilFactory(name=f"Teil {i:02d}", slug=f"teil-{i:02d}")
        for j in range(quartiere_je):
            QuartierFactory(name=f"Q {i:02d}-{j}", slug=f"q-{i:02d}-{j}", stadtteil=stadtteil)


def test_fachstelle_sees_stadtteile_a_page_at_a_time(client_as):
    city(dashboard.STADTTEILE_SHOWN + 3, 2)
    client = client_as(Role.FACHSTELLE)
    first = section(client.get(START), "aktivitaet")
    assert first.count('<th scope="row"') == dashboard.STADTTEILE_SHOWN
    assert "Teil 00" in first and "Teil 12" not in first
    assert "Q 00-0" not in first  # Quartiere are folded into their Stadtteil
    assert "Seite 1 von 2" in first
    assert 'href="?stadtteile=2#aktivitaet"' in first
    second = section(client.get(START, {"stadtteile": 2}), "aktivitaet")
    assert second.count('<th scope="row"') == 3
    assert "Teil 12" in second and "Teil 00" not in second


def test_stadtteil_row_counts_quartiere_activity_and_quartiere_without(client_as):
    stadtteil = StadtteilFactory(name="Nordteil")
    aktiv = QuartierFactory(stadtteil=stadtteil)
    QuartierFactory(stadtteil=stadtteil)
    today = timezone.localdate()
    AktivitaetFactory.create_batch(3, quartier=aktiv, datum=today)
    AktivitaetFactory(quartier=aktiv, datum=today - datetime.timedelta(days=120))
    html = section(client_as(Role.FACHSTELLE).get(START), "aktivitaet")
    assert re.search(
        r"Nordteil</a></th>\s*<td[^>]*>2</td>\s*<td[^>]*>3</td>\s*<td[^>]*>1</td>", html
    )


def test_page_size_does_not_grow_with_the_city(client_as):
    city(dashboard.STADTTEILE_SHOWN, 1)
    client = client_as(Role.FACHSTELLE)
    small = len(client.get(START).content)
    city_more = dashboard.STADTTEILE_SHOWN * 3
    for i in range(city_more):
        stadtteil = StadtteilFactory(name=f"Weitere {i:02d}")
        for j in range(3):
            QuartierFactory(name=f"W {i:02d}-{j}", stadtteil=stadtteil)
    large = client.get(START)
    # Many more Quartiere, none coordinated: the rendered rows stay capped.
    assert section(large, "aktivitaet").count('<th scope="row"') == dashboard.STADTTEILE_SHOWN
    assert section(large, "ohne-koordination").count('<th scope="row"') == dashboard.SHOWN
    assert len(large.content) < small * 1.3


def test_quartiere_without_koordination_link_to_the_full_filtered_list(client_as):
    city(1, dashboard.SHOWN + 2)
    html = section(client_as(Role.FACHSTELLE).get(START), "ohne-koordination")
    assert f"{dashboard.SHOWN + 2} Quartiere haben heute keine Koordination" in html
    assert 'href="/quartiere/?ohne_koordination=on"' in html
    listed = client_as(Role.FACHSTELLE).get("/quartiere/", {"ohne_koordination": "on"})
    assert listed.context["page"].paginator.count == dashboard.SHOWN + 2


def test_koordination_map_shading_covers_only_their_quartiere(client_as, koordination):
    own = QuartierFactory(slug="eigenes")
    QuartierFactory(slug="fremdes")
    KoordinationFactory(quartier=own, user=koordination, von=datetime.date(2024, 1, 1))
    AktivitaetFactory(quartier=own, datum=timezone.localdate())
    shading = client_as(Role.KOORDINATION).get(KARTE).json()
    assert shading == {"eigenes": {"anzahl": 1, "stufe": "gering", "label": "gering"}}


@pytest.mark.parametrize("role", [Role.VERWALTUNG, Role.PARTNER])
def test_map_shading_is_for_fachstelle_and_koordination_only(client_as, role):
    QuartierFactory()
    assert client_as(role).get(KARTE).status_code == 403
    assert client_as(None).get(KARTE).status_code == 302
