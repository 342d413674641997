"""Kennzahlen as CSV: read and check an upload row by row, import it in one go, and export.

The export is streamed by gwa_portal.core.csv_export; this module gives it the rows.

Import and export share one format (`quartier;jahr;merkmal;wert;quelle`), so an export can be
edited in a spreadsheet and imported again unchanged.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gwa_portal.core.audit import changed_copy, log_bulk_create, log_bulk_update
from gwa_portal.core.csv_import import (
    CsvFormat,
    ParseResult,
    RowError,
    delimiter_by_header,
    parse_text,
    read_upload,
    unescape,
)

from .models import Kennzahl, Merkmal, Quartier
from .models.kennzahlen import FIRST_YEAR, LAST_YEAR

COLUMNS = ("quartier", "jahr", "merkmal", "wert", "quelle")
REQUIRED_COLUMNS = ("quartier", "jahr", "merkmal", "wert")
MAX_ROWS = 20_000
MAX_QUELLE = Kennzahl._meta.get_field("quelle").max_length
MAX_INTEGER_DIGITS = 10  # Kennzahl.wert: 12 digits, 2 of them after the decimal separator

NUMBER = re.compile(r"\d+(\.\d+)?")
THOUSANDS_GROUPED = re.compile(r"\d{1,3}(\.\d{3})+")


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


class KennzahlenResult(ParseResult):
    """The checked file, with the counts the preview shows."""

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


@dataclass
class ImportSummary:
    created: int
    updated: int
    unchanged: int


def parse_kennzahlen_csv(file):
    """Read an uploaded CSV (bytes, UTF-8 with or without BOM) and check every row."""
    return read_upload(file, KENNZAHLEN_FORMAT, max_rows=MAX_ROWS)


def parse_kennzahlen_text(text):
    """Check every row of CSV `text`; the result lists the rows and all errors found."""
    return parse_text(text, KENNZAHLEN_FORMAT, max_rows=MAX_ROWS)


def _duplicate_keys(rows):
    """A row repeating the Quartier, Merkmal and year of an earlier one is an error; the valid
    rows learn the stored value they would replace."""
    errors, seen = [], {}
    for row in rows:
        if not row.valid:
            continue
        first = seen.setdefault(row.key, row.row)
        if first != row.row:
            row.valid = False
            errors.append(
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
                    row=row.row,
                )
            )
    _attach_existing(rows)
    return errors


def _parse_row(raw):
    values, quartiere, error = raw.values, raw.lookups, raw.error
    row = ImportRow(row=raw.number, cells=values)

    slug = unescape(values["quartier"]).lower()
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
    elif not jahr.isdecimal():  # isdigit() would let "²" through to int()
        error(_("„%(value)s“ ist keine Jahreszahl.") % {"value": jahr}, "jahr")
    elif len(jahr) > 4 or not FIRST_YEAR <= int(jahr) <= LAST_YEAR:
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

    quelle = unescape(values["quelle"])
    if raw.delimiter == "," and quelle.isdigit() and row.wert is not None:
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

    row.valid = not raw.errors
    return row


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


KENNZAHLEN_FORMAT = CsvFormat(
    columns=COLUMNS,
    required=REQUIRED_COLUMNS,
    no_rows_message=gettext_lazy("Die Datei enthält nur die Kopfzeile, aber keine Kennzahlen."),
    parse_row=_parse_row,
    lookups=lambda: {q.slug: q for q in Quartier.objects.only("pk", "slug", "name")},
    check_rows=_duplicate_keys,
    result_class=KennzahlenResult,
    # The preview shows the cells as written; only Quartier and Quelle are unescaped.
    unescape_cells=False,
    find_delimiter=delimiter_by_header,
    missing_message=gettext_lazy(
        "Es fehlen die Spalte(n) %(columns)s. Die erste Zeile muss die Spaltennamen "
        "enthalten: %(expected)s"
    ),
    comma_hint=gettext_lazy(
        " Steht ein Dezimalkomma ohne Anführungszeichen in einer mit Komma getrennten Datei?"
    ),
)


def export_rows(queryset):
    """The rows of `queryset` in the import format, for `streamed_csv(…, COLUMNS, rows)`."""
    rows = queryset.values_list("quartier__slug", "jahr", "merkmal", "wert", "quelle")
    for slug, jahr, merkmal, wert, quelle in rows.iterator(chunk_size=2000):
        yield slug, jahr, merkmal, format_wert(wert), quelle
