"""XLSForm import: all or nothing, every problem reported with its row."""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from gwa_portal.core.audit import log_bulk_create

from ..models import SPRACHEN, Antwortoption, Befragung, Frage, Matrixzeile
from .formats import (
    BOUND,
    EQUALS,
    FALSE_VALUES,
    FROM_XLS_CODE,
    JANEIN,
    LANGUAGE_COLUMN,
    MATRIX_SEPARATOR,
    MAX_ROWS,
    METADATA_TYPES,
    NAME,
    QUARTIER,
    SELECTED,
    TRUE_VALUES,
)


class XLSFormError(Exception):
    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


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


@dataclass
class ImportResult:
    befragung: Befragung
    ignoriert: list


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _language(spec):
    """The portal language code of a column suffix: "Deutsch (de)", "de", "English"."""
    match = re.search(r"\(([^)]+)\)\s*$", spec)
    code = (match.group(1) if match else spec).strip()
    code = FROM_XLS_CODE.get(code.lower(), code.lower())
    if code in SPRACHEN:
        return code
    for key, (german, native, _dir) in SPRACHEN.items():
        if spec.strip().lower() in (str(german).lower(), native.lower()):
            return key
    return None


def _read_sheet(workbook, name, errors, *, required=True):
    sheet = next((workbook[s] for s in workbook.sheetnames if s.strip().lower() == name), None)
    if sheet is None:
        if required:
            errors.append(_("Das Tabellenblatt „%(name)s“ fehlt.") % {"name": name})
        return [], []
    rows = sheet.iter_rows(values_only=True)
    header = [_cell(c) for c in next(rows, [])]
    data = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS:
            errors.append(
                _("Das Blatt „%(name)s“ hat mehr als %(max)s Zeilen.")
                % {"name": name, "max": MAX_ROWS}
            )
            break
        cells = dict(zip(header, (_cell(v) for v in values), strict=False))
        if any(cells.values()):
            data.append((number, cells))
    return header, data


def _columns(header, default_language, errors, sheet):
    """{(kind, code): column name} of the label and hint columns."""
    result = {}
    for column in header:
        lowered = column.lower()
        if lowered in ("label", "hint"):
            result[(lowered, default_language)] = column
            continue
        match = LANGUAGE_COLUMN.match(column)
        if not match:
            continue
        code = _language(match.group(2))
        if code is None:
            errors.append(
                _("Blatt „%(sheet)s“, Spalte „%(column)s“: Diese Sprache wird nicht unterstützt.")
                % {"sheet": sheet, "column": column}
            )
            continue
        result[(match.group(1).lower(), code)] = column
    return result


def _texts_of(cells, columns, kind):
    texts = {}
    for (k, code), column in columns.items():
        if k == kind and cells.get(column):
            texts[code] = cells[column]
    return texts


def _row_error(row, message):
    return _("Zeile %(row)s: %(message)s") % {"row": row, "message": message}


def _required(value, row, errors):
    lowered = value.lower()
    if lowered in TRUE_VALUES:
        return True
    if lowered not in FALSE_VALUES:
        errors.append(
            _row_error(
                row,
                _(
                    "Die Angabe „%(value)s“ in „required“ wird nicht unterstützt (nur yes oder leer)."
                )
                % {"value": value},
            )
        )
    return False


def _constraint(value, row, errors):
    low = high = None
    if not value:
        return low, high
    for part in re.split(r"\s+and\s+", value):
        match = BOUND.match(part)
        if not match:
            errors.append(
                _row_error(
                    row,
                    _(
                        "Die Bedingung „%(value)s“ (constraint) wird nicht unterstützt; "
                        "möglich sind „. >= Zahl“ und „. <= Zahl“."
                    )
                    % {"value": value},
                )
            )
            return None, None
        if match.group(1) == ">=":
            low = int(match.group(2))
        else:
            high = int(match.group(2))
    return low, high


def _relevant_of(value, row, errors):
    if not value:
        return None
    match = SELECTED.match(value) or EQUALS.match(value)
    if not match:
        errors.append(
            _row_error(
                row,
                _(
                    "Die Bedingung „%(value)s“ (relevant) wird nicht unterstützt; möglich ist "
                    "„selected(${frage}, 'antwort')“."
                )
                % {"value": value},
            )
        )
        return None
    return match.group(1).strip(), match.group(2)


def _range_parameters(value):
    params = dict(re.findall(r"(\w+)\s*=\s*(-?[\d.]+)", value or ""))
    try:
        start, end = int(params["start"]), int(params["end"])
        step = float(params.get("step", 1))
    except (KeyError, ValueError):
        return None
    return (start, end) if step == 1 and end > start else None


def parse(file):
    """The questions of an XLSForm file, or XLSFormError with every problem by row."""
    errors = []
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # any unreadable upload is the same error for the user
        raise XLSFormError([_("Die Datei ist keine lesbare Excel-Datei (.xlsx).")]) from None
    _header, settings_rows = _read_sheet(workbook, "settings", errors, required=False)
    settings = settings_rows[0][1] if settings_rows else {}
    default_language = _language(settings.get("default_language", "") or "de") or "de"
    survey_header, survey_rows = _read_sheet(workbook, "survey", errors)
    choices_header, choice_rows = _read_sheet(workbook, "choices", errors, required=False)
    if errors:
        raise XLSFormError(errors)
    survey_columns = _columns(survey_header, default_language, errors, "survey")
    choice_columns = _columns(choices_header, default_language, errors, "choices")
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
        lists.setdefault(list_name, []).append(
            (number, name, _texts_of(cells, choice_columns, "label"))
        )

    fragen, ignoriert, group = [], [], None
    for number, cells in survey_rows:
        parts = cells.get("type", "").split()
        kind = parts[0].lower() if parts else ""
        argument = parts[1] if len(parts) > 1 else ""
        name = cells.get("name", "")
        label = _texts_of(cells, survey_columns, "label")
        hint = _texts_of(cells, survey_columns, "hint")
        if kind in METADATA_TYPES:
            ignoriert.append(name or kind)
            continue
        if kind == "end_group":
            if group is None:
                errors.append(_row_error(number, _("„end_group“ ohne passendes „begin_group“.")))
            else:
                if not group.zeilen:
                    errors.append(_row_error(group.row, _("Die Gruppe enthält keine Fragen.")))
                fragen.append(group)
                group = None
            continue
        if not name:
            errors.append(_row_error(number, _("Es fehlt die Kennung (name).")))
            continue
        if not NAME.match(name) or len(name) > 60:
            errors.append(
                _row_error(
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
                    _row_error(number, _("Verschachtelte Gruppen werden nicht unterstützt."))
                )
                continue
            if "field-list" not in cells.get("appearance", ""):
                errors.append(
                    _row_error(
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
                bedingung=_relevant_of(cells.get("relevant", ""), number, errors),
            )
            continue
        pflicht = _required(cells.get("required", ""), number, errors)
        if group is not None:
            if kind != "select_one" or (group.list_name and argument != group.list_name):
                errors.append(
                    _row_error(
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
                    _row_error(
                        number, _("Bedingungen einzelner Matrixzeilen werden nicht unterstützt.")
                    )
                )
            group.list_name = argument
            prefix = f"{group.name}{MATRIX_SEPARATOR}"
            zeile = name[len(prefix) :] if name.startswith(prefix) else name
            group.zeilen.append((zeile, label))
            group.pflicht = group.pflicht or pflicht
            if not group.optionen:
                group.optionen = _options(lists, argument, number, errors)
            continue
        frage = ParsedFrage(number, "", name, label, hint, pflicht=pflicht)
        frage.bedingung = _relevant_of(cells.get("relevant", ""), number, errors)
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
                        _row_error(
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
            bounds = _range_parameters(cells.get("parameters", ""))
            if bounds is None:
                errors.append(
                    _row_error(
                        number,
                        _(
                            "„range“ braucht ganzzahlige Parameter „start=… end=…“ mit Schrittweite 1."
                        ),
                    )
                )
                continue
            frage.typ = Frage.Typ.SKALA
            frage.skala = (bounds[0], bounds[1], {}, {})
        elif kind == "text":
            frage.typ = Frage.Typ.TEXT
        elif kind == "integer":
            frage.typ = Frage.Typ.ZAHL
            frage.zahl = _constraint(cells.get("constraint", ""), number, errors)
        else:
            errors.append(
                _row_error(
                    number,
                    _("Der Fragetyp „%(type)s“ wird nicht unterstützt.")
                    % {"type": cells.get("type", "")},
                )
            )
            continue
        if cells.get("constraint") and frage.typ != Frage.Typ.ZAHL:
            errors.append(
                _row_error(number, _("Eine Bedingung (constraint) ist nur bei Zahlen möglich."))
            )
        fragen.append(frage)
    if group is not None:
        errors.append(_row_error(group.row, _("Zu „begin_group“ fehlt „end_group“.")))
    _check(fragen, errors)
    if errors:
        raise XLSFormError(errors)
    return settings, fragen, ignoriert


def _is_scale(options):
    try:
        werte = [int(o[0]) for o in options]
    except ValueError:
        return False
    return len(werte) >= 2 and werte == list(range(werte[0], werte[0] + len(werte)))


def _options(lists, list_name, row, errors):
    if list_name not in lists:
        errors.append(
            _row_error(
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
                _row_error(
                    frage.row, _("Die Kennung „%(name)s“ kommt doppelt vor.") % {"name": frage.name}
                )
            )
        if not (frage.text.get("de") or "").strip():
            errors.append(_row_error(frage.row, _("Es fehlt der deutsche Text (label).")))
        for name, texts in [*frage.optionen, *frage.zeilen]:
            if not (texts.get("de") or "").strip():
                errors.append(
                    _row_error(
                        frage.row,
                        _("Für „%(name)s“ fehlt der deutsche Text.") % {"name": name},
                    )
                )
        if frage.bedingung:
            target_name, option_name = frage.bedingung
            target = seen.get(target_name)
            if target is None or not target.optionen:
                errors.append(
                    _row_error(
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
                    _row_error(
                        frage.row,
                        _(
                            "Die Bedingung nennt die Antwort „%(option)s“, die es bei „%(name)s“ nicht gibt."
                        )
                        % {"option": option_name, "name": target_name},
                    )
                )
        seen[frage.name] = frage


def _unique_slug(base):
    base = (slugify(base) or "befragung")[:90]
    slug, n = base, 1
    while Befragung.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def import_file(file, *, user):
    """A new draft Befragung from an XLSForm file, in one transaction (XLSFormError else)."""
    settings, fragen, ignoriert = parse(file)
    title = settings.get("form_title") or settings.get("form_id") or _("Importierte Befragung")
    sprachen = sorted(
        {code for f in fragen for code in f.text} | {"de"},
        key=list(SPRACHEN).index,
    )
    with transaction.atomic():
        befragung = Befragung.objects.create(
            slug=_unique_slug(settings.get("form_id") or title),
            titel={"de": title[:200]},
            sprachen=sprachen,
            status=Befragung.Status.ENTWURF,
            erstellt_von=user,
        )
        created, options_by_frage, items = {}, {}, []
        for position, parsed in enumerate(fragen, start=1):
            frage = Frage(
                befragung=befragung,
                position=position,
                name=parsed.name,
                typ=parsed.typ,
                text=parsed.text,
                hilfe=parsed.hilfe,
                pflicht=parsed.pflicht,
                zahl_min=parsed.zahl[0],
                zahl_max=parsed.zahl[1],
            )
            if parsed.skala:
                frage.skala_min, frage.skala_max, frage.skala_links, frage.skala_rechts = (
                    parsed.skala
                )
            frage.save()
            created[parsed.name] = frage
            options = Antwortoption.objects.bulk_create(
                Antwortoption(frage=frage, position=i, name=name, text=texts)
                for i, (name, texts) in enumerate(parsed.optionen, start=1)
            )
            options_by_frage[parsed.name] = {o.name: o for o in options}
            zeilen = Matrixzeile.objects.bulk_create(
                Matrixzeile(frage=frage, position=i, name=name, text=texts)
                for i, (name, texts) in enumerate(parsed.zeilen, start=1)
            )
            items += [*options, *zeilen]
        log_bulk_create(items)
        for parsed in fragen:
            if parsed.bedingung:
                target, option = parsed.bedingung
                frage = created[parsed.name]
                frage.bedingung_option = options_by_frage[target][option]
                frage.save(update_fields=["bedingung_option"])
    return ImportResult(befragung, ignoriert)
