"""Accessible charts as server-rendered inline SVG, always shown together with their data table.

No JavaScript and no style attributes (CSP): the SVG uses presentation attributes only. The
SVG is `role="img"` with a short title and summary; the table next to it is the full
accessible equivalent. Colours reach 3:1 against white (WCAG 1.4.11), and the series of a line
chart also differ by marker shape and dash pattern, repeated in the legend, so colour is never
the only cue.

Input is plain Python data; values are int, float, Decimal or None (no value):

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
        values=[3, 0],
        value_label="Anzahl",                 # column header of the table
        category_label="Monat",               # header above the categories in the table
    )

Both return a `Chart`. Render it with
`{% include "includes/_chart_with_table.html" with chart=chart %}`. The line chart's table has
one row per series and the categories as columns; the bar chart's table one row per category.
The y axis always starts at zero.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
HEIGHT = 300
MARGIN_LEFT = 64
MARGIN_RIGHT = 20
MARGIN_TOP = 24
MARGIN_BOTTOM = 48
FONT_SIZE = 12
TEXT_COLOUR = "#3b3f52"
GRID_COLOUR = "#d5d9e0"
AXIS_COLOUR = "#3b3f52"

# Each reaches at least 4.5:1 against white; cycled when there are more series.
COLOURS = ["#1b4f8f", "#b34700", "#2e7d32", "#7b1fa2", "#c2185b", "#00695c", "#5d4037", "#455a64"]
DASHES = ["", "8 4", "2 3", "10 3 2 3", "5 2", "1 4", "12 4 4 4", "3 6"]
MARKERS = ["circle", "square", "triangle", "diamond", "triangle-down", "cross", "plus", "bar"]
NO_VALUE = "–"


@dataclass
class SeriesStyle:
    colour: str
    dash: str
    marker: str


@dataclass
class LegendItem:
    label: str
    swatch: SafeString


@dataclass
class TableRow:
    header: str
    cells: list


@dataclass
class Table:
    caption: str
    corner: str
    columns: list
    rows: list


@dataclass
class Chart:
    id: str
    title: str
    summary: str
    svg: SafeString
    table: Table
    kind: str = "line"
    legend: list = field(default_factory=list)
    is_empty: bool = False
    empty_text: str = ""


def format_value(value, unit=""):
    """German number format ("1.234", "12,5"), with the unit after a no-break space."""
    if value is None:
        return NO_VALUE
    number = Decimal(str(value))
    if number == number.to_integral_value():
        decimals = 0
    else:
        decimals = min(2, -number.normalize().as_tuple().exponent)
    text = number_format(number, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"{text}\u00a0{unit}" if unit else text


def nice_ticks(maximum, count=5, *, integers=False):
    """Round tick values from 0 to at least `maximum` (about `count` steps)."""
    maximum = float(maximum or 0)
    if maximum <= 0:
        maximum = 1
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if integers:
        step = max(1, round(step))
    steps = math.ceil(maximum / step - 1e-9)
    return [step * i for i in range(steps + 1)]


def _num(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _marker(shape, x, y, colour, size=4.5):
    s = size
    if shape == "circle":
        return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(s)}" fill="{colour}"/>'
    if shape == "square":
        return (
            f'<rect x="{_num(x - s)}" y="{_num(y - s)}" width="{_num(2 * s)}" '
            f'height="{_num(2 * s)}" fill="{colour}"/>'
        )
    if shape in ("cross", "plus", "bar"):
        if shape == "cross":
            d = f"M{_num(x - s)} {_num(y - s)}L{_num(x + s)} {_num(y + s)}M{_num(x - s)} {_num(y + s)}L{_num(x + s)} {_num(y - s)}"
        elif shape == "plus":
            d = f"M{_num(x - s)} {_num(y)}H{_num(x + s)}M{_num(x)} {_num(y - s)}V{_num(y + s)}"
        else:
            d = f"M{_num(x)} {_num(y - s - 1)}V{_num(y + s + 1)}"
        return f'<path d="{d}" stroke="{colour}" stroke-width="2.5" fill="none"/>'
    points = {
        "triangle": [(x, y - s - 1), (x + s + 1, y + s), (x - s - 1, y + s)],
        "triangle-down": [(x, y + s + 1), (x + s + 1, y - s), (x - s - 1, y - s)],
        "diamond": [(x, y - s - 1), (x + s + 1, y), (x, y + s + 1), (x - s - 1, y)],
    }[shape]
    coords = " ".join(f"{_num(px)},{_num(py)}" for px, py in points)
    return f'<polygon points="{coords}" fill="{colour}"/>'


def _line(x1, y1, x2, y2, style):
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    return (
        f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
        f'stroke="{style.colour}" stroke-width="2.5"{dash}/>'
    )


def _swatch(style):
    """The legend's small picture of a series: its line pattern with its marker."""
    return mark_safe(  # noqa: S308 - built from our own constants only
        '<svg class="portal-chart__swatch" width="36" height="14" viewBox="0 0 36 14" '
        'aria-hidden="true" focusable="false">'
        + _line(1, 7, 35, 7, style)
        + _marker(style.marker, 18, 7, style.colour)
        + "</svg>"
    )


def _text(x, y, text, *, anchor="middle", size=FONT_SIZE, lines=None):
    lines = lines or [str(text)]
    spans = "".join(
        f'<tspan x="{_num(x)}" dy="{0 if i == 0 else size + 2}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{TEXT_COLOUR}">{spans}</text>'
    )


def _wrap(label, max_chars):
    """Up to two lines for an x-axis label that does not fit its slot."""
    label = str(label)
    if len(label) <= max_chars or " " not in label:
        return [label]
    head, _sep, tail = label.partition(" ")
    return [head, tail]


def _open_svg(chart_id, title, summary):
    return [
        f'<svg class="portal-chart__svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-svg-title {chart_id}-svg-desc" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-svg-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-svg-desc">{escape(summary)}</desc>',
    ]


def _y_axis(ticks, unit, plot_bottom, plot_top):
    parts = []
    top = ticks[-1]
    for tick in ticks:
        y = plot_bottom - (tick / top) * (plot_bottom - plot_top)
        parts.append(
            f'<line x1="{MARGIN_LEFT}" y1="{_num(y)}" x2="{WIDTH - MARGIN_RIGHT}" y2="{_num(y)}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        parts.append(
            _text(MARGIN_LEFT - 8, y + FONT_SIZE / 3, format_value(tick, unit), anchor="end")
        )
    parts.append(
        f'<line x1="{MARGIN_LEFT}" y1="{plot_bottom}" x2="{WIDTH - MARGIN_RIGHT}" '
        f'y2="{plot_bottom}" stroke="{AXIS_COLOUR}" stroke-width="1.5"/>'
    )
    return parts


def _y(value, top, plot_bottom, plot_top):
    return plot_bottom - (float(value) / top) * (plot_bottom - plot_top)


def _empty_chart(chart_id, title, table, kind):
    return Chart(
        id=chart_id,
        kind=kind,
        title=title,
        summary="",
        svg=mark_safe(""),
        table=table,
        is_empty=True,
        empty_text=_("Für dieses Diagramm liegen noch keine Werte vor."),
    )


def line_chart(*, id, title, categories, series, unit="", series_label=""):
    """A time series with one or more lines; see the module docstring for the input."""
    categories = [str(c) for c in categories]
    series = [(str(label), list(values)) for label, values in series]
    for label, values in series:
        if len(values) != len(categories):
            raise ValueError(
                f"Series {label!r} has {len(values)} values for {len(categories)} categories."
            )
    styles = [
        SeriesStyle(COLOURS[i % len(COLOURS)], DASHES[i % len(DASHES)], MARKERS[i % len(MARKERS)])
        for i in range(len(series))
    ]
    table = Table(
        caption=_("%(title)s: Werte als Tabelle") % {"title": title},
        corner=series_label or _("Reihe"),
        columns=categories,
        rows=[TableRow(label, [format_value(v, unit) for v in values]) for label, values in series],
    )
    present = [v for _label, values in series for v in values if v is not None]
    if not categories or not present:
        return _empty_chart(id, title, table, "line")

    summary = _(
        "Liniendiagramm mit %(n)s Reihen von %(first)s bis %(last)s. Die Werte stehen in der Tabelle."
    ) % {"n": len(series), "first": categories[0], "last": categories[-1]}
    if len(series) == 1:
        summary = _(
            "Liniendiagramm von %(first)s bis %(last)s. Die Werte stehen in der Tabelle."
        ) % {"first": categories[0], "last": categories[-1]}

    plot_top, plot_bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
    ticks = nice_ticks(max(present))
    top = ticks[-1]
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    inset = 24
    if len(categories) == 1:
        xs = [MARGIN_LEFT + plot_width / 2]
    else:
        step = (plot_width - 2 * inset) / (len(categories) - 1)
        xs = [MARGIN_LEFT + inset + i * step for i in range(len(categories))]

    parts = _open_svg(id, title, summary)
    parts += _y_axis(ticks, unit, plot_bottom, plot_top)
    slot = plot_width / max(len(categories), 1)
    every = max(1, math.ceil(len(categories) * 7 * FONT_SIZE * 0.6 / plot_width))
    for i, (x, label) in enumerate(zip(xs, categories, strict=True)):
        if i % every == 0 or i == len(categories) - 1:
            parts.append(_text(x, plot_bottom + 18, label, lines=_wrap(label, int(slot / 7) or 1)))
    for (_label, values), style in zip(series, styles, strict=True):
        parts.append("<g>")
        segment = []
        segments = []
        for x, value in zip(xs, values, strict=True):
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
            else:
                segment.append((x, _y(value, top, plot_bottom, plot_top)))
        if segment:
            segments.append(segment)
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        for seg in segments:
            if len(seg) > 1:
                d = "M" + "L".join(f"{_num(px)} {_num(py)}" for px, py in seg)
                parts.append(
                    f'<path d="{d}" fill="none" stroke="{style.colour}" stroke-width="2.5" '
                    f'stroke-linejoin="round"{dash}/>'
                )
        for x, value in zip(xs, values, strict=True):
            if value is not None:
                parts.append(
                    _marker(style.marker, x, _y(value, top, plot_bottom, plot_top), style.colour)
                )
        parts.append("</g>")
    parts.append("</svg>")
    return Chart(
        id=id,
        title=title,
        summary=summary,
        svg=mark_safe("".join(parts)),  # noqa: S308 - every text went through escape()
        table=table,
        legend=[
            LegendItem(label, _swatch(style))
            for (label, _v), style in zip(series, styles, strict=True)
        ],
    )


def bar_chart(*, id, title, categories, values, value_label, unit="", category_label=""):
    """Columns for counts per category (for example per month); see the module docstring."""
    categories = [str(c) for c in categories]
    values = list(values)
    if len(values) != len(categories):
        raise ValueError(f"{len(values)} values for {len(categories)} categories.")
    table = Table(
        caption=_("%(title)s: Werte als Tabelle") % {"title": title},
        corner=category_label or _("Kategorie"),
        columns=[value_label],
        rows=[
            TableRow(c, [format_value(v, unit)]) for c, v in zip(categories, values, strict=True)
        ],
    )
    present = [v for v in values if v is not None]
    if not categories or not present:
        return _empty_chart(id, title, table, "bar")

    highest = max(present)
    at = categories[values.index(highest)]
    summary = _(
        "Säulendiagramm: %(what)s von %(first)s bis %(last)s, höchster Wert %(max)s (%(at)s). "
        "Die Werte stehen in der Tabelle."
    ) % {
        "what": value_label,
        "first": categories[0],
        "last": categories[-1],
        "max": format_value(highest, unit),
        "at": at,
    }
    integers = all(Decimal(str(v)) == Decimal(str(v)).to_integral_value() for v in present)
    ticks = nice_ticks(highest, integers=integers)
    top = ticks[-1]
    plot_top, plot_bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    slot = plot_width / len(categories)
    bar_width = slot * 0.6

    parts = _open_svg(id, title, summary)
    parts += _y_axis(ticks, unit, plot_bottom, plot_top)
    max_chars = max(1, int(slot / (FONT_SIZE * 0.6)))
    for i, (label, value) in enumerate(zip(categories, values, strict=True)):
        centre = MARGIN_LEFT + slot * (i + 0.5)
        if value is not None:
            y = _y(value, top, plot_bottom, plot_top)
            if value:
                parts.append(
                    f'<rect x="{_num(centre - bar_width / 2)}" y="{_num(y)}" '
                    f'width="{_num(bar_width)}" height="{_num(plot_bottom - y)}" '
                    f'fill="{COLOURS[0]}"/>'
                )
            parts.append(_text(centre, y - 6, format_value(value, unit), size=FONT_SIZE - 1))
        parts.append(_text(centre, plot_bottom + 18, label, lines=_wrap(label, max_chars)))
    parts.append("</svg>")
    return Chart(
        id=id,
        kind="bar",
        title=title,
        summary=summary,
        svg=mark_safe("".join(parts)),  # noqa: S308 - every text went through escape()
        table=table,
    )
