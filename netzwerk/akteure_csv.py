"""Akteur:innen as CSV: the export and the import in the same columns, so that an export can be
edited and imported elsewhere (the reader is gwa_portal.core.csv_import).

Columns: name;art;quartiere;adresse;web;telefon;email;beschreibung;aktiv. `art` is the value
(verein) or the label (Verein); `quartiere` names (or short names) separated by comma or
semicolon. The import only adds Akteur:innen: a name already in the directory (or twice in the
file) is a row error, so that an upload never overwrites what someone maintained by hand.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gwa_portal.core.audit import log_bulk_create, log_bulk_m2m_add
from gwa_portal.core.csv_export import streamed_csv
from gwa_portal.core.csv_import import (
    CsvFormat,
    check_email,
    check_lengths,
    parse_text,
    read_upload,
    unique_values,
)
from quartiere.models import Quartier

from .models import Akteur
from .verzeichnis_csv import MAX_ROWS

AKTEUR_COLUMNS = (
    "name",
    "art",
    "quartiere",
    "adresse",
    "web",
    "telefon",
    "email",
    "beschreibung",
    "aktiv",
)
YES = {"ja", "j", "true", "wahr", "1", "x"}
NO = {"nein", "n", "false", "falsch", "0"}


@dataclass
class AkteurRow:
    """One data row: the cells as written, and what to create when the row is valid."""

    row: int
    cells: dict
    valid: bool = False
    akteur: Akteur | None = None
    quartiere: list = field(default_factory=list)


def _lookups():
    arten = {}
    for value, label in Akteur.Art.choices:
        arten[value.casefold()] = value
        arten[str(label).casefold()] = value
    quartiere = {}
    for quartier in Quartier.objects.only("pk", "name", "slug"):
        quartiere[quartier.slug.casefold()] = quartier
        quartiere[quartier.name.casefold()] = quartier
    return {"arten": arten, "quartiere": quartiere}


def _parse_akteur_row(raw):
    values, lookups, error = raw.values, raw.lookups, raw.error
    row = AkteurRow(row=raw.number, cells=values)
    check_lengths(raw, Akteur, ("name", "telefon", "email", "web"))
    if not values["name"]:
        error(_("Bitte geben Sie den Namen der Organisation an."), "name")

    art = lookups["arten"].get(values["art"].casefold())
    if not values["art"]:
        error(_("Bitte geben Sie die Art der Organisation an."), "art")
    elif art is None:
        error(
            _("Unbekannte Art „%(value)s“. Erlaubt sind: %(allowed)s.")
            % {
                "value": values["art"],
                "allowed": ", ".join(str(label) for _value, label in Akteur.Art.choices),
            },
            "art",
        )

    for name in (n.strip() for n in re.split(r"[,;]", values["quartiere"])):
        if not name:
            continue
        quartier = lookups["quartiere"].get(name.casefold())
        if quartier is None:
            error(
                _("Unbekanntes Quartier „%(name)s“. Schreiben Sie den Namen genau wie im Portal.")
                % {"name": name},
                "quartiere",
            )
        elif quartier not in row.quartiere:
            row.quartiere.append(quartier)

    if values["web"]:
        try:
            URLValidator(schemes=["http", "https"])(values["web"])
        except ValidationError:
            error(
                _("„%(value)s“ ist keine Internetadresse. Sie beginnt mit https:// oder http://.")
                % {"value": values["web"]},
                "web",
            )
    check_email(raw)

    aktiv = values["aktiv"].casefold()
    if aktiv and aktiv not in YES | NO:
        error(
            _("„%(value)s“: Bitte schreiben Sie „ja“ oder „nein“ (leer: ja).")
            % {"value": values["aktiv"]},
            "aktiv",
        )

    row.valid = not raw.errors
    if row.valid:
        row.akteur = Akteur(
            name=values["name"],
            art=art,
            adresse=values["adresse"],
            web=values["web"],
            telefon=values["telefon"],
            email=values["email"],
            beschreibung=values["beschreibung"],
            aktiv=aktiv not in NO,
        )
    return row


def _duplicate_names(rows):
    return unique_values(
        rows,
        column="name",
        model=Akteur,
        twice=_("Der Name steht schon in Zeile %(first)s."),
        taken=_(
            "Es gibt schon eine Akteur:in mit diesem Namen. Der Import legt nur neue an; "
            "ändern Sie die bestehende im Verzeichnis."
        ),
    )


AKTEURE_FORMAT = CsvFormat(
    columns=AKTEUR_COLUMNS,
    required=("name", "art"),
    no_rows_message=gettext_lazy("Die Datei enthält nur die Kopfzeile, aber keine Akteur:innen."),
    parse_row=_parse_akteur_row,
    lookups=_lookups,
    check_rows=_duplicate_names,
)


def parse_akteure_csv(file):
    return read_upload(file, AKTEURE_FORMAT, max_rows=MAX_ROWS)


def parse_akteure_text(text):
    return parse_text(text, AKTEURE_FORMAT, max_rows=MAX_ROWS)


def import_akteure(*, rows):
    """Create the Akteur:innen of `rows` with their Quartiere in one transaction; only a fully
    valid file gets here. Returns the number created."""
    if not rows or not all(r.valid for r in rows):
        raise ValueError("Only a fully valid file may be imported.")
    with transaction.atomic():
        akteure = Akteur.objects.bulk_create([r.akteur for r in rows], batch_size=1000)
        Through = Akteur.quartiere.through
        Through.objects.bulk_create(
            [
                Through(akteur_id=akteur.pk, quartier_id=quartier.pk)
                for akteur, row in zip(akteure, rows, strict=True)
                for quartier in row.quartiere
            ],
            batch_size=1000,
        )
        log_bulk_create(akteure)
        log_bulk_m2m_add(
            "quartiere", [(a, r.quartiere) for a, r in zip(akteure, rows, strict=True)]
        )
    return len(akteure)


def akteure_csv_response(queryset, filename="akteure.csv"):
    """Akteur:innen in the import format, with the names of their Quartiere."""
    akteure = queryset.prefetch_related("quartiere").order_by("name", "pk")

    def rows():
        for akteur in akteure.iterator(chunk_size=500):
            yield [
                akteur.name,
                akteur.art,
                ", ".join(sorted(q.name for q in akteur.quartiere.all())),
                akteur.adresse,
                akteur.web,
                akteur.telefon,
                akteur.email,
                akteur.beschreibung,
                akteur.aktiv,
            ]

    return streamed_csv(filename, AKTEUR_COLUMNS, rows())
