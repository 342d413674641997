"""Uploaded workbooks, read whole and within limits while the form validates.

openpyxl reads a sheet lazily, so a file that opens may still break while its rows are read,
and a small zip may inflate to gigabytes. `read_xlsx` checks the zip's unpacked size before
openpyxl sees it, reads every row at once and turns any failure into one German message.
"""

import re
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

# A sheet of a form or a list has a few dozen columns; a cell far to the right only makes
# openpyxl pad every row up to it.
MAX_COLUMNS = 200
# More members than any workbook has: each one costs a header read.
MAX_MEMBERS = 1000


# A JSON string (its closing quote optional, so an unclosed one ends the scan rather than being
# retried from every later quote) or a bracket.
JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]')


class UploadError(Exception):
    """An upload that cannot be used; `message` is for the user, in German."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def size_text(size):
    """`10 MB`, `1 KB`, `512 Bytes`: limits as a user reads them."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0").replace(".", ",") + f" {unit}"
    return f"{size} Bytes"


def count_text(number):
    return f"{number:,}".replace(",", ".")


def damaged():
    return UploadError(
        _(
            "Die Datei ist beschädigt oder keine Excel-Datei (.xlsx). Bitte speichern Sie sie "
            "erneut als .xlsx und laden Sie sie noch einmal hoch."
        )
    )


def check_zip(file, *, max_bytes=None):
    """UploadError unless `file` is a zip whose members unpack to at most `max_bytes` together.

    The sizes come from the zip's directory; Python's zipfile never inflates a member beyond
    its stated size (it fails the checksum instead), so the sum bounds what openpyxl reads.
    """
    limit = settings.UPLOAD_MAX_UNCOMPRESSED_BYTES if max_bytes is None else max_bytes
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except Exception:  # any file that is no zip is the same error for the user
        raise damaged() from None
    finally:
        file.seek(0)
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > limit:
        raise UploadError(
            _(
                "Die Datei ist entpackt größer als %(max)s. Bitte laden Sie eine kleinere Datei "
                "hoch oder teilen Sie sie auf."
            )
            % {"max": size_text(limit)}
        )


def read_xlsx(file, *, max_rows=None):
    """Every sheet of an .xlsx upload as {sheet name: [row values, …]}, read completely; a
    row's tuple ends with its last cell.

    Rows are counted with the blank ones (a row number is a row number), at most `max_rows`
    (default UPLOAD_MAX_ROWS) per sheet; a value beyond column MAX_COLUMNS is refused.
    Raises UploadError with a German message for anything that cannot be read.
    """
    max_rows = settings.UPLOAD_MAX_ROWS if max_rows is None else max_rows
    check_zip(file)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
        try:
            return {name: _rows(workbook[name], name, max_rows) for name in workbook.sheetnames}
        finally:
            workbook.close()
    except UploadError:
        raise
    except Exception:  # XML, zlib, checksum, openpyxl errors: all mean a damaged file
        raise damaged() from None


def _rows(sheet, name, max_rows):
    # The stated dimension may be anything: pad each row only up to its last real cell.
    sheet.reset_dimensions()
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > max_rows:
            raise UploadError(
                _(
                    "Das Tabellenblatt „%(name)s“ hat mehr als %(max)s Zeilen. Bitte teilen Sie "
                    "die Datei auf."
                )
                % {"name": name, "max": count_text(max_rows)}
            )
        if len(values) > MAX_COLUMNS:
            if any(v not in (None, "") for v in values[MAX_COLUMNS:]):
                raise UploadError(
                    _(
                        "Das Tabellenblatt „%(name)s“ hat mehr als %(max)s Spalten. Bitte "
                        "löschen Sie die Einträge rechts davon."
                    )
                    % {"name": name, "max": MAX_COLUMNS}
                )
            values = values[:MAX_COLUMNS]
        rows.append(tuple(values))
    return rows


def json_too_deep(text, max_depth):
    """Whether JSON `text` nests arrays and objects deeper than `max_depth`.

    Python's json parser recurses once per level and fails with a RecursionError somewhere
    past a thousand; checking first keeps that out of every form that takes JSON.
    """
    depth = 0
    for match in JSON_TOKEN.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > max_depth:
                return True
        elif token in ("]", "}"):
            depth -= 1
    return False
