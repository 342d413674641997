"""Links and date strings for long lists, computed once per row in the view.

In a list of a hundred rows, `{{ obj.get_absolute_url }}` (a reverse() per row) and `|date`
(local time, format and translation lookups per call) were a large part of the page's time.
These give the same strings as the `date` filter's formats named below, for a fraction of it.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS, WEEKDAYS_ABBR

_MARKER = 987654321


def detail_urls(url_name):
    """value -> the URL of `url_name` with that one argument (a pk or a slug): one reverse() per
    call of this function (per request), then string concatenation per row."""
    prefix, suffix = reverse(url_name, args=[_MARKER]).split(str(_MARKER))
    return lambda value: f"{prefix}{value}{suffix}"


def local(value):
    """An aware datetime in the current time zone (a date stays a date)."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


class Names:
    """The translated weekday and month names of the active language, looked up once (the
    lazy strings of django.utils.dates translate on every use)."""

    def __init__(self):
        self.weekdays = [str(WEEKDAYS[i]) for i in range(7)]  # "l"
        self.weekdays_abbr = [str(WEEKDAYS_ABBR[i]) for i in range(7)]  # "D"
        self.months = {i: str(MONTHS[i]) for i in range(1, 13)}  # "F"
        self.months_abbr = {i: str(MONTHS_3[i]).title() for i in range(1, 13)}  # "M"

    def day_month(self, day):
        """ "j. F": 8. Dezember"""
        return f"{day.day}. {self.months[day.month]}"

    def short_datetime(self, value):
        """ "D, d.m.Y, H:i" of a local datetime: Di, 08.12.2026, 18:30"""
        return f"{self.weekdays_abbr[value.weekday()]}, {value:%d.%m.%Y, %H:%M}"
