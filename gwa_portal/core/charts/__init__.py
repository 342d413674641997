"""Accessible charts as server-rendered inline SVG, always shown together with their data table.

No JavaScript and no style attributes (CSP): the SVG uses presentation attributes only. The
SVG is `role="img"` with a short title and summary; the table next to it is the full
accessible equivalent. Colours reach 3:1 against white (WCAG 1.4.11), and the series of a line
chart also differ by marker shape and dash pattern, repeated in the legend, so colour is never
the only cue.

Input is plain Python data; values are int, float, Decimal, None (no value) or
`NoValue(text)` (no value, and `text` says why, e.g. "nicht ausgewiesen" for a suppressed count):

    line_chart(
        id="kennzahlen-bevoelkerung",        # unique on the page; prefixes the element ids
        title="Bevölkerung",                  # figure caption and SVG title
        categories=[2022, 2023, 2024],        # the x axis in order (years, months …); str() is shown
        series=[                              # one line per (label, values); values align with categories
            ("Einwohner:innen", [4200, 4215, None]),   # None: gap in the line, "–" in the table
            ("Alter 65+", [966, 970, 981]),
        ],
        unit="",                              # optional, e.g. "%": appended to values ("12,5 %")
        series_label="Merkmal",               # header above the series names in the table
    )

    bar_chart(
        id="aktivitaeten-monate",
        title="Aktivitäten pro Monat",
        categories=["Jan. 2025", "Feb. 2025"],
        values=[3, 0],                        # NoValue("< 5"): no bar, the text at its foot and in the table
        value_label="Anzahl",                 # column header of the table
        category_label="Monat",               # header above the categories in the table
    )

A `NoValue` keeps the number out of the chart altogether: the caller passes only the text, so
neither the SVG, nor its title and description, nor the axis (scaled to the values shown) can
give a hidden number away.

Both return a `Chart`. Render it with
`{% include "includes/_chart_with_table.html" with chart=chart %}`. The line chart's table has
one row per series and the categories as columns; the bar chart's table one row per category.
The y axis always starts at zero.

Modules: `base` (Chart, Table, NoValue, number format, ticks), `svg` (drawing helpers), `line`
and `bar` (the two builders); import everything from `gwa_portal.core.charts`.
"""

from .bar import bar_chart
from .base import (
    NO_VALUE,
    Chart,
    LegendItem,
    NoValue,
    Table,
    TableRow,
    format_value,
    is_number,
    nice_ticks,
)
from .line import line_chart
from .svg import COLOURS, DASHES, MARKERS, SeriesStyle

__all__ = [
    "COLOURS",
    "DASHES",
    "MARKERS",
    "NO_VALUE",
    "Chart",
    "LegendItem",
    "NoValue",
    "SeriesStyle",
    "Table",
    "TableRow",
    "bar_chart",
    "format_value",
    "is_number",
    "line_chart",
    "nice_ticks",
]
