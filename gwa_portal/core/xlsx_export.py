"""XLSX downloads: a workbook built from sheets of rows, with the CSV's guard against formulas,
and one response that sends a workbook (or a finished file's bytes) as a download."""

import tempfile

from django.http import FileResponse, HttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook

from .csv_export import neutralise

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_cell(value):
    """Text that a spreadsheet would run as a formula gets an apostrophe, as in the CSV."""
    if isinstance(value, Promise):  # choice labels are lazy translations
        value = str(value)
    if isinstance(value, str):
        return neutralise(value)
    return value


def workbook(sheets):
    """A write-only Workbook with one sheet per (title, rows); `rows` may be a generator (a
    write-only sheet keeps appended rows on disk, so memory stays flat)."""
    book = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = book.create_sheet(title[:31])  # Excel's limit for sheet names
        for row in rows:
            sheet.append([xlsx_cell(v) for v in row])
    return book


def xlsx_response(content, filename):
    """A download of `content`: an openpyxl Workbook, saved to a temporary file on disk and
    streamed from it in chunks, or the bytes of a finished file."""
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    target = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    content.save(target)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
