"""Personen as CSV: check an upload row by row, import it in one go, and export in the same
format, so that an export can be edited and imported elsewhere (reader: core.csv_import).

Columns: name;email;telefon;funktion;akteur;einwilligung_am;einwilligung_zweck. The import only
adds Personen: an e-mail address already in the directory (or twice in the file) is a row error,
and so is an Akteur:in name that does not exist (a typo must not create a new one).
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gwa_portal.core.audit import log_bulk_create
from gwa_portal.core.csv_export import streamed_csv
from gwa_portal.core.csv_import import (
    CsvFormat,
    check_email,
    check_lengths,
    parse_text,
    read_upload,
    unique_values,
)

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


def parse_date(text):
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


# --- Personen --------------------------------------------------------------------------------


def parse_personen_csv(file):
    return read_upload(file, PERSONEN_FORMAT, max_rows=MAX_ROWS)


def parse_personen_text(text):
    return parse_text(text, PERSONEN_FORMAT, max_rows=MAX_ROWS)


def _parse_person_row(raw):
    values, error = raw.values, raw.error
    row = ImportRow(row=raw.number, cells=values)
    check_lengths(raw, Person, ("name", "email", "telefon", "funktion", "einwilligung_zweck"))
    if not values["name"]:
        error(_("Bitte geben Sie den Namen an."), "name")
    check_email(raw)

    if values["akteur"]:
        row.akteur = raw.lookups.get(values["akteur"].casefold())
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

    row.valid = not raw.errors
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
