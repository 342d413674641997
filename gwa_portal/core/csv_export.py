"""Streamed CSV downloads that open cleanly in a German Excel and cannot smuggle in formulas.

Every app's exports use `streamed_csv()` (Aktivitäten, Kennzahlen; later Netzwerk, Befragung).

Semicolons separate the cells (German Excel expects them), the file starts with a UTF-8 BOM so
umlauts survive, decimals get a comma, dates read 14.05.2024, and text cells that a spreadsheet
would evaluate (starting with = + - @, tab or carriage return) are prefixed with an apostrophe.
"""

import csv
import datetime
from decimal import Decimal

from django.http import StreamingHttpResponse

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write() returns the line instead of storing it."""

    def write(self, value):
        return value


def neutralise(text):
    """Keep spreadsheets from running a cell as a formula (CSV injection)."""
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    if isinstance(value, float):
        return str(value).replace(".", ",")
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def csv_lines(header, rows):
    """The CSV text, one line at a time, BOM first."""
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield BOM + writer.writerow([csv_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([csv_cell(cell) for cell in row])


def streamed_csv(filename, header, rows):
    """A download that is written while `rows` (any iterable, ideally a DB iterator) is read.

    Cells are formatted by `csv_cell`; pass a string to control a cell's text exactly.
    """
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
