"""The Sachstandsbericht pages through the test client: form, print view, CSV and XLSX, per role."""

import datetime
import io
import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from befragung.models import Antwort, Befragung
from cockpit.bericht import befragungen
from gwa_portal.core.models import Role

from ..factories import MassnahmeFactory
from . import bericht_data

FORM = reverse("cockpit:bericht")
ANSICHT = reverse("cockpit:bericht_ansicht")
CSV = reverse("cockpit:bericht_csv")
XLSX = reverse("cockpit:bericht_xlsx")
INTERNAL_ROLES = [Role.FACHSTELLE, Role.KOORDINATION, Role.VERWALTUNG]
JAHR_2024 = {"von": "2024-01-01", "bis": "2024-12-31"}


@pytest.fixture
def data(db):
    return bericht_data.build()


def main(response):
    return re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group(0)


def text(html):
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip())


def wiesenau_2024():
    return {**JAHR_2024, "quartiere": "wiesenau"}


SVG_NS = "{http://www.w3.org/2000/svg}"


def survey_charts(html):
    """The figures of section 5 (Befragungen), in order."""
    section = re.search(
        r'id="abschnitt-befragungen".*?id="abschnitt-massnahmen"', html, re.S
    ).group(0)
    return re.findall(r'<figure class="portal-chart\b.*?</figure>', section, re.S)


def svg_root(figure):
    svg = re.search(r"<svg\b.*?</svg>", figure, re.S).group(0)
    return ET.fromstring(svg)  # noqa: S314 - the portal's own markup


def csv_rows(response):
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return [line.split(";") for line in content.lstrip("\ufeff").splitlines()]


# --- permissions ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", INTERNAL_ROLES)
@pytest.mark.parametrize("url", [FORM, ANSICHT, CSV, XLSX])
def test_internal_roles_generate_the_report(client_as, data, role, url):
    response = client_as(role).get(url, JAHR_2024)
    assert response.status_code == 200
    if url == FORM:
        assert 'name="von"' in response.content.decode()
    elif url == ANSICHT:
        page = text(main(response))
        assert "Sachstandsbericht Gemeinwesenarbeit" in page
        assert "Zeitraum 01.01.2024 – 31.12.2024" in page
        assert "Aktivitäten 3 erreichte Teilnehmende" in page
    elif url == CSV:
        header, *rows = csv_rows(response)
        assert header == ["Abschnitt", "Zeile", "Kennzahl", "Wert"]
        assert ["Bericht", "Zeitraum von", "Wert", "01.01.2024"] in rows
        assert ["Bericht", "Zeitraum bis", "Wert", "31.12.2024"] in rows
        assert ["Aktivitäten", "Alle Aktivitäten", "Anzahl", "3"] in rows
        assert ["Aktivitäten", "Alle Aktivitäten", "Teilnehmende", "35"] in rows
    else:
        workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        assert workbook.sheetnames[:2] == ["Bericht", "Aktivitäten"]
        bericht = list(workbook["Bericht"].iter_rows(values_only=True))
        assert ("Zeitraum von", datetime.datetime(2024, 1, 1)) in bericht
        assert ("Zeitraum bis", datetime.datetime(2024, 12, 31)) in bericht
        assert ("Quartiere", "alle Quartiere") in bericht
        aktivitaeten = list(workbook["Aktivitäten"].iter_rows(values_only=True))
        assert any(35 in row for row in aktivitaeten), aktivitaeten


@pytest.mark.parametrize("url", [FORM, ANSICHT, CSV, XLSX])
def test_partner_may_not_generate_the_report(client_as, data, url):
    assert client_as(Role.PARTNER).get(url, JAHR_2024).status_code == 403


@pytest.mark.parametrize("url", [FORM, ANSICHT, CSV, XLSX])
def test_anonymous_users_are_sent_to_the_login(client_as, data, url):
    response = client_as(None).get(url, JAHR_2024)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_main_navigation_leads_internal_users_to_the_report_in_two_clicks(client_as):
    """Navigation entry „Auswertung“, then the report's card on that hub page."""
    for role in INTERNAL_ROLES:
        client = client_as(role)
        nav = {
            item["label"]: item["url"] for item in client.get(reverse("start")).context["main_nav"]
        }
        hub = client.get(nav["Auswertung"])
        assert hub.status_code == 200, role
        assert f'href="{FORM}"' in main(hub), role
    partner = client_as(Role.PARTNER).get(reverse("start"))
    assert "Auswertung" not in [item["label"] for item in partner.context["main_nav"]]
    assert f'href="{FORM}"' not in partner.content.decode()


# --- the form ------------------------------------------------------------------------------


def test_form_offers_year_presets_and_the_quartiere(client_as, data):
    html = main(client_as(Role.FACHSTELLE).get(FORM))
    last_year = timezone.localdate().year - 1  # the presets follow the clock
    assert f"Jahr {last_year}" in html
    assert f'href="{FORM}?von={last_year}-01-01&amp;bis={last_year}-12-31"' in html
    assert 'value="wiesenau"' in html and 'value="kaltenweide"' in html
    assert f'action="{ANSICHT}"' in html


def test_a_preset_link_fills_in_the_period(client_as, data):
    html = main(client_as(Role.FACHSTELLE).get(FORM, JAHR_2024))
    assert 'value="2024-01-01"' in html and 'value="2024-12-31"' in html


@pytest.mark.parametrize("url", [FORM, ANSICHT, CSV, XLSX])
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"von": "2024-12-31", "bis": "2024-01-01"}, "Das Ende darf nicht vor dem Beginn liegen."),
        (
            {"von": "2019-01-01", "bis": "2024-01-01"},
            "Der Zeitraum darf höchstens 5 Jahre umfassen.",
        ),
        ({"bis": "2024-01-01"}, "Bitte geben Sie den ersten Tag des Zeitraums an."),
        ({"von": "31.02.2024", "bis": "2024-03-01"}, "Bitte geben Sie ein gültiges Datum ein"),
        ({**JAHR_2024, "quartiere": "gibt-es-nicht"}, "Bitte wählen Sie Quartiere aus der Liste."),
    ],
)
def test_bad_input_is_a_400_with_a_german_message_at_the_field(
    client_as, data, url, params, message
):
    response = client_as(Role.KOORDINATION).get(url, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "kern-error" in response.content.decode()


def test_five_whole_years_are_allowed(client_as, data):
    params = {"von": "2020-01-01", "bis": "2024-12-31"}
    response = client_as(Role.FACHSTELLE).get(ANSICHT, params)
    assert response.status_code == 200
    assert "Zeitraum 01.01.2020 – 31.12.2024" in text(main(response))


# --- the print view ------------------------------------------------------------------------


def test_print_view_has_cover_contents_and_the_known_figures(client_as, data):
    html = main(client_as(Role.FACHSTELLE).get(ANSICHT, wiesenau_2024()))
    page = text(html)
    assert "Sachstandsbericht Gemeinwesenarbeit" in page
    assert "Zeitraum 01.01.2024 – 31.12.2024" in page
    assert "Quartiere Wiesenau" in page
    assert "Stadt Langenhagen – Fachstelle GWA" in page
    for anchor in ("aktivitaeten", "sitzungen", "fortbildungen", "befragungen", "massnahmen"):
        assert f'href="#abschnitt-{anchor}"' in html and f'id="abschnitt-{anchor}"' in html
    assert "Aktivitäten 2 erreichte Teilnehmende 15 Stunden 3,5" in page
    assert "Sitzungen 3 Teilnahmen 6 Teilnahmen je Sitzung 2,0 abgesagte Termine 1" in page
    assert "Fortbildungen 1 Teilnehmende 1 Fortbildungsstunden 3" in page
    # The whole survey (13 in 2024 and 2 in 2025), never a cut by day.
    assert "Rückmeldungen (ganze Befragung): 15" in page
    assert "unzufrieden nicht ausgewiesen" in page
    assert "zufrieden 6 40,0 %" in page
    assert "Stadtweite Gremien, Termine und Fortbildungen ohne Quartier" in page
    assert "Nachbarschaftscafé" in page and "Dorfladen" not in page
    assert html.count('class="portal-chart ') == 5 + 3  # sections 2, 3, 6 and 3 questions
    # Every chart has its values in one table inside its figure: the section's own table
    # (with more columns) is the chart's table, not a second copy of it.
    figures = re.findall(r'<figure class="portal-chart .*?</figure>', html, re.S)
    assert len(figures) == 5 + 3
    assert all(figure.count("<table") == 1 for figure in figures)
    handlungsfelder = next(f for f in figures if "Aktivitäten nach Handlungsfeld" in f)
    assert "Aktivitäten, Teilnehmende und Stunden nach Handlungsfeld" in handlungsfelder


def test_print_view_for_all_quartiere_includes_citywide_items(client_as, data):
    page = text(main(client_as(Role.VERWALTUNG).get(ANSICHT, JAHR_2024)))
    assert "alle Quartiere (einschließlich stadtweiter Angebote)" in page
    assert "Stadtweite Umfrage (stadtweit)" in page
    assert "Rückmeldungen (ganze Befragung): weniger als 5" in page
    assert "Moderation 1 2 6 12" in page


def test_print_view_loads_the_print_stylesheet_with_page_numbers(client_as, data):
    response = client_as(Role.FACHSTELLE).get(ANSICHT, JAHR_2024)
    assert "css/cockpit-bericht.css" in response.content.decode()
    css = Path(finders.find("css/cockpit-bericht.css")).read_text(encoding="utf-8")
    assert "counter(page)" in css and "@bottom-right" in css and "break-before: page" in css


def test_empty_period_shows_empty_states(client_as, data):
    params = {"von": "2020-01-01", "bis": "2020-12-31"}
    page = text(main(client_as(Role.FACHSTELLE).get(ANSICHT, params)))
    assert "Im Zeitraum gab es keine Fortbildungstermine." in page
    assert "Im Zeitraum lief keine Befragung für diese Quartiere." in page


def test_print_view_query_count_does_not_grow_with_the_data(client_as, data):
    client = client_as(Role.FACHSTELLE)
    with CaptureQueriesContext(connection) as small:
        response = client.get(ANSICHT, wiesenau_2024())
    assert response.status_code == 200
    assert len(survey_charts(main(response))) == 3
    added = bericht_data.build_more(data)
    with CaptureQueriesContext(connection) as large:
        response = client.get(ANSICHT, wiesenau_2024())
    assert response.status_code == 200
    # Two more questions per added survey, each with its chart, and not one query more.
    assert len(survey_charts(main(response))) == 3 + 2 * added
    assert len(large.captured_queries) == len(small.captured_queries)


def test_survey_section_has_a_chart_per_question_with_the_counts(client_as, data):
    charts = survey_charts(main(client_as(Role.FACHSTELLE).get(ANSICHT, wiesenau_2024())))
    captions = [re.search(r"<figcaption[^>]*>(.*?)</figcaption>", f).group(1) for f in charts]
    assert captions == ["Wie zufrieden?", "F3", "F4"]  # up to 3 questions of „Leben in Wiesenau“
    zufriedenheit = charts[0]
    root = svg_root(zufriedenheit)
    bars = root.findall(f"{SVG_NS}rect")
    assert len(bars) == 1  # only „zufrieden“ (6) has a bar; 5 and 2 are suppressed
    assert float(bars[0].get("height")) > 0
    rows = re.findall(r'<th scope="row"[^>]*>(.*?)</th>\s*<td[^>]*>(.*?)</td>', zufriedenheit)
    assert [(k, unescape(v)) for k, v in rows] == [
        ("zufrieden", "6"),
        ("teils", "nicht ausgewiesen"),
        ("unzufrieden", "nicht ausgewiesen"),
        ("Antwortende", "15"),
    ]
    labels = [
        " ".join(s.text for s in t.iter(f"{SVG_NS}tspan"))
        for t in root.iter(f"{SVG_NS}text")
        if t.get("font-size") == "11"
    ]
    assert labels == ["6", "nicht ausgewiesen", "nicht ausgewiesen"]
    # The questions without options (F3, F4) have nothing to draw.
    assert all("noch keine Werte" in f for f in charts[1:])


def test_survey_chart_gives_no_suppressed_count_away(client_as, data):
    client = client_as(Role.FACHSTELLE)
    figure = survey_charts(main(client.get(ANSICHT, wiesenau_2024())))[0]
    root = svg_root(figure)
    # Everything a reader or a screen reader gets from the SVG, except the axis ticks
    # (0, 2, 4, 6: scaled to the one value shown).
    words = [root.find(f"{SVG_NS}title").text, root.find(f"{SVG_NS}desc").text]
    assert root.get("aria-labelledby").split() == [
        root.find(f"{SVG_NS}title").get("id"),
        root.find(f"{SVG_NS}desc").get("id"),
    ]  # the accessible name and description are exactly these two texts
    for t in root.iter(f"{SVG_NS}text"):
        if t.get("text-anchor") != "end":
            words += [s.text for s in t.iter(f"{SVG_NS}tspan")]
    numbers = re.findall(r"\d+", " ".join(words).replace("nicht ausgewiesen", ""))
    assert set(numbers) == {"6"}  # the one count shown
    assert "Ohne Säule: teils, unzufrieden" in root.find(f"{SVG_NS}desc").text

    # 6/5/2 becomes 6/4/3: the same cells are suppressed, and the chart does not change at all.
    frage = data.umfrage.fragen.get(position=1)
    teils, unzufrieden = frage.optionen.filter(position__in=[2, 3]).order_by("position")
    moved = Antwort.objects.filter(option=teils).first()
    moved.option = unzufrieden
    moved.save()
    again = survey_charts(main(client.get(ANSICHT, wiesenau_2024())))[0]
    assert again == figure


# --- exports -------------------------------------------------------------------------------


def test_csv_holds_the_same_figures_one_per_row(client_as, data):
    response = client_as(Role.FACHSTELLE).get(CSV, wiesenau_2024())
    assert response["Content-Disposition"].endswith(
        'filename="sachstandsbericht-2024-01-01-2024-12-31.csv"'
    )
    header, *rows = csv_rows(response)
    assert header == ["Abschnitt", "Zeile", "Kennzahl", "Wert"]
    assert ["Aktivitäten", "Alle Aktivitäten", "Teilnehmende", "15"] in rows
    assert ["Aktivitäten", "Alle Aktivitäten", "Stunden", "3,5"] in rows
    assert ["Nach Handlungsfeld", "Integration", "Anzahl", "2"] in rows
    assert ["Sitzungen", "Runder Tisch", "Teilnahmen je Sitzung", "2"] in rows
    assert ["Fortbildungen", "Gesprächsführung", "Teilgenommen", "1"] in rows
    assert ["Bericht", "Quartiere", "Wert", "Wiesenau"] in rows
    assert ["Befragungen", "Leben in Wiesenau", "Anzahl", "nicht ausgewiesen"] in rows


def test_xlsx_has_one_sheet_per_section_and_neutralised_formulas(client_as, data):
    MassnahmeFactory(titel='=HYPERLINK("http://x")', quartiere=[data.wiesenau])
    response = client_as(Role.FACHSTELLE).get(XLSX, wiesenau_2024())
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == [
        "Bericht",
        "Aktivitäten",
        "Nach Handlungsfeld",
        "Nach Zielgruppe",
        "Nach Art",
        "Sitzungen",
        "Fortbildungen",
        "Befragungen",
        "Maßnahmen",
    ]
    rows = list(workbook["Nach Zielgruppe"].iter_rows(values_only=True))
    assert rows[0] == ("Zielgruppe", "Anzahl", "Teilnehmende", "Stunden")
    assert ("Familien", 2, 15, 3.5) in rows
    titles = [row[2] for row in workbook["Maßnahmen"].iter_rows(values_only=True)]
    assert '\'=HYPERLINK("http://x")' in titles


def test_survey_section_lists_every_survey_and_details_the_most_answered(client_as, data):
    """Issue 16: the report does not grow with the number of surveys. Every survey of the
    period is a row of the overview (with a link to its results page); only the
    BEFRAGUNG_DETAILS with the most Rückmeldungen get charts."""
    added = bericht_data.build_more(data, n=befragungen.BEFRAGUNG_DETAILS + 1)  # 6 each
    html = main(client_as(Role.FACHSTELLE).get(ANSICHT, wiesenau_2024()))
    section = re.search(r'id="abschnitt-befragungen".*?id="abschnitt-massnahmen"', html, re.S)
    rows = re.findall(r'<th scope="row"[^>]*><a class="kern-link" href="([^"]+)">', section[0])
    in_2024 = (
        Befragung.objects.filter(quartiere=data.wiesenau)
        .exclude(status=Befragung.Status.ENTWURF)
        .exclude(titel__de="Wiesenau 2023")
    )
    assert len(rows) == in_2024.count() == added + 1
    assert set(rows) == {reverse("befragung:ergebnisse", args=[b.slug]) for b in in_2024}
    headings = re.findall(
        r'<h3 class="kern-heading-small" id="befragung-\d+">(.*?)</h3>', section[0]
    )
    # „Leben in Wiesenau“ has 15 Rückmeldungen, each „Umfrage i“ 6: of those ties the first
    # four in the report's order; the sections keep that order.
    assert sorted(headings) == [
        "Leben in Wiesenau",
        "Umfrage 0",
        "Umfrage 1",
        "Umfrage 2",
        "Umfrage 3",
    ]
    assert "für die 5 Befragungen mit den meisten Rückmeldungen" in text(section[0])
