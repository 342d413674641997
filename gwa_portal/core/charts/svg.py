"""SVG drawing helpers shared by the line and the bar chart (presentation attributes only)."""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .base import format_value

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


@dataclass
class SeriesStyle:
    colour: str
    dash: str
    marker: str


def num(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")


def marker(shape, x, y, colour, size=4.5):
    s = size
    if shape == "circle":
        return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(s)}" fill="{colour}"/>'
    if shape == "square":
        return (
            f'<rect x="{num(x - s)}" y="{num(y - s)}" width="{num(2 * s)}" '
            f'height="{num(2 * s)}" fill="{colour}"/>'
        )
    if shape in ("cross", "plus", "bar"):
        if shape == "cross":
            d = f"M{num(x - s)} {num(y - s)}L{num(x + s)} {num(y + s)}M{num(x - s)} {num(y + s)}L{num(x + s)} {num(y - s)}"
        elif shape == "plus":
            d = f"M{num(x - s)} {num(y)}H{num(x + s)}M{num(x)} {num(y - s)}V{num(y + s)}"
        else:
            d = f"M{num(x)} {num(y - s - 1)}V{num(y + s + 1)}"
        return f'<path d="{d}" stroke="{colour}" stroke-width="2.5" fill="none"/>'
    points = {
        "triangle": [(x, y - s - 1), (x + s + 1, y + s), (x - s - 1, y + s)],
        "triangle-down": [(x, y + s + 1), (x + s + 1, y - s), (x - s - 1, y - s)],
        "diamond": [(x, y - s - 1), (x + s + 1, y), (x, y + s + 1), (x - s - 1, y)],
    }[shape]
    coords = " ".join(f"{num(px)},{num(py)}" for px, py in points)
    return f'<polygon points="{coords}" fill="{colour}"/>'


def line(x1, y1, x2, y2, style):
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    return (
        f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
        f'stroke="{style.colour}" stroke-width="2.5"{dash}/>'
    )


def swatch(style):
    """The legend's small picture of a series: its line pattern with its marker."""
    return mark_safe(  # noqa: S308 - built from our own constants only
        '<svg class="portal-chart__swatch" width="36" height="14" viewBox="0 0 36 14" '
        'aria-hidden="true" focusable="false">'
        + line(1, 7, 35, 7, style)
        + marker(style.marker, 18, 7, style.colour)
        + "</svg>"
    )


def text(x, y, content, *, anchor="middle", size=FONT_SIZE, lines=None):
    lines = lines or [str(content)]
    spans = "".join(
        f'<tspan x="{num(x)}" dy="{0 if i == 0 else size + 2}">{escape(part)}</tspan>'
        for i, part in enumerate(lines)
    )
    return (
        f'<text x="{num(x)}" y="{num(y)}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{TEXT_COLOUR}">{spans}</text>'
    )


def wrap(label, max_chars):
    """Up to two lines for an x-axis label that does not fit its slot."""
    label = str(label)
    if len(label) <= max_chars or " " not in label:
        return [label]
    head, _sep, tail = label.partition(" ")
    return [head, tail]


def wrap_value(text, max_chars):
    """Up to two lines for a NoValue text at a bar's foot, split before its last word."""
    if len(text) <= max_chars or " " not in text:
        return [text]
    head, _sep, tail = text.rpartition(" ")
    return [head, tail]


def open_svg(chart_id, title, summary):
    return [
        f'<svg class="portal-chart__svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-svg-title {chart_id}-svg-desc" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-svg-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-svg-desc">{escape(summary)}</desc>',
    ]


def y_axis(ticks, unit, plot_bottom, plot_top):
    parts = []
    top = ticks[-1]
    for tick in ticks:
        y = plot_bottom - (tick / top) * (plot_bottom - plot_top)
        parts.append(
            f'<line x1="{MARGIN_LEFT}" y1="{num(y)}" x2="{WIDTH - MARGIN_RIGHT}" y2="{num(y)}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        parts.append(
            text(MARGIN_LEFT - 8, y + FONT_SIZE / 3, format_value(tick, unit), anchor="end")
        )
    parts.append(
        f'<line x1="{MARGIN_LEFT}" y1="{plot_bottom}" x2="{WIDTH - MARGIN_RIGHT}" '
        f'y2="{plot_bottom}" stroke="{AXIS_COLOUR}" stroke-width="1.5"/>'
    )
    return parts


def y_position(value, top, plot_bottom, plot_top):
    return plot_bottom - (float(value) / top) * (plot_bottom - plot_top)
