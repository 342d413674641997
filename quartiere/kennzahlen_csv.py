"""Kennzahlen as CSV: read and check an upload row by row, import it in one go, and export.

The export is streamed by gwa_portal.core.csv_export; this module gives it the rows.

Import and export share one format (`quartier;jahr;merkmal;wert;quelle`), so an export can be
edited in a spreadsheet and imported again unchanged.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from gwa_portal.core.audit import changed_copy, log_bulk_create, log_bulk_update
from gwa_portal.core.csv_export import FORMULA_STARTS

from .models import Kennzahl, Merkmal, Quartier
from .models.kennzahlen import FIRST_YEAR, LAST_YEAR

COLUMNS = ("quartier", "jahr", "merkmal", "wert", "quelle")
REQUIRED_COLUMNS = ("quartier", "jahr", "merkmal", "wert")
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
MAX_QUELLE = Kennzahl._meta.get_field("quelle").max_length
MAX_INTEGER_DIGITS = 10  # Kennzahl.wert: 12 digits, 2 of them after the decimal separator

TEXT_COLUMNS = ("quartier", "quelle")

NUMBER = re.compile(r"\d+(\.\d+)?")
THOUSANDS_GROUPED = re.compile(r"\d{1,3}(\.\d{3})+")


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
class ImportRow:
    """One data row: the cells as written, and the checked values when the row is valid."""

    row: int
    cells: dict
    valid: bool = False
    quartier: Quartier | None = None
    jahr: int | None = None
    merkmal: str | None = None
    wert: Decimal | None = None
    quelle: str = ""
    existing: Kennzahl | None = None

    @property
    def key(self):
        return (self.quartier.pk, self.merkmal, self.jahr)

    @property
    def merkmal_label(self):
        return Merkmal(self.merkmal).label if self.merkmal else ""

    @property
    def status(self):
        """neu, aktualisiert, unverändert or fehlerhaft (for the preview)."""
        if not self.valid:
            return "fehlerhaft"
        if self.existing is None:
            return "neu"
        if self.existing.wert == self.wert and self.existing.quelle == self.quelle:
            return "unverändert"
        return "aktualisiert"


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

    def _count(self, status):
        return sum(1 for r in self.rows if r.status == status)

    @property
    def new_count(self):
        return self._count("neu")

    @property
    def update_count(self):
        return self._count("aktualisiert")

    @property
    def unchanged_count(self):
        return self._count("unverändert")

    @property
    def invalid_count(self):
        return self._count("fehlerhaft")


@dataclass
class ImportSummary:
    created: int
    updated: int
    unchanged: int


def _failed(message):
    return ParseResult(errors=[RowError(message)])


def parse_kennzahlen_csv(file):
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
    return parse_kennzahlen_text(text)


def parse_kennzahlen_text(text):
    """Check every row of CSV `text`; the result lists the rows and all errors found."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return _failed(_("Die Datei ist leer."))
    if "\x00" in text:
        return _failed(_("Die Datei ist keine Textdatei. Bitte laden Sie eine CSV-Datei hoch."))
    header_line = next(line for line in text.splitlines() if line.strip())
    delimiter = _detect_delimiter(header_line)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _parse_records(records, delimiter, text)
    except csv.Error as error:
        return _failed(
            _("Die Datei ist keine lesbare CSV-Datei (Zeile %(row)s: %(error)s).")
            % {"row": records.line_num, "error": error}
        )


def _header(line, delimiter):
    cells = next(csv.reader([line], delimiter=delimiter), [])
    return [c.strip().lower() for c in cells]


def _detect_delimiter(header_line):
    """`;` (German spreadsheets, our export) or `,`: whichever yields the expected header."""
    for delimiter in (";", ","):
        if set(REQUIRED_COLUMNS) <= set(_header(header_line, delimiter)):
            return delimiter
    return max((";", ","), key=lambda d: len(_header(header_line, d)))


def _check_header(header):
    named = [c for c in header if c]
    duplicates = sorted({c for c in named if named.count(c) > 1})
    missing = [c for c in REQUIRED_COLUMNS if c not in named]
    unknown = [c for c in named if c not in COLUMNS]
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
                _(
                    "Es fehlen die Spalte(n) %(columns)s. Die erste Zeile muss die Spaltennamen "
                    "enthalten: %(expected)s"
                )
                % {"columns": _quoted(missing), "expected": ";".join(COLUMNS)}
            )
        )
    if unknown:
        errors.append(
            RowError(
                _("Unbekannte Spalte(n) %(columns)s. Erlaubt sind: %(allowed)s.")
                % {"columns": _quoted(unknown), "allowed": ", ".join(COLUMNS)}
            )
        )
    return errors


def _quoted(names):
    return ", ".join(f"„{n}“" for n in names)


def _parse_records(records, delimiter, text):
    header, header_row = None, 0
    for cells in records:
        header_row += 1
        if any(c.strip() for c in cells):
            header = [c.strip().lower() for c in cells]
            break
    if header is None:
        return _failed(_("Die Datei ist leer."))
    errors = _check_header(header)
    if errors:
        return ParseResult(errors=errors)

    quartiere = {q.slug: q for q in Quartier.objects.only("pk", "slug", "name")}
    result = ParseResult(text=text)
    seen = {}
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
        row, row_errors = _parse_row(number, header, cells, delimiter, quartiere)
        if row.valid:
            first = seen.setdefault(row.key, number)
            if first != number:
                row.valid = False
                row_errors.append(
                    RowError(
                        _(
                            "Quartier „%(quartier)s“, Merkmal „%(merkmal)s“ und Jahr %(jahr)s "
                            "stehen schon in Zeile %(first)s."
                        )
                        % {
                            "quartier": row.quartier.slug,
                            "merkmal": row.merkmal,
                            "jahr": row.jahr,
                            "first": first,
                        },
                        row=number,
                    )
                )
        result.rows.append(row)
        result.errors.extend(row_errors)
    if not result.rows:
        return _failed(_("Die Datei enthält nur die Kopfzeile, aber keine Kennzahlen."))
    _attach_existing(result.rows)
    return result


def _parse_row(number, header, cells, delimiter, quartiere):
    errors = []

    def error(message, column=None):
        errors.append(RowError(message, row=number, column=column))

    extra = [c for c in cells[len(header) :] if c.strip()]
    if extra:
        hint = (
            _(" Steht ein Dezimalkomma ohne Anführungszeichen in einer mit Komma getrennten Datei?")
            if delimiter == ","
            else ""
        )
        error(
            _("Die Zeile hat %(found)s Werte, erwartet sind %(expected)s.")
            % {"found": len(cells), "expected": len(header)}
            + hint
        )
    values = {
        name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header) if name
    }
    row = ImportRow(row=number, cells=values)

    slug = _unescape(values["quartier"]).lower()
    if not slug:
        error(_("Bitte geben Sie den Kurznamen des Quartiers an."), "quartier")
    elif slug not in quartiere:
        error(
            _(
                "Unbekanntes Quartier „%(slug)s“. Verwenden Sie den Kurznamen aus der Adresse der "
                "Quartiersseite, z. B. „alte-mitte“."
            )
            % {"slug": slug},
            "quartier",
        )
    else:
        row.quartier = quartiere[slug]

    jahr = values["jahr"]
    if not jahr:
        error(_("Bitte geben Sie das Jahr an."), "jahr")
    elif not jahr.isdigit():
        error(_("„%(value)s“ ist keine Jahreszahl.") % {"value": jahr}, "jahr")
    elif not FIRST_YEAR <= int(jahr) <= LAST_YEAR:
        error(
            _("Das Jahr muss zwischen %(first)s und %(last)s liegen.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
            "jahr",
        )
    else:
        row.jahr = int(jahr)

    merkmal = values["merkmal"].lower()
    if not merkmal:
        error(_("Bitte geben Sie das Merkmal an."), "merkmal")
    elif merkmal not in Merkmal.values:
        error(
            _("Unbekanntes Merkmal „%(value)s“. Erlaubt sind: %(allowed)s.")
            % {"value": values["merkmal"], "allowed": ", ".join(Merkmal.values)},
            "merkmal",
        )
    else:
        row.merkmal = merkmal

    try:
        row.wert = parse_wert(values["wert"], percentage=merkmal in Merkmal.percentages())
    except ValueError as problem:
        error(str(problem), "wert")

    quelle = _unescape(values.get("quelle", ""))
    if delimiter == "," and quelle.isdigit() and row.wert is not None:
        # "12,5" unquoted in a comma file splits into wert 12 and quelle 5: never guess.
        error(
            _(
                "Ist „%(wert)s,%(rest)s“ gemeint? In einer mit Komma getrennten Datei muss eine Zahl "
                "mit Dezimalkomma in Anführungszeichen stehen („%(wert)s,%(rest)s“) – oder "
                "verwenden Sie Semikolons als Trennzeichen."
            )
            % {"wert": values["wert"], "rest": quelle},
            "wert",
        )
    if len(quelle) > MAX_QUELLE:
        error(
            _("Die Quelle darf höchstens %(max)s Zeichen lang sein.") % {"max": MAX_QUELLE},
            "quelle",
        )
    row.quelle = quelle

    row.valid = not errors
    return row, errors


def parse_wert(text, *, percentage=False):
    """A Kennzahl value from a cell: decimal comma or point, no thousands separators."""
    text = text.replace("\u00a0", "").replace(" ", "")
    if not text:
        raise ValueError(_("Bitte geben Sie den Wert an."))
    if text.startswith("-"):
        raise ValueError(_("Der Wert darf nicht negativ sein."))
    if THOUSANDS_GROUPED.fullmatch(text) or ("," in text and "." in text):
        raise ValueError(
            _(
                "„%(value)s“ ist mehrdeutig. Schreiben Sie Zahlen ohne Tausenderpunkt (1234) und mit "
                "Komma oder Punkt vor den Nachkommastellen (12,5)."
            )
            % {"value": text}
        )
    normalized = text.replace(",", ".")
    if not NUMBER.fullmatch(normalized):
        raise ValueError(
            _("„%(value)s“ ist keine Zahl. Beispiele: 1234 oder 12,5.") % {"value": text}
        )
    integer, _sep, decimals = normalized.partition(".")
    if len(decimals) > 2:
        raise ValueError(_("Bitte höchstens zwei Nachkommastellen angeben."))
    if len(integer.lstrip("0")) > MAX_INTEGER_DIGITS:
        raise ValueError(_("Der Wert ist zu groß."))
    wert = Decimal(normalized)
    if percentage and wert > 100:
        raise ValueError(_("Ein Anteil in Prozent darf höchstens 100 sein."))
    return wert


def format_wert(wert):
    """1234.00 -> "1234", 12.50 -> "12,5": German spreadsheets read the comma as decimal."""
    text = f"{wert:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _unescape(value):
    """Undo the export's `neutralise`, so that an export imports unchanged."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _existing(rows):
    """The stored Kennzahlen for the keys of `rows`, by key, in one query."""
    keys = {r.key for r in rows if r.valid}
    if not keys:
        return {}
    candidates = Kennzahl.objects.filter(
        quartier_id__in={k[0] for k in keys}, jahr__in={k[2] for k in keys}
    ).only("pk", "quartier_id", "merkmal", "jahr", "wert", "quelle")
    return {
        (k.quartier_id, k.merkmal, k.jahr): k
        for k in candidates
        if (k.quartier_id, k.merkmal, k.jahr) in keys
    }


def _attach_existing(rows):
    existing = _existing(rows)
    for row in rows:
        if row.valid:
            row.existing = existing.get(row.key)


def import_kennzahlen(*, rows):
    """Write all `rows` in one transaction: new keys are added, existing values updated."""
    if not rows or not all(r.valid for r in rows):
        raise ValueError("Only a fully valid file may be imported.")
    with transaction.atomic():
        _attach_existing(rows)
        changed = [r for r in rows if r.status in ("neu", "aktualisiert")]
        written = Kennzahl.objects.bulk_create(
            [
                Kennzahl(
                    quartier=r.quartier,
                    jahr=r.jahr,
                    merkmal=r.merkmal,
                    wert=r.wert,
                    quelle=r.quelle,
                )
                for r in changed
            ],
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["quartier", "merkmal", "jahr"],
            update_fields=["wert", "quelle", "updated_at"],
        )
        log_bulk_create(k for k, r in zip(written, changed, strict=True) if r.existing is None)
        updated = [r for r in changed if r.existing is not None]
        for r in updated:
            r.existing.quartier = r.quartier  # the entry's name, without a query per row
        log_bulk_update(
            [(r.existing, changed_copy(r.existing, wert=r.wert, quelle=r.quelle)) for r in updated],
            fields=["wert", "quelle"],
        )
    return ImportSummary(
        created=sum(1 for r in changed if r.existing is None),
        updated=sum(1 for r in changed if r.existing is not None),
        unchanged=len(rows) - len(changed),
    )


def export_rows(queryset):
    """The rows of `queryset` in the import format, for `streamed_csv(…, COLUMNS, rows)`."""
    rows = queryset.values_list("quartier__slug", "jahr", "merkmal", "wert", "quelle")
    for slug, jahr, merkmal, wert, quelle in rows.iterator(chunk_size=2000):
        yield slug, jahr, merkmal, format_wert(wert), quelle
