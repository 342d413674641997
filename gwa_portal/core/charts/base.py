"""The charts' data: the Chart with its table, value formatting and the axis ticks."""

import functools
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

NO_VALUE = "–"


@dataclass(frozen=True)
class NoValue:
    """A value that is not shown, with the text shown instead (a plain None shows "–")."""

    text: str

    def __str__(self):
        return self.text


def is_number(value):
    return value is not None and not isinstance(value, NoValue)


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
    withheld: list = field(default_factory=list)  # categories whose value is a NoValue

    @property
    def shows_table(self):
        """An empty chart's table holds only dashes, unless some values say why they are missing."""
        return not self.is_empty or bool(self.withheld)


def format_value(value, unit=""):
    """German number format ("1.234", "12,5"), with the unit after a no-break space."""
    if value is None:
        return NO_VALUE
    if isinstance(value, NoValue):
        return value.text
    text = _number_text(Decimal(str(value)), get_language())
    return f"{text}\u00a0{unit}" if unit else text


@functools.lru_cache(maxsize=4096)
def _number_text(number, language):
    """The localised text of a number; cached because a report formats the same counts and
    tick values hundreds of times, and Django's number_format looks the format up each time.
    `language` is part of the key (number_format reads the active one)."""
    if number == number.to_integral_value():
        decimals = 0
    else:
        decimals = min(2, -number.normalize().as_tuple().exponent)
    return number_format(number, decimal_pos=decimals, use_l10n=True, force_grouping=True)


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


def empty_chart(chart_id, title, table, kind, withheld=()):
    text = _("Für dieses Diagramm liegen noch keine Werte vor.")
    if withheld:
        text = _("Keiner der Werte kann im Diagramm gezeigt werden; die Tabelle nennt den Grund.")
    return Chart(
        id=chart_id,
        kind=kind,
        title=title,
        summary="",
        svg=mark_safe(""),
        table=table,
        is_empty=True,
        empty_text=text,
        withheld=list(withheld),
    )
