"""Personen and Akteur:innen as CSV: check an upload row by row, import it in one go, and
export in the same format, so that an export can be edited and imported elsewhere.

The reader (`read_upload`, `parse_text`) is shared; `akteure_csv.py` holds the Akteur:innen
format. Personen columns: name;email;telefon;funktion;akteur;einwilligung_am;einwilligung_zweck. The
import only adds Personen: an e-mail address already in the directory (or twice in the file) is
a row error, and so is an Akteur:in name that does not exist (a typo must not create a new one).
"""

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gwa_portal.core.audit import log_bulk_create
from gwa_portal.core.csv_export import FORMULA_STARTS, streamed_csv
from quartiere.kennzahlen_csv import RowError

from .models import Akteur, Person

PERSON_COLUMNS = (
    "name",
    "email",
    "telefon",
    "funktion",
    "akteur",
    "einwilligung_am",
    "einwilligung_zweck",
)
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5_000
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d")


@dataclass
class ImportRow:
    """One data row: the cells as written, and the Person to create when the row is valid."""

    row: int
    cells: dict
    valid: bool = False
    akteur: Akteur | None = None
    person: Person | None = None


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


@dataclass(frozen=True)
class CsvFormat:
    """What one kind of import reads: its columns and how to check a row and the whole file.

    `lookups()` runs once per file (e.g. the Akteur:innen by name); `parse_row(number, values,
    lookups, errors)` returns the row and appends RowErrors to `errors`; `check_rows(rows)`
    returns the errors across rows (duplicates in the file or the database).
    """

    columns: tuple
    required: tuple
    no_rows_message: str
    parse_row: Callable
    lookups: Callable = dict
    check_rows: Callable = lambda rows: []


def _failed(message):
    return ParseResult(errors=[RowError(message)])


def unescape(value):
    """Undo the export's formula neutralisation, so that an export imports unchanged."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def parse_date(text):
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def read_upload(file, csv_format):
    """Read an uploaded CSV (bytes, UTF-8 with or without BOM) and check every row."""
    data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return _failed(
            _("Die Datei ist größer als 2 MB. Bitte teilen Sie sie in mehrere Dateien auf.")
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _failed(
            _(
                "Die Datei ist nicht in UTF-8 gespeichert. Speichern Sie sie zum Beispiel in Excel "
                "als „CSV UTF-8 (durch Trennzeichen getrennt)“ und laden Sie sie erneut hoch."
            )
        )
    return parse_text(text, csv_format)


def parse_text(text, csv_format):
    """Check every row of CSV `text`; the result lists the rows and all errors found."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return _failed(_("Die Datei ist leer."))
    if "\x00" in text:
        return _failed(_("Die Datei ist keine Textdatei. Bitte laden Sie eine CSV-Datei hoch."))
    header_line = next(line for line in text.splitlines() if line.strip())
    delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _parse_records(records, text, csv_format)
    except csv.Error as error:
        return _failed(
            _("Die Datei ist keine lesbare CSV-Datei (Zeile %(row)s: %(error)s).")
            % {"row": records.line_num, "error": error}
        )


def _quoted(names):
    return ", ".join(f"„{n}“" for n in names)


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
        errors.append(
            RowError(
                ngettext(
                    "Es fehlt die Spalte %(columns)s. Die erste Zeile muss die Spaltennamen "
                    "enthalten: %(expected)s",
                    "Es fehlen die Spalten %(columns)s. Die erste Zeile muss die Spaltennamen "
                    "enthalten: %(expected)s",
                    len(missing),
                )
                % {"columns": _quoted(missing), "expected": ";".join(columns)}
            )
        )
    if unknown:
        errors.append(
            RowError(
                _("Unbekannte Spalte(n) %(columns)s. Erlaubt sind: %(allowed)s.")
                % {"columns": _quoted(unknown), "allowed": ", ".join(columns)}
            )
        )
    return errors


def _parse_records(records, text, csv_format):
    header, header_row = None, 0
    for cells in records:
        header_row += 1
        if any(c.strip() for c in cells):
            header = [c.strip().lower() for c in cells]
            break
    if header is None:
        return _failed(_("Die Datei ist leer."))
    errors = _check_header(header, csv_format)
    if errors:
        return ParseResult(errors=errors)

    lookups = csv_format.lookups()
    result = ParseResult(text=text)
    for number, cells in enumerate(records, start=header_row + 1):
        if not any(c.strip() for c in cells):
            continue
        if len(result.rows) == MAX_ROWS:
            return _failed(
                _(
                    "Die Datei hat mehr als %(max)s Datenzeilen. Bitte teilen Sie sie in mehrere Dateien auf."
                )
                % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
            )
        row_errors = []
        extra = [c for c in cells[len(header) :] if c.strip()]
        if extra:
            row_errors.append(
                RowError(
                    _("Die Zeile hat %(found)s Werte, erwartet sind %(expected)s.")
                    % {"found": len(cells), "expected": len(header)},
                    row=number,
                )
            )
        values = dict.fromkeys(csv_format.columns, "")
        for i, name in enumerate(header):
            if name and i < len(cells):
                values[name] = unescape(cells[i].strip())
        result.rows.append(csv_format.parse_row(number, values, lookups, row_errors))
        result.errors.extend(row_errors)
    if not result.rows:
        return _failed(str(csv_format.no_rows_message))
    result.errors.extend(csv_format.check_rows(result.rows))
    columns = csv_format.columns
    result.errors.sort(key=lambda e: (e.row or 0, columns.index(e.column) if e.column else -1))
    return result


def check_lengths(model, values, columns, error):
    """A RowError for each value longer than its model field allows."""
    for column in columns:
        limit = model._meta.get_field(column).max_length
        if len(values[column]) > limit:
            error(_("Höchstens %(max)s Zeichen.") % {"max": limit}, column)


def check_email(values, error):
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            error(
                _("„%(value)s“ ist keine gültige E-Mail-Adresse.") % {"value": values["email"]},
                "email",
            )


# --- Personen --------------------------------------------------------------------------------


def parse_personen_csv(file):
    return read_upload(file, PERSONEN_FORMAT)


def parse_personen_text(text):
    return parse_text(text, PERSONEN_FORMAT)


def _parse_person_row(number, values, akteure, errors):
    def error(message, column=None):
        errors.append(RowError(message, row=number, column=column))

    row = ImportRow(row=number, cells=values)
    check_lengths(
        Person, values, ("name", "email", "telefon", "funktion", "einwilligung_zweck"), error
    )
    if not values["name"]:
        error(_("Bitte geben Sie den Namen an."), "name")
    check_email(values, error)

    if values["akteur"]:
        row.akteur = akteure.get(values["akteur"].casefold())
        if row.akteur is None:
            error(
                _(
                    "Unbekannte Akteur:in „%(name)s“. Legen Sie sie zuerst im Verzeichnis an oder "
                    "schreiben Sie den Namen genau so wie dort."
                )
                % {"name": values["akteur"]},
                "akteur",
            )

    einwilligung_am = None
    if values["einwilligung_am"]:
        try:
            einwilligung_am = parse_date(values["einwilligung_am"])
        except ValueError:
            error(
                _("„%(value)s“ ist kein Datum. Schreiben Sie TT.MM.JJJJ oder JJJJ-MM-TT.")
                % {"value": values["einwilligung_am"]},
                "einwilligung_am",
            )
        else:
            if einwilligung_am > timezone.localdate():
                error(_("Das Datum der Einwilligung liegt in der Zukunft."), "einwilligung_am")
    if values["email"] or values["telefon"]:
        if not values["einwilligung_am"]:
            error(
                _("Mit E-Mail oder Telefon ist das Datum der Einwilligung Pflicht."),
                "einwilligung_am",
            )
        if not values["einwilligung_zweck"]:
            error(
                _("Mit E-Mail oder Telefon ist der Zweck der Speicherung Pflicht."),
                "einwilligung_zweck",
            )

    row.valid = not errors
    if row.valid:
        row.person = Person(
            name=values["name"],
            email=values["email"],
            telefon=values["telefon"],
            funktion=values["funktion"],
            akteur=row.akteur,
            einwilligung_am=einwilligung_am,
            einwilligung_zweck=values["einwilligung_zweck"],
        )
    return row


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


def _duplicate_emails(rows):
    return unique_values(
        rows,
        column="email",
        model=Person,
        twice=_("Die E-Mail-Adresse steht schon in Zeile %(first)s."),
        taken=_("Eine Person mit dieser E-Mail-Adresse ist schon im Verzeichnis."),
    )


PERSONEN_FORMAT = CsvFormat(
    columns=PERSON_COLUMNS,
    required=("name",),
    no_rows_message=gettext_lazy("Die Datei enthält nur die Kopfzeile, aber keine Personen."),
    parse_row=_parse_person_row,
    lookups=lambda: {a.name.casefold(): a for a in Akteur.objects.only("pk", "name")},
    check_rows=_duplicate_emails,
)


@dataclass
class ImportSummary:
    created: int


def import_personen(*, rows):
    """Create the Personen of `rows` in one transaction; only a fully valid file gets here."""
    if not rows or not all(r.valid for r in rows):
        raise ValueError("Only a fully valid file may be imported.")
    with transaction.atomic():
        personen = Person.objects.bulk_create([r.person for r in rows], batch_size=1000)
        log_bulk_create(personen)
    return ImportSummary(created=len(rows))


def personen_csv_response(queryset, filename="personen.csv"):
    """The Personen of `queryset` as a streamed download in the import format."""
    rows = queryset.values_list(
        "name",
        "email",
        "telefon",
        "funktion",
        "akteur__name",
        "einwilligung_am",
        "einwilligung_zweck",
    ).order_by("name", "pk")
    return streamed_csv(filename, PERSON_COLUMNS, rows.iterator(chunk_size=2000))
