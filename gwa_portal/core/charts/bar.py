"""The bar chart: counts per category."""

from decimal import Decimal

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .base import Chart, NoValue, Table, TableRow, empty_chart, format_value, is_number, nice_ticks
from .svg import (
    COLOURS,
    FONT_SIZE,
    HEIGHT,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    WIDTH,
    num,
    open_svg,
    text,
    wrap,
    wrap_value,
    y_axis,
    y_position,
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
    present = [v for v in values if is_number(v)]
    withheld = [c for c, v in zip(categories, values, strict=True) if isinstance(v, NoValue)]
    if not categories or not present:
        return empty_chart(id, title, table, "bar", withheld)

    highest = max(present)
    at = next(c for c, v in zip(categories, values, strict=True) if is_number(v) and v == highest)
    summary = _(
        "Säulendiagramm: %(what)s von %(first)s bis %(last)s, höchster Wert %(max)s (%(at)s)."
    ) % {
        "what": value_label,
        "first": categories[0],
        "last": categories[-1],
        "max": format_value(highest, unit),
        "at": at,
    }
    if withheld:
        summary += " " + _("Ohne Säule: %(categories)s.") % {"categories": ", ".join(withheld)}
    summary += " " + _("Die Werte stehen in der Tabelle.")
    integers = all(Decimal(str(v)) == Decimal(str(v)).to_integral_value() for v in present)
    ticks = nice_ticks(highest, integers=integers)
    top = ticks[-1]
    plot_top, plot_bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    slot = plot_width / len(categories)
    bar_width = slot * 0.6

    parts = open_svg(id, title, summary)
    parts += y_axis(ticks, unit, plot_bottom, plot_top)
    max_chars = max(1, int(slot / (FONT_SIZE * 0.6)))
    for i, (label, value) in enumerate(zip(categories, values, strict=True)):
        centre = MARGIN_LEFT + slot * (i + 0.5)
        if isinstance(value, NoValue):
            lines = wrap_value(value.text, max_chars)
            y = plot_bottom - 6 - (len(lines) - 1) * (FONT_SIZE + 1)
            parts.append(text(centre, y, value.text, size=FONT_SIZE - 1, lines=lines))
        elif value is not None:
            y = y_position(value, top, plot_bottom, plot_top)
            if value:
                parts.append(
                    f'<rect x="{num(centre - bar_width / 2)}" y="{num(y)}" '
                    f'width="{num(bar_width)}" height="{num(plot_bottom - y)}" '
                    f'fill="{COLOURS[0]}"/>'
                )
            parts.append(text(centre, y - 6, format_value(value, unit), size=FONT_SIZE - 1))
        parts.append(text(centre, plot_bottom + 18, label, lines=wrap(label, max_chars)))
    parts.append("</svg>")
    return Chart(
        id=id,
        kind="bar",
        title=title,
        summary=summary,
        svg=mark_safe("".join(parts)),  # noqa: S308 - every text went through escape()
        table=table,
        withheld=withheld,
    )
