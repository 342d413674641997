"""Reading an XLSForm's sheets: rows of cells, the label and hint columns per language, and
the values of single cells (required, constraint, relevant, range), every problem with its row."""

import re

from django.utils.translation import gettext as _

from ..models import SPRACHEN
from .formats import (
    BOUND,
    EQUALS,
    FALSE_VALUES,
    FROM_XLS_CODE,
    INTEGER,
    LANGUAGE_COLUMN,
    SELECTED,
    TRUE_VALUES,
)


class XLSFormError(Exception):
    """Every problem of a file, one message each, so the user can fix them all at once."""

    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def language_of(spec):
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


def read_sheet(sheets, name, errors, *, required=True):
    """The header and the non-blank rows (number, {column: text}) of one sheet of `sheets`."""
    rows = next((rows for s, rows in sheets.items() if s.strip().lower() == name), None)
    if rows is None:
        if required:
            errors.append(_("Das Tabellenblatt „%(name)s“ fehlt.") % {"name": name})
        return [], []
    header = [cell_text(c) for c in rows[0]] if rows else []
    data = []
    for number, values in enumerate(rows[1:], start=2):
        cells = dict(zip(header, (cell_text(v) for v in values), strict=False))
        if any(cells.values()):
            data.append((number, cells))
    return header, data


def language_columns(header, default_language, errors, sheet):
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
        code = language_of(match.group(2))
        if code is None:
            errors.append(
                _("Blatt „%(sheet)s“, Spalte „%(column)s“: Diese Sprache wird nicht unterstützt.")
                % {"sheet": sheet, "column": column}
            )
            continue
        result[(match.group(1).lower(), code)] = column
    return result


def texts_of(cells, columns, kind):
    texts = {}
    for (k, code), column in columns.items():
        if k == kind and cells.get(column):
            texts[code] = cells[column]
    return texts


def row_error(row, message):
    return _("Zeile %(row)s: %(message)s") % {"row": row, "message": message}


def required_of(value, row, errors):
    lowered = value.lower()
    if lowered in TRUE_VALUES:
        return True
    if lowered not in FALSE_VALUES:
        errors.append(
            row_error(
                row,
                _(
                    "Die Angabe „%(value)s“ in „required“ wird nicht unterstützt (nur yes oder leer)."
                )
                % {"value": value},
            )
        )
    return False


def constraint_of(value, row, errors):
    low = high = None
    if not value:
        return low, high
    for part in re.split(r"\s+and\s+", value):
        match = BOUND.match(part)
        if not match:
            errors.append(
                row_error(
                    row,
                    _(
                        "Die Bedingung „%(value)s“ (constraint) wird nicht unterstützt; "
                        "möglich sind „. >= Zahl“ und „. <= Zahl“."
                    )
                    % {"value": value},
                )
            )
            return None, None
        number = int(match.group(2))
        if not INTEGER[0] <= number <= INTEGER[1]:
            errors.append(
                row_error(
                    row,
                    _(
                        "Die Zahl %(number)s in „constraint“ ist zu groß (erlaubt sind "
                        "%(low)s bis %(high)s)."
                    )
                    % {"number": number, "low": INTEGER[0], "high": INTEGER[1]},
                )
            )
            return None, None
        if match.group(1) == ">=":
            low = number
        else:
            high = number
    if low is not None and high is not None and low > high:
        errors.append(
            row_error(
                row,
                _("Die kleinste Zahl (%(low)s) ist größer als die größte (%(high)s).")
                % {"low": low, "high": high},
            )
        )
        return None, None
    return low, high


def relevant_of(value, row, errors):
    if not value:
        return None
    match = SELECTED.match(value) or EQUALS.match(value)
    if not match:
        errors.append(
            row_error(
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


def range_of(value):
    params = dict(re.findall(r"(\w+)\s*=\s*(-?[\d.]+)", value or ""))
    try:
        start, end = int(params["start"]), int(params["end"])
        step = float(params.get("step", 1))
    except (KeyError, ValueError):
        return None
    return (start, end) if step == 1 and end > start else None
