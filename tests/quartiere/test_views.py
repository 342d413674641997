"""The Quartiere overview, /quartiere.geojson and the Quartier page: public visitors see no internal data."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from gwa_portal.core.models import Role
from quartiere.models import Aktivitaet, Bedarf, Massnahme, Merkmal, Quartier
from quartiere.views.uebersicht import last_months

from ..factories import (
    AktivitaetFactory,
    BedarfFactory,
    KennzahlFactory,
    KoordinationFactory,
    MassnahmeFactory,
    QuartierFactory,
    StadtteilFactory,
    UserFactory,
)

INDEX = reverse("quartiere:index")
GEOJSON = reverse("quartiere_geojson")


def page_of(quartier):
    return reverse("quartiere:detail", args=[quartier.slug])


def body(response):
    assert response.status_code == 200
    return response.content.decode()


def main(response):
    """Only the page's own content, without navigation and footer."""
    return re.search(r"<main\b.*?</main>", body(response), re.S).group(0)


def bulk_aktivitaeten(quartier, autor, count, *, start=None):
    """`count` Aktivitäten, one per day back from `start`, in one INSERT."""
    start = start or timezone.localdate()
    Aktivitaet.objects.bulk_create(
        Aktivitaet(
            quartier=quartier,
            autor=autor,
            datum=start - datetime.timedelta(days=i),
            art=Aktivitaet.Art.TREFFEN,
            kurzbeschreibung=f"Massenaktivität {i}",
            teilnehmende=5,
            stunden=Decimal("1.5"),
        )
        for i in range(count)
    )


# --- /quartiere.geojson ------------------------------------------------------------------


def test_geojson_lists_quartiere_with_a_boundary_and_only_public_properties(client, koordination):
    mit = QuartierFactory(name="Wiesenau", typologie=Quartier.Typologie.DOERFLICH)
    QuartierFactory(name="Ohne Grenze", grenze=None)
    KoordinationFactory(quartier=mit, user=koordination)
    BedarfFactory(quartier=mit, titel="Geheimer Bedarf")

    response = client.get(GEOJSON)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["name"] for f in data["features"]] == ["Wiesenau"]
    feature = data["features"][0]
    assert feature["geometry"]["type"] == "Polygon"
    properties = feature["properties"]
    assert set(properties) == {
        "name",
        "slug",
        "url",
        "stadtteil",
        "typologie",
        "grenze_vereinfacht",
        "label_point",
    }
    assert properties["url"] == "/quartiere/wiesenau/"
    assert properties["stadtteil"] == mit.stadtteil.name
    assert properties["typologie"] == "dörflich"
    lon, lat = properties["label_point"]
    ring = feature["geometry"]["coordinates"][0]
    assert min(p[0] for p in ring) < lon < max(p[0] for p in ring)
    assert min(p[1] for p in ring) < lat < max(p[1] for p in ring)
    text = response.content.decode()
    assert koordination.name not in text
    assert "Geheimer Bedarf" not in text


def test_geojson_unwraps_a_stored_feature(client, db):
    quartier = QuartierFactory()
    quartier.grenze = {"type": "Feature", "properties": {}, "geometry": quartier.grenze}
    quartier.save()
    feature = json.loads(client.get(GEOJSON).content)["features"][0]
    assert feature["geometry"]["type"] == "Polygon"


def test_geojson_needs_the_same_queries_for_few_and_many_quartiere(
    client, db, django_assert_max_num_queries
):
    QuartierFactory()
    with django_assert_max_num_queries(2) as few:
        client.get(GEOJSON)
    QuartierFactory.create_batch(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        data = json.loads(client.get(GEOJSON).content)
    assert len(data["features"]) == 21


# --- the overview -------------------------------------------------------------------------


def test_overview_shows_map_container_with_settings_and_text_alternative(client, db, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Beispiel-Karten"
    QuartierFactory(name="Brink")
    html = body(client.get(INDEX))
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert 'data-tile-attribution="© Beispiel-Karten"' in html
    assert f'data-geojson-url="{GEOJSON}"' in html
    assert 'aria-label="Karte der Quartiere"' in html
    assert "Die Liste unter der Karte enthält dieselben Angaben." in html
    # The map is an enhancement: hidden until karte.js runs, and no inline script or style.
    assert re.search(r"<section[^>]*hidden[^>]*data-karte", html)
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\sstyle=", html)
    assert "Brink" in html


def test_anonymous_overview_hides_coordinators_and_bedarfe(client, koordination):
    quartier = QuartierFactory(name="Wiesenau", koordination_oeffentlich=False)
    KoordinationFactory(quartier=quartier, user=koordination)
    BedarfFactory(quartier=quartier)
    html = body(client.get(INDEX))
    assert "Wiesenau" in html
    assert koordination.name not in html
    assert "Koordinator:in" not in html
    assert "offenen Bedarfen" not in html
    assert "Offene Bedarfe" not in html


def test_anonymous_cannot_filter_by_coordinator(client, koordination):
    coordinated = QuartierFactory(name="Wiesenau")
    QuartierFactory(name="Brink")
    KoordinationFactory(quartier=coordinated, user=koordination)
    html = body(client.get(INDEX, {"koordination": koordination.pk, "offene_bedarfe": "on"}))
    assert "Wiesenau" in html
    assert "Brink" in html


def test_internal_overview_shows_coordinators_bedarfe_and_recent_activity(client_as, koordination):
    wiesenau = QuartierFactory(name="Wiesenau")
    QuartierFactory(name="Brink")
    KoordinationFactory(quartier=wiesenau, user=koordination)
    KoordinationFactory(
        quartier=wiesenau,
        user=UserFactory(name="Ehemalige Kollegin"),
        von=datetime.date(2020, 1, 1),
        bis=datetime.date(2022, 1, 1),
    )
    BedarfFactory(quartier=wiesenau)
    AktivitaetFactory(quartier=wiesenau, datum=timezone.localdate())
    AktivitaetFactory(quartier=wiesenau, datum=timezone.localdate() - datetime.timedelta(days=800))

    html = body(client_as(Role.VERWALTUNG).get(INDEX))

    row = re.search(r"<tr[^>]*>\s*<th[^>]*><a[^>]*>Wiesenau</a>.*?</tr>", html, re.S).group(0)
    assert koordination.name in row
    assert "Ehemalige Kollegin" not in row
    assert ">ja<" in row
    assert re.search(r">1</td>", row)
    brink = re.search(r"<tr[^>]*>\s*<th[^>]*><a[^>]*>Brink</a>.*?</tr>", html, re.S).group(0)
    assert "keine" in brink and ">nein<" in brink
    assert "Koordinator:in" in html
    assert "nur Quartiere mit offenen Bedarfen" in html


def test_overview_filters_by_stadtteil_and_typologie(client, db):
    nord = StadtteilFactory(name="Nord")
    QuartierFactory(name="Nordquartier", stadtteil=nord, typologie=Quartier.Typologie.URBAN)
    QuartierFactory(name="Dorfquartier", stadtteil=nord, typologie=Quartier.Typologie.DOERFLICH)
    QuartierFactory(name="Südquartier")

    html = body(client.get(INDEX, {"stadtteil": nord.slug}))
    assert "Nordquartier" in html and "Dorfquartier" in html
    assert "Südquartier" not in html

    html = body(client.get(INDEX, {"stadtteil": nord.slug, "typologie": "doerflich"}))
    assert "Dorfquartier" in html
    assert "Nordquartier" not in html


def test_internal_users_filter_by_current_coordinator_and_open_bedarfe(client_as, koordination):
    own = QuartierFactory(name="Eigenes")
    formerly_own = QuartierFactory(name="Früheres")
    other = QuartierFactory(name="Anderes")
    KoordinationFactory(quartier=own, user=koordination)
    KoordinationFactory(
        quartier=formerly_own,
        user=koordination,
        von=datetime.date(2020, 1, 1),
        bis=datetime.date(2021, 1, 1),
    )
    BedarfFactory(quartier=other, status=Bedarf.Status.IN_BEARBEITUNG)
    BedarfFactory(quartier=formerly_own, status=Bedarf.Status.ERLEDIGT)
    client = client_as(Role.FACHSTELLE)

    html = body(client.get(INDEX, {"koordination": koordination.pk}))
    assert "Eigenes" in html
    assert "Früheres" not in html and "Anderes" not in html

    html = body(client.get(INDEX, {"offene_bedarfe": "on"}))
    assert "Anderes" in html
    assert "Eigenes" not in html and "Früheres" not in html


def test_coordinator_filter_searches_only_current_coordinators(client_as, koordination):
    frueher = KoordinationFactory(
        user=UserFactory(name="Nicht mehr dabei"),
        von=datetime.date(2020, 1, 1),
        bis=datetime.date(2021, 1, 1),
    )
    heute = KoordinationFactory(user=koordination)
    client = client_as(Role.KOORDINATION)
    html = body(client.get(INDEX))
    assert '<select name="koordination"' not in html  # no select that grows with the staff
    found = client.get(INDEX, {"koordination_name": koordination.name[:6]})
    assert list(found.context["page"].object_list) == [heute.quartier]
    gone = client.get(INDEX, {"koordination_name": "Nicht mehr"})
    assert frueher.quartier not in gone.context["page"].object_list


def test_overview_empty_states(client, db):
    assert "Es sind noch keine Quartiere angelegt." in body(client.get(INDEX))
    QuartierFactory(typologie=Quartier.Typologie.URBAN)
    html = body(client.get(INDEX, {"typologie": "doerflich"}))
    assert "Keine Quartiere gefunden. Passen Sie die Filter an." in html


def test_overview_is_paginated_and_keeps_filters(client, db, settings):
    settings.GWA_PAGE_SIZE = 5
    QuartierFactory.create_batch(7, typologie=Quartier.Typologie.SUBURBAN)
    QuartierFactory(typologie=Quartier.Typologie.URBAN)
    html = body(client.get(INDEX, {"typologie": "suburban"}))
    assert "Seite 1 von 2" in html
    assert "typologie=suburban&amp;page=2" in html
    html = body(client.get(INDEX, {"typologie": "suburban", "page": 2}))
    assert html.count('<th scope="row"') == 2


@pytest.mark.parametrize(
    ("role", "visible", "hidden"),
    [
        (
            Role.FACHSTELLE,
            [
                "Quartier anlegen",
                "Stadtteile",
                "Handlungsfelder",
                "Zielgruppen",
                "Kennzahlen",
                "Aktivitäten",
                "Bedarfe",
                "Maßnahmen",
                "Aktivität erfassen",
            ],
            [],
        ),
        (
            Role.KOORDINATION,
            ["Aktivitäten", "Bedarfe", "Maßnahmen", "Aktivität erfassen"],
            ["Quartier anlegen", "Handlungsfelder", "Zielgruppen"],
        ),
        (
            Role.VERWALTUNG,
            ["Aktivitäten", "Bedarfe", "Maßnahmen"],
            ["Quartier anlegen", "Handlungsfelder", "Aktivität erfassen"],
        ),
        (
            Role.PARTNER,
            [],
            [
                "Quartier anlegen",
                "Handlungsfelder",
                "Aktivität erfassen",
                ">Aktivitäten<",
                ">Bedarfe<",
            ],
        ),
        (
            None,
            [],
            [
                "Quartier anlegen",
                "Handlungsfelder",
                "Aktivität erfassen",
                ">Aktivitäten<",
                ">Bedarfe<",
            ],
        ),
    ],
)
def test_overview_links_follow_the_rules(client_as, role, visible, hidden):
    html = main(client_as(role).get(INDEX))
    for text in visible:
        assert text in html, text
    for text in hidden:
        assert text not in html, text


@pytest.mark.parametrize("role", [None, Role.FACHSTELLE])
def test_overview_needs_the_same_queries_for_small_and_large_data(
    client_as, role, koordination, django_assert_max_num_queries
):
    client = client_as(role)
    quartier = QuartierFactory()
    KoordinationFactory(quartier=quartier, user=koordination)
    bulk_aktivitaeten(quartier, koordination, 10)
    with django_assert_max_num_queries(30) as small:
        body(client.get(INDEX))

    for q in QuartierFactory.create_batch(30):
        KoordinationFactory(quartier=q)
        BedarfFactory(quartier=q)
        bulk_aktivitaeten(q, koordination, 30)
    bulk_aktivitaeten(quartier, koordination, 1000)
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = body(client.get(INDEX))
    assert "Seite 1 von 2" in html


# --- the Quartier page: public -----------------------------------------------------------


@pytest.fixture
def quartier_with_internals(koordination, make_user):
    """A Quartier with internal data of every kind and one public Maßnahme."""
    quartier = QuartierFactory(
        name="Wiesenau",
        beschreibung="Südlich der A2.",
        kontakt_oeffentlich="Quartiersbüro Wiesenau, Tel. 0511 000",
        schwerpunkte="Nachbarschaft und Integration",
    )
    KoordinationFactory(quartier=quartier, user=koordination)
    KoordinationFactory(
        quartier=quartier,
        user=make_user(Role.KOORDINATION, name="Hanna Früher"),
        von=datetime.date(2020, 1, 1),
        bis=datetime.date(2022, 12, 31),
    )
    AktivitaetFactory(
        quartier=quartier,
        autor=koordination,
        datum=timezone.localdate(),
        kurzbeschreibung="Vertrauliches Beratungsgespräch",
    )
    BedarfFactory(quartier=quartier, titel="Geheimer Bedarf an Sprachkursen")
    MassnahmeFactory(quartiere=[quartier], titel="Interne Planung Spielplatz", oeffentlich=False)
    MassnahmeFactory(
        quartiere=[quartier],
        titel="Nachbarschaftsfest im Park",
        beschreibung="Jeden Sommer.",
        oeffentlich=True,
    )
    KennzahlFactory(quartier=quartier, merkmal=Merkmal.TRANSFERQUOTE, jahr=2023, wert="18.5")
    return quartier


@pytest.mark.parametrize("role", [None, Role.PARTNER])
def test_public_page_shows_no_internal_data(client_as, role, koordination, quartier_with_internals):
    response = client_as(role).get(page_of(quartier_with_internals))
    html = main(response)

    assert "Südlich der A2." in html
    assert "Nachbarschaft und Integration" in html
    assert "Quartiersbüro Wiesenau, Tel. 0511 000" in html
    assert "Nachbarschaftsfest im Park" in html
    assert "Jeden Sommer." in html
    for secret in [
        koordination.name,
        "Hanna Früher",
        "Vertrauliches Beratungsgespräch",
        "Geheimer Bedarf an Sprachkursen",
        "Interne Planung Spielplatz",
        "18,5",
        "Kennzahlen",
        "Aktivitäten",
        "Aktivität erfassen",
        "Bearbeiten",
    ]:
        assert secret not in html, secret
    # Public Maßnahmen are not linked to the internal detail page.
    assert "/quartiere/massnahmen/" not in html
    full = body(response)
    for secret in [koordination.name, "Vertrauliches", "Geheimer Bedarf", "Interne Planung"]:
        assert secret not in full, secret


def test_public_page_names_current_coordinators_only_when_published(
    client, koordination, quartier_with_internals
):
    quartier_with_internals.koordination_oeffentlich = True
    quartier_with_internals.save()
    html = body(client.get(page_of(quartier_with_internals)))
    assert koordination.name in html
    assert "Hanna Früher" not in html
    assert "seit" not in html


def test_public_page_empty_states(client, db):
    quartier = QuartierFactory(kontakt_oeffentlich="")
    html = main(client.get(page_of(quartier)))
    assert "Für dieses Quartier ist noch kein Kontakt angegeben." in html
    assert "Zurzeit sind keine Maßnahmen veröffentlicht." in html
    assert "Koordination" not in html


def test_unknown_quartier_is_404(client, db):
    assert client.get(reverse("quartiere:detail", args=["gibt-es-nicht"])).status_code == 404


# --- the Quartier page: internal ---------------------------------------------------------


def test_internal_page_shows_everything(client_as, koordination, quartier_with_internals):
    quartier = quartier_with_internals
    html = body(client_as(Role.VERWALTUNG).get(page_of(quartier)))

    assert koordination.name in html
    assert "Hanna Früher (01.01.2020–31.12.2022)" in html
    assert "Vertrauliches Beratungsgespräch" in html
    aktivitaet = Aktivitaet.objects.get(kurzbeschreibung="Vertrauliches Beratungsgespräch")
    assert reverse("quartiere:aktivitaet_detail", args=[aktivitaet.pk]) in html
    bedarf = Bedarf.objects.get(titel="Geheimer Bedarf an Sprachkursen")
    assert reverse("quartiere:bedarf_detail", args=[bedarf.pk]) in html
    assert "mittel" in html  # priority
    for massnahme in Massnahme.objects.all():
        assert reverse("quartiere:massnahme_detail", args=[massnahme.pk]) in html
    assert "nur intern" in html
    assert "18,5\u00a0%" in html
    assert "Transferleistungsquote (%)" in html
    assert f"{reverse('quartiere:aktivitaet_list')}?quartier={quartier.slug}" in html


def test_internal_page_lists_the_ten_latest_activities(client_as, koordination, db):
    quartier = QuartierFactory()
    today = timezone.localdate()
    for days in range(12):
        AktivitaetFactory(
            quartier=quartier,
            autor=koordination,
            datum=today - datetime.timedelta(days=days),
            kurzbeschreibung=f"Eintrag vor {days:02d} Tagen",
        )
    html = body(client_as(Role.KOORDINATION).get(page_of(quartier)))
    assert "Eintrag vor 00 Tagen" in html
    assert "Eintrag vor 09 Tagen" in html
    assert "Eintrag vor 10 Tagen" not in html
    assert html.index("Eintrag vor 00 Tagen") < html.index("Eintrag vor 09 Tagen")
    assert koordination.name in html


def test_monthly_counts_cover_twelve_months_with_zeros(client_as, koordination, db):
    quartier = QuartierFactory()
    today = timezone.localdate()
    months = last_months(today)
    AktivitaetFactory(quartier=quartier, datum=today)
    AktivitaetFactory(quartier=quartier, datum=today.replace(day=1))
    AktivitaetFactory(quartier=quartier, datum=months[0])
    AktivitaetFactory(quartier=quartier, datum=months[0] - datetime.timedelta(days=1))
    html = body(client_as(Role.FACHSTELLE).get(page_of(quartier)))

    table = re.search(
        r"<caption[^>]*>Aktivitäten pro Monat: Werte als Tabelle</caption>(.*?)</table>", html, re.S
    ).group(1)
    rows = re.findall(r'<th scope="row"[^>]*>([^<]+)</th>\s*<td[^>]*>(\d+)</td>', table)
    assert len(rows) == 12
    counts = [int(n) for _month, n in rows]
    assert counts[-1] == 2
    assert counts[0] == 1
    assert counts[1:-1] == [0] * 10
    assert "3 Aktivitäten" in html


def test_kennzahlen_show_as_chart_and_table_per_merkmal(client_as, db):
    quartier = QuartierFactory()
    for jahr, wert in [(2022, 4200), (2023, 4215)]:
        KennzahlFactory(quartier=quartier, merkmal=Merkmal.EINWOHNER, jahr=jahr, wert=wert)
    KennzahlFactory(quartier=quartier, merkmal=Merkmal.ANTEIL_NICHTDEUTSCH, jahr=2023, wert="24.5")
    html = body(client_as(Role.KOORDINATION).get(page_of(quartier)))
    assert html.count('role="img"') == 3  # two Kennzahlen charts and the activity chart
    assert "4.215" in html
    assert "24,5\u00a0%" in html
    assert ">2022</th>" in html


@pytest.mark.parametrize(
    ("who", "edit_links", "fachstelle_links"),
    [
        ("fachstelle", True, True),
        ("own_koordination", True, False),
        ("other_koordination", False, False),
        ("verwaltung", False, False),
    ],
)
def test_action_links_follow_the_rules(client, users, make_user, who, edit_links, fachstelle_links):
    quartier = QuartierFactory(slug="wiesenau", name="Wiesenau")
    KoordinationFactory(quartier=quartier, user=users[Role.KOORDINATION])
    user = {
        "fachstelle": users[Role.FACHSTELLE],
        "own_koordination": users[Role.KOORDINATION],
        "other_koordination": make_user(Role.KOORDINATION),
        "verwaltung": users[Role.VERWALTUNG],
    }[who]
    client.force_login(user)
    html = body(client.get(page_of(quartier)))
    for url in ["aktivitaet_create", "bedarf_create", "massnahme_create"]:
        assert (f'{reverse("quartiere:" + url)}?quartier=wiesenau"' in html) is edit_links
    for url in ["quartier_edit", "quartier_delete", "koordination"]:
        assert (reverse("quartiere:" + url, args=["wiesenau"]) in html) is fachstelle_links


def test_internal_page_empty_states(client_as, db):
    quartier = QuartierFactory()
    html = body(client_as(Role.FACHSTELLE).get(page_of(quartier)))
    assert "Derzeit ist keine Koordination zugeordnet." in html
    assert "Keine früheren Koordinator:innen." in html
    assert "Für dieses Quartier ist noch keine Aktivität erfasst." in html
    assert "Für dieses Quartier gibt es keine offenen Bedarfe." in html
    assert "Für dieses Quartier gibt es noch keine Maßnahmen." in html
    assert "Für dieses Quartier sind noch keine Kennzahlen erfasst." in html


def test_closed_bedarfe_are_not_listed_as_open(client_as, db):
    quartier = QuartierFactory()
    BedarfFactory(quartier=quartier, titel="Erledigter Bedarf", status=Bedarf.Status.ERLEDIGT)
    BedarfFactory(quartier=quartier, titel="Laufender Bedarf", status=Bedarf.Status.IN_BEARBEITUNG)
    html = body(client_as(Role.VERWALTUNG).get(page_of(quartier)))
    assert "Laufender Bedarf" in html
    assert "Erledigter Bedarf" not in html


def test_page_keeps_the_extension_block_and_no_inline_script_or_style(client_as, db):
    quartier = QuartierFactory()
    html = body(client_as(Role.FACHSTELLE).get(page_of(quartier)))
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\sstyle=", html)


@pytest.mark.parametrize("role", [None, Role.KOORDINATION])
def test_quartier_page_needs_the_same_queries_at_10_and_1000_activities(
    client_as, role, koordination, django_assert_max_num_queries
):
    client = client_as(role)
    quartier = QuartierFactory()
    KoordinationFactory(quartier=quartier, user=koordination)
    for merkmal in Merkmal:
        KennzahlFactory(quartier=quartier, merkmal=merkmal, jahr=2023, wert=10)
    BedarfFactory(quartier=quartier)
    MassnahmeFactory(quartiere=[quartier], oeffentlich=True)
    bulk_aktivitaeten(quartier, koordination, 10)
    with django_assert_max_num_queries(30) as ten:
        body(client.get(page_of(quartier)))

    bulk_aktivitaeten(
        quartier, koordination, 990, start=timezone.localdate() - datetime.timedelta(days=10)
    )
    BedarfFactory.create_batch(20, quartier=quartier)
    for q in [quartier] * 20:
        MassnahmeFactory(quartiere=[q], oeffentlich=True)
    for jahr in range(2000, 2023):
        KennzahlFactory(quartier=quartier, merkmal=Merkmal.EINWOHNER, jahr=jahr, wert=jahr)
    assert Aktivitaet.objects.filter(quartier=quartier).count() == 1000
    with django_assert_max_num_queries(len(ten.captured_queries)):
        html = body(client.get(page_of(quartier)))
    if role is not None:
        assert "Massenaktivität 0" in html


def test_last_months_cross_the_year_boundary():
    assert last_months(datetime.date(2025, 2, 10), 3) == [
        datetime.date(2024, 12, 1),
        datetime.date(2025, 1, 1),
        datetime.date(2025, 2, 1),
    ]
    assert len(last_months(datetime.date(2025, 12, 31))) == 12
