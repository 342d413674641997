"""The gap analysis pages: matrix, cell page and CSV through the test client, per role."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gwa_portal.core.models import Role
from netzwerk.models import Angebot
from quartiere.models import Bedarf, Quartier

from ..factories import (
    AkteurFactory,
    AngebotFactory,
    BedarfFactory,
    HandlungsfeldFactory,
    QuartierFactory,
    StadtteilFactory,
    ZielgruppeFactory,
)
from . import luecken_data

MATRIX = reverse("cockpit:luecken")
ZELLE = reverse("cockpit:luecken_zelle")
CSV = reverse("cockpit:luecken_csv")
INTERNAL_ROLES = [Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG]


@pytest.fixture
def data(db):
    return luecken_data.build()


def main(response):
    return re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group(0)


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def cell_html(html, quartier, spalte):
    """The <td> of the matrix cell whose link names `quartier, spalte`."""
    for td in re.findall(r"<td\b.*?</td>", html, re.S):
        if f"{quartier}, {spalte}:" in td:
            return td
    raise AssertionError(f"no cell {quartier} × {spalte}")


def csv_rows(response):
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return [line.split(";") for line in content.lstrip("\ufeff").splitlines()]


# --- permissions ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", INTERNAL_ROLES)
@pytest.mark.parametrize("url", [MATRIX, CSV])
def test_internal_roles_read_the_matrix_and_its_csv(client_as, data, role, url):
    response = client_as(role).get(url)
    assert response.status_code == 200
    if url == MATRIX:
        assert "Wiesenau, Integration:" in main(response)
    else:
        header, *rows = csv_rows(response)
        assert header[:3] == ["Matrix", "Quartier", "Kurzname"]
        assert len(rows) == 2 * 4 + 2 * 6


@pytest.mark.parametrize("role", INTERNAL_ROLES)
def test_internal_roles_read_a_cell(client_as, data, role):
    url = f"{ZELLE}?quartier=wiesenau&handlungsfeld={data.hf.integration.pk}"
    response = client_as(role).get(url)
    assert response.status_code == 200
    assert reverse("netzwerk:angebot_detail", args=[data.angebote.a1.pk]) in main(response)


@pytest.mark.parametrize(
    "url", [MATRIX, CSV, f"{ZELLE}?quartier=wiesenau&zielgruppe=1", f"{MATRIX}?schwelle=99"]
)
def test_partner_is_denied_and_anonymous_sent_to_login(client_as, data, url):
    assert client_as(Role.PARTNER).get(url).status_code == 403
    response = client_as(None).get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_navigation_leads_internal_users_to_the_gap_analysis_in_two_clicks(client_as, data):
    """Navigation entry „Auswertung“, then the gap analysis card on that hub page."""
    for role in INTERNAL_ROLES:
        client = client_as(role)
        nav = {
            item["label"]: item["url"] for item in client.get(reverse("start")).context["main_nav"]
        }
        assert f'href="{MATRIX}"' in main(client.get(nav["Auswertung"])), role
    for role in [Role.PARTNER, None]:
        start = client_as(role).get(reverse("start"))
        assert "Auswertung" not in [item["label"] for item in start.context["main_nav"]]
        assert f'href="{MATRIX}"' not in start.content.decode()


# --- matrix page ---------------------------------------------------------------------------


def test_matrix_shows_counts_gaps_and_parallel_structures(client_as, data):
    html = main(client_as(Role.VERWALTUNG).get(MATRIX))
    gap = cell_html(html, "Wiesenau", "Demografischer Wandel")
    assert "0 Angebote · 1 Bedarf" in text(gap)
    assert "Lücke" in text(gap) and "portal-luecken__zelle--luecke" in gap
    parallel = cell_html(html, "Wiesenau", "Integration")
    assert "3 Angebote · 1 Bedarf" in text(parallel)
    assert "mögliche Parallelstruktur" in text(parallel)
    assert f"quartier=wiesenau&amp;handlungsfeld={data.hf.integration.pk}" in parallel
    plain = cell_html(html, "Kaltenweide Dorf", "Soziale Teilhabe")
    assert "2 Angebote · 1 Bedarf" in text(plain)
    assert "Parallelstruktur" not in text(plain) and "Lücke" not in text(plain)
    assert "Zugewanderte" in text(cell_html(html, "Wiesenau", "Zugewanderte"))
    assert html.count("<caption") == 2
    assert '<th scope="row" class="kern-table__cell">Summe</th>' in html
    assert "6 Angebote · 3 Bedarfe" in text(html)  # grand total of the Handlungsfeld matrix
    assert "Legende" in text(html)


def test_threshold_filter_two_marks_kaltenweide_too(client_as, data):
    html = main(client_as(Role.FACHSTELLE).get(MATRIX, {"schwelle": 2}))
    assert "mögliche Parallelstruktur" in text(
        cell_html(html, "Kaltenweide Dorf", "Soziale Teilhabe")
    )
    assert "mögliche Parallelstruktur" in text(cell_html(html, "Kaltenweide Dorf", "Familien"))
    # Cell links carry the threshold to the cell page.
    assert "schwelle=2" in cell_html(html, "Kaltenweide Dorf", "Familien")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"schwelle": 1}, "Bitte geben Sie eine ganze Zahl von 2 bis 10 ein."),
        ({"schwelle": 11}, "Bitte geben Sie eine ganze Zahl von 2 bis 10 ein."),
        ({"schwelle": "drei"}, "Bitte geben Sie eine ganze Zahl von 2 bis 10 ein."),
        ({"stadtteil": "gibt-es-nicht"}, "Bitte wählen Sie einen Stadtteil aus der Liste."),
        ({"handlungsfelder": "999999"}, "Bitte wählen Sie Handlungsfelder aus der Liste."),
    ],
)
def test_bad_filter_shows_a_german_error_with_status_400(client_as, data, params, message):
    for url in (MATRIX, CSV):
        response = client_as(Role.KOORDINATION).get(url, params)
        assert response.status_code == 400
        assert message in response.content.decode()
        assert "<table" not in main(response)


def test_stadtteil_and_typology_filters_choose_the_rows(client_as, data):
    html = main(client_as(Role.FACHSTELLE).get(MATRIX, {"stadtteil": "mitte"}))
    assert "Wiesenau" in html and "Kaltenweide Dorf" not in html
    html = main(client_as(Role.FACHSTELLE).get(MATRIX, {"typologie": "doerflich"}))
    assert "Kaltenweide Dorf" in html and "Wiesenau" not in html


def test_subset_filter_chooses_the_columns(client_as, data):
    html = main(
        client_as(Role.FACHSTELLE).get(
            MATRIX,
            {"handlungsfelder": [data.hf.integration.pk], "zielgruppen": [data.zg.familien.pk]},
        )
    )
    headers = re.findall(r'<th scope="col" class="kern-table__header">([^<]+)', html)
    assert headers == ["Quartier", "Integration", "Summe", "Quartier", "Familien", "Summe"]
    # Zugewanderte is not chosen, so Integration in Wiesenau is no longer marked.
    assert "mögliche Parallelstruktur" not in text(cell_html(html, "Wiesenau", "Integration"))


def test_empty_state_without_quartiere(client_as, db):
    html = main(client_as(Role.FACHSTELLE).get(MATRIX))
    assert "Für diese Auswahl gibt es keine Quartiere." in html
    assert "<table" not in html


def test_empty_state_without_angebote_and_bedarfe(client_as, db):
    QuartierFactory(name="Leeres Quartier")
    html = main(client_as(Role.FACHSTELLE).get(MATRIX))
    assert "noch keine aktiven Angebote und keine offenen Bedarfe" in html
    assert "<table" not in html


# --- cell page -----------------------------------------------------------------------------


def test_cell_page_lists_exactly_the_items_of_the_cell(client_as, data):
    url = f"{ZELLE}?quartier=wiesenau&handlungsfeld={data.hf.integration.pk}"
    html = main(client_as(Role.KOORDINATION).get(url))
    a = data.angebote
    for angebot in (a.a1, a.a2, a.a3):
        assert reverse("netzwerk:angebot_detail", args=[angebot.pk]) in html
    for angebot in (a.a4, a.a5, a.a6, a.a7):
        assert reverse("netzwerk:angebot_detail", args=[angebot.pk]) not in html
    b = data.bedarfe
    assert reverse("quartiere:bedarf_detail", args=[b.b1.pk]) in html
    for bedarf in (b.b2, b.b3, b.b4, b.b5):
        assert reverse("quartiere:bedarf_detail", args=[bedarf.pk]) not in html
    assert "Integration · Zugewanderte: 3 Angebote" in text(html)
    assert "Integration · Familien" not in text(html)


def test_cell_page_by_zielgruppe_with_threshold_from_the_matrix(client_as, data):
    url = f"{ZELLE}?quartier=kaltenweide-dorf&zielgruppe={data.zg.familien.pk}&schwelle=2"
    html = main(client_as(Role.VERWALTUNG).get(url))
    assert "Zielgruppe Familien in Kaltenweide Dorf" in text(html)
    assert "Soziale Teilhabe · Familien: 2 Angebote" in text(html)
    assert "kein offenen Bedarf" not in text(html)
    assert "Hierfür gibt es in diesem Quartier keinen offenen Bedarf." in text(html)
    # The same cell at the default threshold 3 has no parallel structure.
    url = f"{ZELLE}?quartier=kaltenweide-dorf&zielgruppe={data.zg.familien.pk}"
    assert "Keine Kombination erreicht die Schwelle." in text(
        main(client_as(Role.VERWALTUNG).get(url))
    )


def test_gap_cell_page_says_so(client_as, data):
    url = f"{ZELLE}?quartier=wiesenau&zielgruppe={data.zg.aeltere.pk}"
    html = text(main(client_as(Role.FACHSTELLE).get(url)))
    assert "0 Angebote · 1 Bedarf" in html and "Lücke" in html
    assert "In diesem Quartier gibt es hierfür kein aktives Angebot." in html


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("", 400),
        ("?quartier=wiesenau", 400),
        ("?quartier=wiesenau&handlungsfeld=1&zielgruppe=1", 400),
        ("?quartier=wiesenau&handlungsfeld=abc", 400),
        ("?quartier=gibt-es-nicht&handlungsfeld=1", 404),
        ("?quartier=wiesenau&zielgruppe=999999", 404),
        ("?quartier=wiesenau&zielgruppe=1&schwelle=0", 400),
    ],
)
def test_cell_page_rejects_an_address_that_is_no_cell(client_as, data, query, status):
    assert client_as(Role.FACHSTELLE).get(ZELLE + query).status_code == status


# --- CSV -----------------------------------------------------------------------------------


def test_csv_has_one_row_per_quartier_and_column_of_both_matrices(client_as, data):
    response = client_as(Role.VERWALTUNG).get(CSV, {"schwelle": 2})
    assert response["Content-Disposition"].startswith('attachment; filename="lueckenanalyse-')
    header, *rows = csv_rows(response)
    assert header[:3] == ["Matrix", "Quartier", "Kurzname"]
    assert len(rows) == 2 * 4 + 2 * 6  # 2 Quartiere × 4 Handlungsfelder + × 6 Zielgruppen
    by_cell = {(r[0], r[2], r[5]): r for r in rows}
    assert by_cell[("Handlungsfeld", "wiesenau", "Integration")][6:] == [
        "3",
        "1",
        "nein",
        "ja",
        "Zugewanderte (3)",
        "2",
    ]
    assert by_cell[("Handlungsfeld", "wiesenau", "Demografischer Wandel")][6:10] == [
        "0",
        "1",
        "ja",
        "nein",
    ]
    assert by_cell[("Zielgruppe", "kaltenweide-dorf", "Familien")][6:11] == [
        "2",
        "0",
        "nein",
        "ja",
        "Soziale Teilhabe (2)",
    ]
    assert by_cell[("Zielgruppe", "kaltenweide-dorf", "Familien")][3:5] == [
        "Kaltenweide",
        "dörflich",
    ]


def test_csv_applies_the_filters_and_neutralises_formulas(client_as, data):
    QuartierFactory(name="=HYPERLINK(1)", slug="formel", stadtteil=data.mitte)
    response = client_as(Role.FACHSTELLE).get(
        CSV, {"stadtteil": "mitte", "handlungsfelder": [data.hf.integration.pk]}
    )
    _header, *rows = csv_rows(response)
    hf_rows = [r for r in rows if r[0] == "Handlungsfeld"]
    assert sorted(r[1] for r in hf_rows) == ["'=HYPERLINK(1)", "Wiesenau"]
    assert {r[5] for r in hf_rows} == {"Integration"}


# --- query counts --------------------------------------------------------------------------


def city(quartiere, angebote):
    """`quartiere` Quartiere with `angebote` Angebote (some inactive) and as many open Bedarfe.

    The first Quartier's cells for the first Handlungsfeld and Zielgruppe hold active Angebote,
    open Bedarfe and a triple of at least two Angebote at both sizes.
    """
    handlungsfelder = [HandlungsfeldFactory(name=n) for n in ("Integration", "Inklusion")]
    zielgruppen = [ZielgruppeFactory(name=n) for n in ("Familien", "Zugewanderte")]
    stadtteil = StadtteilFactory()
    akteur = AkteurFactory()
    qs = [QuartierFactory(stadtteil=stadtteil) for _ in range(quartiere)]
    for i in range(angebote):
        AngebotFactory(
            quartier=qs[i % quartiere],
            akteur=akteur,
            aktiv=i % 7 != 3,
            handlungsfelder=[handlungsfelder[i % 2]],
            zielgruppen=zielgruppen[: 1 + i % 2],
        )
        BedarfFactory(
            quartier=qs[i % quartiere],
            handlungsfeld=handlungsfelder[(i // 2) % 2],
            zielgruppen=[zielgruppen[i % 2]],
        )
    return qs[0], handlungsfelder[0], zielgruppen[0]


def count_queries(client, urls):
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
            assert response.status_code == 200, url
            if response.streaming:
                b"".join(response.streaming_content)
        counts.append(len(ctx))
        if url.startswith(ZELLE):
            # The measured cell pages are not empty: Angebote, Bedarfe and (at 2) a triple.
            html = main(response)
            assert "/netzwerk/angebote/" in html and "/quartiere/bedarfe/" in html, url
            if "schwelle=2" in url:
                assert "Keine Kombination erreicht die Schwelle." not in html
    return counts


def urls_for(quartier, handlungsfeld, zielgruppe):
    return [
        MATRIX,
        f"{MATRIX}?schwelle=2&typologie=urban",
        CSV,
        f"{ZELLE}?quartier={quartier.slug}&handlungsfeld={handlungsfeld.pk}&schwelle=2",
        f"{ZELLE}?quartier={quartier.slug}&zielgruppe={zielgruppe.pk}",
    ]


def test_query_counts_do_not_grow_with_the_data(client_as, db, django_assert_max_num_queries):
    client = client_as(Role.FACHSTELLE)
    small = count_queries(client, urls_for(*city(3, 10)))
    Angebot.objects.all().delete()
    Bedarf.objects.all().delete()
    Quartier.objects.all().delete()
    large = count_queries(client, urls_for(*city(40, 300)))
    assert small == large
    with django_assert_max_num_queries(25):
        client.get(MATRIX)
