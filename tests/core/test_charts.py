"""The chart builder: accessible SVG plus a data table, from plain Python data."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from gwa_portal.core import charts
from gwa_portal.core.charts.base import format_value

SVG_NS = "{http://www.w3.org/2000/svg}"


def kennzahlen_chart(**kwargs):
    return charts.line_chart(
        id="kz",
        title="Bevölkerung",
        categories=[2022, 2023, 2024],
        series=[
            ("Einwohner:innen", [4200, 4215, 4230]),
            ("Alter 65+", [966, None, 981]),
            ("Alter 80+", [300, 310, 320]),
        ],
        series_label="Merkmal",
        **kwargs,
    )


def parse(svg):
    return ET.fromstring(str(svg))  # noqa: S314 - our own generated markup


def relative_luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_values_are_formatted_the_german_way():
    assert charts.format_value(1234) == "1.234"
    assert charts.format_value(Decimal("12.50"), "%") == "12,5\u00a0%"
    assert charts.format_value(Decimal("7.00")) == "7"
    assert charts.format_value(0) == "0"
    assert charts.format_value(None) == "–"


def test_ticks_start_at_zero_and_reach_the_maximum():
    assert charts.nice_ticks(4230) == [0, 1000, 2000, 3000, 4000, 5000]
    assert charts.nice_ticks(3, integers=True) == [0, 1, 2, 3]
    assert charts.nice_ticks(0, integers=True)[-1] >= 1
    assert charts.nice_ticks(Decimal("18.5"))[-1] >= 18.5


def test_line_chart_svg_is_a_named_image_without_style_attributes():
    chart = kennzahlen_chart()
    root = parse(chart.svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG_NS}title").get("id") == title_id
    assert root.find(f"{SVG_NS}title").text == "Bevölkerung"
    assert root.find(f"{SVG_NS}desc").get("id") == desc_id
    assert "3 Reihen" in root.find(f"{SVG_NS}desc").text
    assert "style=" not in str(chart.svg)
    assert "<script" not in str(chart.svg)


def test_line_chart_table_has_one_row_per_series_and_the_years_as_columns():
    chart = kennzahlen_chart()
    assert chart.table.corner == "Merkmal"
    assert chart.table.columns == ["2022", "2023", "2024"]
    assert [row.header for row in chart.table.rows] == ["Einwohner:innen", "Alter 65+", "Alter 80+"]
    assert chart.table.rows[0].cells == ["4.200", "4.215", "4.230"]
    assert chart.table.rows[1].cells == ["966", "–", "981"]


def test_percentages_carry_the_unit_in_table_and_axis():
    chart = charts.line_chart(
        id="anteile",
        title="Anteile",
        categories=[2023, 2024],
        series=[("Transferleistungsquote", [Decimal("15.5"), Decimal("16.25")])],
        unit="%",
    )
    assert chart.table.rows[0].cells == ["15,5\u00a0%", "16,25\u00a0%"]
    assert "%" in str(chart.svg)


def test_a_missing_value_breaks_the_line_instead_of_bridging_it():
    chart = kennzahlen_chart()
    groups = parse(chart.svg).findall(f"{SVG_NS}g")
    lines_per_series = [len(g.findall(f"{SVG_NS}path")) for g in groups]
    # Series 2 has values for 2022 and 2024 only: two single points, no line across the gap.
    assert lines_per_series == [1, 0, 1]


def test_series_differ_by_dash_and_marker_not_only_by_colour():
    chart = kennzahlen_chart()
    styles = [
        charts.SeriesStyle(charts.COLOURS[i], charts.DASHES[i], charts.MARKERS[i]) for i in range(3)
    ]
    assert len({s.dash for s in styles}) == 3
    assert len({s.marker for s in styles}) == 3
    assert [item.label for item in chart.legend] == ["Einwohner:innen", "Alter 65+", "Alter 80+"]
    swatches = [str(item.swatch) for item in chart.legend]
    assert len(set(swatches)) == 3
    assert all('aria-hidden="true"' in s for s in swatches)
    assert "stroke-dasharray" in swatches[1]


@pytest.mark.parametrize("colour", charts.COLOURS)
def test_series_colours_contrast_with_white_background(colour):
    ratio = (1.0 + 0.05) / (relative_luminance(colour) + 0.05)
    assert ratio >= 4.5


def test_labels_are_escaped():
    chart = charts.line_chart(
        id="x",
        title="<b>Titel</b>",
        categories=["<2024>"],
        series=[("<script>alert(1)</script>", [1])],
    )
    assert "<script>" not in str(chart.svg)
    assert "&lt;b&gt;Titel&lt;/b&gt;" in str(chart.svg)
    parse(chart.svg)


def test_bar_chart_shows_zero_months_and_names_the_highest():
    chart = charts.bar_chart(
        id="monate",
        title="Aktivitäten pro Monat",
        categories=["Jan. 2025", "Feb. 2025", "März 2025"],
        values=[3, 0, 5],
        value_label="Aktivitäten",
        category_label="Monat",
    )
    root = parse(chart.svg)
    assert len(root.findall(f"{SVG_NS}rect")) == 2
    assert "5 (März 2025)" in root.find(f"{SVG_NS}desc").text
    assert chart.table.corner == "Monat"
    assert chart.table.columns == ["Aktivitäten"]
    assert [(r.header, r.cells) for r in chart.table.rows] == [
        ("Jan. 2025", ["3"]),
        ("Feb. 2025", ["0"]),
        ("März 2025", ["5"]),
    ]
    # Counts never get fractional ticks.
    ticks = [t.text for t in root.iter(f"{SVG_NS}tspan")]
    assert not any("," in (t or "") for t in ticks)


def test_all_zero_bar_chart_is_still_a_chart():
    chart = charts.bar_chart(
        id="null", title="Nichts los", categories=["Jan.", "Feb."], values=[0, 0], value_label="n"
    )
    assert not chart.is_empty
    parse(chart.svg)


def test_chart_without_values_is_empty():
    chart = charts.line_chart(id="leer", title="Leer", categories=[2024], series=[("A", [None])])
    assert chart.is_empty
    assert "noch keine Werte" in chart.empty_text


def test_values_must_match_the_categories():
    with pytest.raises(ValueError):
        charts.line_chart(id="x", title="x", categories=[1, 2], series=[("A", [1])])
    with pytest.raises(ValueError):
        charts.bar_chart(id="x", title="x", categories=[1, 2], values=[1], value_label="n")


def test_template_renders_figure_with_svg_legend_and_table():
    html = render_to_string("includes/_chart_with_table.html", {"chart": kennzahlen_chart()})
    assert 'aria-labelledby="kz-caption"' in html
    assert (
        '<figcaption class="portal-chart__caption" id="kz-caption">Bevölkerung</figcaption>' in html
    )
    assert 'role="img"' in html
    assert "<caption" in html and "Bevölkerung: Werte als Tabelle" in html
    assert html.count('scope="col"') == 4
    assert html.count('scope="row"') == 3
    assert "portal-chart__legend" in html
    assert not re.search(r"\sstyle=", html)


def test_template_shows_empty_state_for_an_empty_chart():
    chart = charts.line_chart(id="leer", title="Leer", categories=[], series=[])
    html = render_to_string("includes/_chart_with_table.html", {"chart": chart})
    assert "noch keine Werte" in html
    assert "<svg" not in html
    assert "<table" not in html


# --- NoValue: a value that is withheld (e.g. a suppressed count) and shown as a text ---------

HIDDEN = charts.NoValue("nicht ausgewiesen")


def zufriedenheit_chart(values):
    return charts.bar_chart(
        id="zufriedenheit",
        title="Wie zufrieden?",
        categories=["zufrieden", "teils", "unzufrieden"],
        values=values,
        value_label="Anzahl",
        category_label="Antwort",
    )


def texts(root):
    """Every text in the SVG with its anchor: ticks are "end", bar and category labels "middle"."""
    return [
        (t.get("text-anchor"), " ".join(s.text for s in t.iter(f"{SVG_NS}tspan")))
        for t in root.iter(f"{SVG_NS}text")
    ]


def test_no_value_shows_its_text_and_no_bar():
    chart = zufriedenheit_chart([6, HIDDEN, HIDDEN])
    root = parse(chart.svg)
    assert len(root.findall(f"{SVG_NS}rect")) == 1
    labels = [t for anchor, t in texts(root) if anchor == "middle"]
    assert labels == [
        "6",
        "zufrieden",
        "nicht ausgewiesen",
        "teils",
        "nicht ausgewiesen",
        "unzufrieden",
    ]
    assert [(r.header, r.cells) for r in chart.table.rows] == [
        ("zufrieden", ["6"]),
        ("teils", ["nicht ausgewiesen"]),
        ("unzufrieden", ["nicht ausgewiesen"]),
    ]
    assert chart.withheld == ["teils", "unzufrieden"]
    desc = root.find(f"{SVG_NS}desc").text
    assert "höchster Wert 6 (zufrieden)" in desc and "Ohne Säule: teils, unzufrieden." in desc


def test_the_axis_is_scaled_to_the_values_shown_only():
    # A NoValue carries no number, so the axis is that of the shown value alone.
    chart = zufriedenheit_chart([6, HIDDEN, HIDDEN])
    ticks = [t for anchor, t in texts(parse(chart.svg)) if anchor == "end"]
    assert ticks == ["0", "2", "4", "6"]


def test_a_long_no_value_text_wraps_in_a_narrow_slot():
    chart = charts.bar_chart(
        id="viele",
        title="Viele Antworten",
        categories=[f"Antwort {i}" for i in range(10)],
        values=[20, *[HIDDEN] * 9],
        value_label="Anzahl",
    )
    spans = [s.text for s in parse(chart.svg).iter(f"{SVG_NS}tspan")]
    assert spans.count("nicht") == 9 and spans.count("ausgewiesen") == 9


def test_only_no_values_make_an_empty_chart_that_still_shows_its_table():
    chart = zufriedenheit_chart([HIDDEN, HIDDEN, HIDDEN])
    assert chart.is_empty and chart.shows_table
    html = render_to_string("includes/_chart_with_table.html", {"chart": chart})
    assert "<svg" not in html
    assert "Keiner der Werte kann im Diagramm gezeigt werden" in html
    assert html.count("nicht ausgewiesen") == 3


def test_plain_empty_chart_still_hides_its_table_of_dashes():
    chart = zufriedenheit_chart([None, None, None])
    assert chart.is_empty and not chart.shows_table


def test_no_value_in_a_line_chart_is_a_gap_with_its_text_in_the_table():
    chart = charts.line_chart(
        id="reihe", title="Reihe", categories=[2022, 2023, 2024], series=[("A", [3, HIDDEN, 4])]
    )
    root = parse(chart.svg)
    assert len(root.find(f"{SVG_NS}g").findall(f"{SVG_NS}path")) == 0  # two single points
    assert chart.table.rows[0].cells == ["3", "nicht ausgewiesen", "4"]
    assert charts.format_value(HIDDEN) == "nicht ausgewiesen"


def test_format_value_follows_the_active_language_although_it_caches():
    with translation.override("de"):
        assert format_value(1234.5) == "1.234,5"
        assert format_value(Decimal("2.50"), "h") == "2,5\u00a0h"
    with translation.override("en"):
        assert format_value(1234.5) == "1,234.5"
    with translation.override("de"):
        assert format_value(1234.5) == "1.234,5"
        assert format_value(2) == format_value(Decimal("2.0")) == "2"
