"""XLSForm names shared by export and import: language columns, lists, expressions."""

import re

from ..models import SPRACHEN

XLS_CODES = {"ls": "de-x-ls"}
FROM_XLS_CODE = {v: k for k, v in XLS_CODES.items()}
JANEIN = "janein"
QUARTIER = "quartier"
RESERVED_LISTS = {JANEIN, QUARTIER}
MATRIX_SEPARATOR = "__"
METADATA_TYPES = {
    "start",
    "end",
    "today",
    "deviceid",
    "username",
    "simserial",
    "subscriberid",
    "phonenumber",
    "audit",
    "start-geopoint",
}
NAME = re.compile(r"^[-a-zA-Z0-9_]+$")
SELECTED = re.compile(r"^\s*selected\(\s*\$\{([^}]+)\}\s*,\s*'([^']*)'\s*\)\s*$")
EQUALS = re.compile(r"^\s*\$\{([^}]+)\}\s*=\s*'([^']*)'\s*$")
BOUND = re.compile(r"^\s*\.\s*(>=|<=)\s*(-?\d{1,18})\s*$")
LANGUAGE_COLUMN = re.compile(r"^(label|hint)\s*::\s*(.+?)\s*$")
TRUE_VALUES = {"yes", "true", "true()", "1", "ja"}
FALSE_VALUES = {"", "no", "false", "false()", "0", "nein"}
MAX_ROWS = 2000
# The database columns of scale ends (smallint) and number bounds (integer).
SMALLINT = (-32768, 32767)
INTEGER = (-2147483648, 2147483647)
MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def language_label(code):
    return f"{SPRACHEN[code][1]} ({XLS_CODES.get(code, code)})"


# --- Export ----------------------------------------------------------------------------------


def _list_name(frage):
    name = frage.name
    if name in RESERVED_LISTS or name.startswith(("skala_", "janein_")):
        return f"{name}_liste"
    return name


def _texts(columns, prefix, texts, sprachen):
    for code in sprachen:
        columns[f"{prefix}::{language_label(code)}"] = (texts or {}).get(code, "")


def _relevant(frage):
    option = frage.bedingung_option
    if option is None:
        return ""
    return f"selected(${{{option.frage.name}}}, '{option.name}')"
