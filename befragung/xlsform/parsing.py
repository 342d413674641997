"""Parsing an XLSForm into questions: all or nothing, every problem reported with its row."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gwa_portal.core.uploads import UploadError, read_xlsx

from ..forms.baukasten_fragen import MAX_SKALA_STUFEN
from ..models import Frage
from .formats import (
    JANEIN,
    MATRIX_SEPARATOR,
    MAX_ROWS,
    METADATA_TYPES,
    NAME,
    QUARTIER,
    SMALLINT,
)
from .sheets import (
    XLSFormError,
    constraint_of,
    language_columns,
    language_of,
    range_of,
    read_sheet,
    relevant_of,
    required_of,
    row_error,
    texts_of,
)


@dataclass
class ParsedFrage:
    row: int
    typ: str
    name: str
    text: dict
    hilfe: dict
    pflicht: bool = False
    optionen: list = field(default_factory=list)  # (name, texts)
    zeilen: list = field(default_factory=list)  # (name, texts)
    skala: tuple | None = None  # (min, max, links, rechts)
    zahl: tuple = (None, None)
    bedingung: tuple | None = None  # (frage name, option name)
    list_name: str = ""


def read_workbook(file):
    """Every sheet of an XLSForm upload, read completely (XLSFormError if it cannot be)."""
    try:
        return read_xlsx(file, max_rows=MAX_ROWS)
    except UploadError as error:
        raise XLSFormError([error.message]) from None


def parse_sheets(workbook):
    """The questions of an XLSForm read by `read_workbook`, or XLSFormError by row."""
    errors = []
    _header, settings_rows = read_sheet(workbook, "settings", errors, required=False)
    settings = settings_rows[0][1] if settings_rows else {}
    default_language = language_of(settings.get("default_language", "") or "de") or "de"
    survey_header, survey_rows = read_sheet(workbook, "survey", errors)
    choices_header, choice_rows = read_sheet(workbook, "choices", errors, required=False)
    if errors:
        raise XLSFormError(errors)
    survey_columns = language_columns(survey_header, default_language, errors, "survey")
    choice_columns = language_columns(choices_header, default_language, errors, "choices")
    list_column = next(
        (c for c in choices_header if c.lower().replace(" ", "_") == "list_name"), "list_name"
    )
    lists = {}
    for number, cells in choice_rows:
        list_name, name = cells.get(list_column, ""), cells.get("name", "")
        if not list_name or not name:
            errors.append(
                _("Blatt „choices“, Zeile %(row)s: Es fehlen list_name oder name.")
                % {"row": number}
            )
            continue
        options = lists.setdefault(list_name, [])
        if any(option[1] == name for option in options):
            errors.append(
                _(
                    "Blatt „choices“, Zeile %(row)s: Die Auswahl „%(name)s“ kommt in der Liste "
                    "„%(list)s“ doppelt vor."
                )
                % {"row": number, "name": name, "list": list_name}
            )
            continue
        options.append((number, name, texts_of(cells, choice_columns, "label")))

    fragen, ignoriert, group = [], [], None
    for number, cells in survey_rows:
        parts = cells.get("type", "").split()
        kind = parts[0].lower() if parts else ""
        argument = parts[1] if len(parts) > 1 else ""
        name = cells.get("name", "")
        label = texts_of(cells, survey_columns, "label")
        hint = texts_of(cells, survey_columns, "hint")
        if kind in METADATA_TYPES:
            ignoriert.append(name or kind)
            continue
        if kind == "end_group":
            if group is None:
                errors.append(row_error(number, _("„end_group“ ohne passendes „begin_group“.")))
            else:
                if not group.zeilen:
                    errors.append(row_error(group.row, _("Die Gruppe enthält keine Fragen.")))
                fragen.append(group)
                group = None
            continue
        if not name:
            errors.append(row_error(number, _("Es fehlt die Kennung (name).")))
            continue
        if not NAME.match(name) or len(name) > 60:
            errors.append(
                row_error(
                    number,
                    _(
                        "Die Kennung „%(name)s“ darf nur Buchstaben, Ziffern, _ und - enthalten "
                        "(höchstens 60 Zeichen)."
                    )
                    % {"name": name},
                )
            )
            continue
        if kind == "begin_group":
            if group is not None:
                errors.append(
                    row_error(number, _("Verschachtelte Gruppen werden nicht unterstützt."))
                )
                continue
            if "field-list" not in cells.get("appearance", ""):
                errors.append(
                    row_error(
                        number,
                        _(
                            "Gruppen werden nur als Matrixfrage unterstützt "
                            "(appearance „field-list“, darin nur select_one mit derselben Liste)."
                        ),
                    )
                )
            group = ParsedFrage(
                number,
                Frage.Typ.MATRIX,
                name,
                label,
                hint,
                bedingung=relevant_of(cells.get("relevant", ""), number, errors),
            )
            continue
        pflicht = required_of(cells.get("required", ""), number, errors)
        if group is not None:
            if kind != "select_one" or (group.list_name and argument != group.list_name):
                errors.append(
                    row_error(
                        number,
                        _(
                            "In einer Matrixfrage sind nur „select_one“-Fragen mit derselben "
                            "Auswahlliste möglich."
                        ),
                    )
                )
                continue
            if cells.get("relevant"):
                errors.append(
                    row_error(
                        number, _("Bedingungen einzelner Matrixzeilen werden nicht unterstützt.")
                    )
                )
            group.list_name = argument
            prefix = f"{group.name}{MATRIX_SEPARATOR}"
            zeile = name[len(prefix) :] if name.startswith(prefix) else name
            if any(z[0] == zeile for z in group.zeilen):
                errors.append(
                    row_error(
                        number,
                        _("Die Zeile „%(name)s“ kommt in der Matrixfrage doppelt vor.")
                        % {"name": zeile},
                    )
                )
                continue
            group.zeilen.append((zeile, label))
            group.pflicht = group.pflicht or pflicht
            if not group.optionen:
                group.optionen = _options(lists, argument, number, errors)
            continue
        frage = ParsedFrage(number, "", name, label, hint, pflicht=pflicht)
        frage.bedingung = relevant_of(cells.get("relevant", ""), number, errors)
        if kind in ("select_one", "select_multiple") and argument and len(parts) == 2:
            options = _options(lists, argument, number, errors) if argument != QUARTIER else []
            if kind == "select_multiple":
                frage.typ = Frage.Typ.MEHRFACH
            elif argument == QUARTIER:
                frage.typ = Frage.Typ.QUARTIER
            elif argument == JANEIN or argument.startswith("janein_"):
                frage.typ = Frage.Typ.JANEIN
                if sorted(o[0] for o in options) != ["ja", "nein"]:
                    errors.append(
                        row_error(
                            number,
                            _("Die Liste „janein“ braucht genau die Antworten „ja“ und „nein“."),
                        )
                    )
            elif "likert" in cells.get("appearance", "") and _is_scale(options):
                frage.typ = Frage.Typ.SKALA
                werte = [int(o[0]) for o in options]
                low, high = options[0], options[-1]
                frage.skala = (
                    werte[0],
                    werte[-1],
                    {c: t for c, t in low[1].items() if t != low[0]},
                    {c: t for c, t in high[1].items() if t != high[0]},
                )
                options = []
            else:
                frage.typ = Frage.Typ.EINFACH
            frage.optionen = options
        elif kind == "range":
            bounds = range_of(cells.get("parameters", ""))
            if bounds is None:
                errors.append(
                    row_error(
                        number,
                        _(
                            "„range“ braucht ganzzahlige Parameter „start=… end=…“ mit Schrittweite 1."
                        ),
                    )
                )
                continue
            if bounds[1] - bounds[0] + 1 > MAX_SKALA_STUFEN:
                errors.append(
                    row_error(
                        number,
                        _("Eine Skala hat höchstens %(max)s Stufen (hier: %(n)s).")
                        % {"max": MAX_SKALA_STUFEN, "n": bounds[1] - bounds[0] + 1},
                    )
                )
                continue
            if not (SMALLINT[0] <= bounds[0] and bounds[1] <= SMALLINT[1]):
                errors.append(
                    row_error(
                        number,
                        _("Eine Skala reicht höchstens von %(low)s bis %(high)s.")
                        % {"low": SMALLINT[0], "high": SMALLINT[1]},
                    )
                )
                continue
            frage.typ = Frage.Typ.SKALA
            frage.skala = (bounds[0], bounds[1], {}, {})
        elif kind == "text":
            frage.typ = Frage.Typ.TEXT
        elif kind == "integer":
            frage.typ = Frage.Typ.ZAHL
            frage.zahl = constraint_of(cells.get("constraint", ""), number, errors)
        else:
            errors.append(
                row_error(
                    number,
                    _("Der Fragetyp „%(type)s“ wird nicht unterstützt.")
                    % {"type": cells.get("type", "")},
                )
            )
            continue
        if cells.get("constraint") and frage.typ != Frage.Typ.ZAHL:
            errors.append(
                row_error(number, _("Eine Bedingung (constraint) ist nur bei Zahlen möglich."))
            )
        fragen.append(frage)
    if group is not None:
        errors.append(row_error(group.row, _("Zu „begin_group“ fehlt „end_group“.")))
    _check(fragen, errors)
    if errors:
        raise XLSFormError(errors)
    return settings, fragen, ignoriert


def _is_scale(options):
    try:
        werte = [int(o[0]) for o in options]
    except ValueError:
        return False
    # A longer numbered list stays a choice question, as the builder allows no longer scale.
    return (
        2 <= len(werte) <= MAX_SKALA_STUFEN
        and werte == list(range(werte[0], werte[0] + len(werte)))
        and SMALLINT[0] <= werte[0]
        and werte[-1] <= SMALLINT[1]
    )


def _options(lists, list_name, row, errors):
    if list_name not in lists:
        errors.append(
            row_error(
                row,
                _("Die Auswahlliste „%(list)s“ fehlt im Blatt „choices“.") % {"list": list_name},
            )
        )
        return []
    options = []
    for number, name, texts in lists[list_name]:
        if not NAME.match(name) or len(name) > 60:
            errors.append(
                _(
                    "Blatt „choices“, Zeile %(row)s: Die Kennung „%(name)s“ darf nur Buchstaben, Ziffern, _ und - enthalten."
                )
                % {"row": number, "name": name}
            )
        options.append((name, texts))
    return options


def _check(fragen, errors):
    seen = {}
    for frage in fragen:
        if frage.name in seen:
            errors.append(
                row_error(
                    frage.row, _("Die Kennung „%(name)s“ kommt doppelt vor.") % {"name": frage.name}
                )
            )
        if not (frage.text.get("de") or "").strip():
            errors.append(row_error(frage.row, _("Es fehlt der deutsche Text (label).")))
        for name, texts in [*frage.optionen, *frage.zeilen]:
            if not (texts.get("de") or "").strip():
                errors.append(
                    row_error(
                        frage.row,
                        _("Für „%(name)s“ fehlt der deutsche Text.") % {"name": name},
                    )
                )
        if frage.bedingung:
            target_name, option_name = frage.bedingung
            target = seen.get(target_name)
            if target is None or not target.optionen:
                errors.append(
                    row_error(
                        frage.row,
                        _(
                            "Die Bedingung bezieht sich auf „%(name)s“, aber davor steht keine "
                            "Auswahlfrage mit dieser Kennung."
                        )
                        % {"name": target_name},
                    )
                )
            elif target.typ == Frage.Typ.MATRIX or option_name not in {
                o[0] for o in target.optionen
            }:
                errors.append(
                    row_error(
                        frage.row,
                        _(
                            "Die Bedingung nennt die Antwort „%(option)s“, die es bei „%(name)s“ nicht gibt."
                        )
                        % {"option": option_name, "name": target_name},
                    )
                )
        seen[frage.name] = frage
