"""The list helpers give exactly what reverse(), |date and Django's select template give."""

import datetime
import zoneinfo

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from gwa_portal.core.filters import PlainSelect
from gwa_portal.core.listformat import Names, detail_urls, local

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def date_filter(value, format_):
    """The |date filter as a template applies it (in the current time zone)."""
    return Template(f'{{{{ value|date:"{format_}" }}}}').render(Context({"value": value}))


@pytest.mark.parametrize(
    ("url_name", "value"),
    [("netzwerk:termin_detail", 42), ("netzwerk:gremium_detail", "runder-tisch-2")],
)
def test_detail_urls_equal_reverse(url_name, value):
    assert detail_urls(url_name)(value) == reverse(url_name, args=[value])


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2026, 12, 7, 23, 30, tzinfo=datetime.UTC),  # Tuesday in Berlin
        datetime.datetime(2026, 3, 29, 0, 59, 59, 123, tzinfo=datetime.UTC),  # before DST
        datetime.datetime(2026, 7, 5, 18, 0, tzinfo=BERLIN),
    ],
)
def test_names_equal_the_date_filter(moment, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    with translation.override("de"):
        names = Names()
        moment_local = local(moment)
        assert names.short_datetime(moment_local) == date_filter(moment, "D, d.m.Y, H:i")
        assert moment_local.isoformat() == date_filter(moment, "c")
        day = moment_local.date()
        assert names.weekdays[day.weekday()] == date_filter(day, "l")
        assert names.months_abbr[day.month] == date_filter(day, "M")
        assert names.day_month(day) == date_filter(day, "j. F")


@pytest.mark.parametrize(
    ("choices", "value", "attrs"),
    [
        ([("", "alle <&>"), (1, "Eins"), (2, 'Zwei "x"')], "2", {"class": "k", "id": "id_x"}),
        ([("", "–"), ("Gruppe", [(1, "a"), (2, "b")]), (3, "c")], "1", {"required": True}),
        ([(None, "leer"), (True, "ja")], None, {"disabled": False}),
    ],
)
def test_plain_select_renders_like_django(choices, value, attrs):
    expected = forms.Select(choices=choices).render("x", value, attrs)
    assert PlainSelect(choices=choices).render("x", value, attrs) == expected
