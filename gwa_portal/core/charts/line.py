"""The line chart: one or more time series."""

import math

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .base import (
    Chart,
    LegendItem,
    NoValue,
    Table,
    TableRow,
    empty_chart,
    format_value,
    is_number,
    nice_ticks,
)
from .svg import (
    COLOURS,
    DASHES,
    FONT_SIZE,
    HEIGHT,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MARKERS,
    WIDTH,
    SeriesStyle,
    marker,
    num,
    open_svg,
    swatch,
    text,
    wrap,
    y_axis,
    y_position,
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
    present = [v for _label, values in series for v in values if is_number(v)]
    withheld = [
        c
        for _label, values in series
        for c, v in zip(categories, values, strict=True)
        if isinstance(v, NoValue)
    ]
    if not categories or not present:
        return empty_chart(id, title, table, "line", withheld)

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

    parts = open_svg(id, title, summary)
    parts += y_axis(ticks, unit, plot_bottom, plot_top)
    slot = plot_width / max(len(categories), 1)
    every = max(1, math.ceil(len(categories) * 7 * FONT_SIZE * 0.6 / plot_width))
    for i, (x, label) in enumerate(zip(xs, categories, strict=True)):
        if i % every == 0 or i == len(categories) - 1:
            parts.append(text(x, plot_bottom + 18, label, lines=wrap(label, int(slot / 7) or 1)))
    for (_label, values), style in zip(series, styles, strict=True):
        parts.append("<g>")
        segment = []
        segments = []
        for x, value in zip(xs, values, strict=True):
            if not is_number(value):
                if segment:
                    segments.append(segment)
                segment = []
            else:
                segment.append((x, y_position(value, top, plot_bottom, plot_top)))
        if segment:
            segments.append(segment)
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        for seg in segments:
            if len(seg) > 1:
                d = "M" + "L".join(f"{num(px)} {num(py)}" for px, py in seg)
                parts.append(
                    f'<path d="{d}" fill="none" stroke="{style.colour}" stroke-width="2.5" '
                    f'stroke-linejoin="round"{dash}/>'
                )
        for x, value in zip(xs, values, strict=True):
            if is_number(value):
                parts.append(
                    marker(
                        style.marker, x, y_position(value, top, plot_bottom, plot_top), style.colour
                    )
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
            LegendItem(label, swatch(style))
            for (label, _v), style in zip(series, styles, strict=True)
        ],
        withheld=withheld,
    )
