"""The reader behind every CSV import: decode the upload, find the header, check every row and
report all problems in German with row numbers; an import writes only a file without errors.

One kind of import is a `CsvFormat`: its columns, how to check one row (`parse_row`) and the
rows together (`check_rows`). The formats live with their models (Kennzahlen, Personen …).
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .csv_export import FORMULA_STARTS

MAX_BYTES = 2 * 1024 * 1024


@dataclass
class RowError:
    """One problem, at a row and column of the file (row None: the whole file)."""

    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self):
        if self.row is None:
            return self.message
        if self.column is None:
            return _("Zeile %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("Zeile %(row)s, Spalte „%(column)s“: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ParseResult:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    text: str = ""

    @property
    def file_errors(self):
        """Problems with the file as a whole (encoding, size, columns): no rows were read."""
        return [str(e) for e in self.errors if e.row is None]

    @property
    def is_valid(self):
        return bool(self.rows) and not self.errors

    @property
    def invalid_count(self):
        return sum(1 for r in self.rows if not r.valid)

    def errors_of(self, number):
        return [e for e in self.errors if e.row == number]


@dataclass
class RawRow:
    """One data row as `parse_row` gets it: the cells by column name, what `lookups()` found
    once for the file, the delimiter, and the list its errors go to."""

    number: int
    values: dict
    lookups: object
    delimiter: str
    errors: list = field(default_factory=list)

    def error(self, message, column=None):
        self.errors.append(RowError(message, row=self.number, column=column))


def delimiter_by_count(header_line, csv_format):
    """`;` unless the header line has more commas than semicolons."""
    return ";" if header_line.count(";") >= header_line.count(",") else ","


def _header(line, delimiter):
    cells = next(csv.reader([line], delimiter=delimiter), [])
    return [c.strip().lower() for c in cells]


def delimiter_by_header(header_line, csv_format):
    """`;` (German spreadsheets, our export) or `,`: whichever yields the required columns."""
    for delimiter in (";", ","):
        if set(csv_format.required) <= set(_header(header_line, delimiter)):
            return delimiter
    return max((";", ","), key=lambda d: len(_header(header_line, d)))


@dataclass(frozen=True)
class CsvFormat:
    """What one kind of import reads.

    `lookups()` runs once per file (e.g. the Quartiere by slug); `parse_row(raw)` returns the
    row object (with `.row`, `.cells` and `.valid`) and reports problems with `raw.error()`;
    `check_rows(rows)` returns the errors across rows (duplicates in the file or the database)
    and may mark rows invalid. With `unescape_cells` the export's formula protection is undone
    in every cell before `parse_row` sees it. `missing_message` replaces the plural-aware text
    for missing columns; `comma_hint` is added to a row with too many cells in a comma file.
    """

    columns: tuple
    required: tuple
    no_rows_message: str
    parse_row: Callable
    lookups: Callable = dict
    check_rows: Callable = lambda rows: []
    result_class: type = ParseResult
    unescape_cells: bool = True
    find_delimiter: Callable = delimiter_by_count
    missing_message: str | None = None
    comma_hint: str = ""

    def failed(self, message):
        return self.result_class(errors=[RowError(message)])


def unescape(value):
    """Undo the export's formula neutralisation, so that an export imports unchanged."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def read_upload(file, csv_format, *, max_rows):
    """Read an uploaded CSV (bytes, UTF-8 with or without BOM) and check every row."""
    data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return csv_format.failed(
            _("Die Datei ist größer als 2 MB. Bitte teilen Sie sie in mehrere Dateien auf.")
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return csv_format.failed(
            _(
                "Die Datei ist nicht in UTF-8 gespeichert. Speichern Sie sie zum Beispiel in Excel "
                "als „CSV UTF-8 (durch Trennzeichen getrennt)“ und laden Sie sie erneut hoch."
            )
        )
    return parse_text(text, csv_format, max_rows=max_rows)


def parse_text(text, csv_format, *, max_rows):
    """Check every row of CSV `text`; the result lists the rows and all errors found."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return csv_format.failed(_("Die Datei ist leer."))
    if "\x00" in text:
        return csv_format.failed(
            _("Die Datei ist keine Textdatei. Bitte laden Sie eine CSV-Datei hoch.")
        )
    header_line = next(line for line in text.splitlines() if line.strip())
    delimiter = csv_format.find_delimiter(header_line, csv_format)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _parse_records(records, delimiter, text, csv_format, max_rows)
    except csv.Error as error:
        return csv_format.failed(
            _("Die Datei ist keine lesbare CSV-Datei (Zeile %(row)s: %(error)s).")
            % {"row": records.line_num, "error": error}
        )


def _quoted(names):
    return ", ".join(f"„{n}“" for n in names)


def _missing_columns(missing, csv_format):
    values = {"columns": _quoted(missing), "expected": ";".join(csv_format.columns)}
    if csv_format.missing_message:
        return str(csv_format.missing_message) % values
    return (
        ngettext(
            "Es fehlt die Spalte %(columns)s. Die erste Zeile muss die Spaltennamen "
            "enthalten: %(expected)s",
            "Es fehlen die Spalten %(columns)s. Die erste Zeile muss die Spaltennamen "
            "enthalten: %(expected)s",
            len(missing),
        )
        % values
    )


def _check_header(header, csv_format):
    columns = csv_format.columns
    named = [c for c in header if c]
    duplicates = sorted({c for c in named if named.count(c) > 1})
    missing = [c for c in csv_format.required if c not in named]
    unknown = [c for c in named if c not in columns]
    errors = []
    if duplicates:
        errors.append(
            RowError(
                _("Die Spalte(n) %(columns)s kommen mehrfach vor.")
                % {"columns": _quoted(duplicates)}
            )
        )
    if missing:
        errors.append(RowError(_missing_columns(missing, csv_format)))
    if unknown:
        errors.append(
            RowError(
                _("Unbekannte Spalte(n) %(columns)s. Erlaubt sind: %(allowed)s.")
                % {"columns": _quoted(unknown), "allowed": ", ".join(columns)}
            )
        )
    return errors


def _parse_records(records, delimiter, text, csv_format, max_rows):
    header, header_row = None, 0
    for cells in records:
        header_row += 1
        if any(c.strip() for c in cells):
            header = [c.strip().lower() for c in cells]
            break
    if header is None:
        return csv_format.failed(_("Die Datei ist leer."))
    errors = _check_header(header, csv_format)
    if errors:
        return csv_format.result_class(errors=errors)

    lookups = csv_format.lookups()
    result = csv_format.result_class(text=text)
    for number, cells in enumerate(records, start=header_row + 1):
        if not any(c.strip() for c in cells):
            continue
        if len(result.rows) == max_rows:
            return csv_format.failed(
                _(
                    "Die Datei hat mehr als %(max)s Datenzeilen. Bitte teilen Sie sie in mehrere Dateien auf."
                )
                % {"max": f"{max_rows:,}".replace(",", ".")}
            )
        raw = RawRow(number, dict.fromkeys(csv_format.columns, ""), lookups, delimiter)
        if any(c.strip() for c in cells[len(header) :]):
            hint = str(csv_format.comma_hint) if delimiter == "," else ""
            raw.error(
                _("Die Zeile hat %(found)s Werte, erwartet sind %(expected)s.")
                % {"found": len(cells), "expected": len(header)}
                + hint
            )
        for i, name in enumerate(header):
            if name and i < len(cells):
                value = cells[i].strip()
                raw.values[name] = unescape(value) if csv_format.unescape_cells else value
        result.rows.append(csv_format.parse_row(raw))
        result.errors.extend(raw.errors)
    if not result.rows:
        return csv_format.failed(str(csv_format.no_rows_message))
    result.errors.extend(csv_format.check_rows(result.rows))
    columns = csv_format.columns
    result.errors.sort(key=lambda e: (e.row or 0, columns.index(e.column) if e.column else -1))
    return result


# --- Checks that several formats share --------------------------------------------------------


def check_lengths(raw, model, columns):
    """An error for each value longer than its model field allows."""
    for column in columns:
        limit = model._meta.get_field(column).max_length
        if len(raw.values[column]) > limit:
            raw.error(_("Höchstens %(max)s Zeichen.") % {"max": limit}, column)


def check_email(raw):
    email = raw.values["email"]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raw.error(
                _("„%(value)s“ ist keine gültige E-Mail-Adresse.") % {"value": email}, "email"
            )


def unique_values(rows, *, column, model, twice, taken):
    """Errors for values of `column` (case-insensitive) twice in the file (`twice`, with the
    first row as %(first)s) or already stored in `model` (`taken`); one query per 500 values."""
    errors, first = [], {}
    for row in rows:
        value = row.cells[column].lower()
        if not value:
            continue
        if value in first:
            row.valid = False
            errors.append(RowError(twice % {"first": first[value]}, row=row.row, column=column))
        else:
            first[value] = row.row
    values = list(first)
    stored = set()
    for start in range(0, len(values), 500):
        stored |= {
            value.lower()
            for value in model.objects.annotate(value_lower=Lower(column))
            .filter(value_lower__in=values[start : start + 500])
            .values_list(column, flat=True)
        }
    for row in rows:
        value = row.cells[column].lower()
        if value in stored and first.get(value) == row.row:
            row.valid = False
            errors.append(RowError(taken, row=row.row, column=column))
    return errors
