"""XLSForm export: a survey's questions as the survey, choices and settings sheets."""

import io

from openpyxl import Workbook

from quartiere.models import Quartier

from ..models import Frage
from ..models.texte import text_in
from .formats import (
    JANEIN,
    MATRIX_SEPARATOR,
    QUARTIER,
    _list_name,
    _relevant,
    _texts,
    language_label,
)


def export_workbook(befragung):
    """The survey's questions as an XLSForm workbook (openpyxl)."""
    sprachen = befragung.all_sprachen
    fragen = list(
        befragung.fragen.order_by("position")
        .select_related("bedingung_option__frage")
        .prefetch_related("optionen", "zeilen")
    )
    survey, choices = [], []
    janein_done = False

    def row(frage_type, name, label, hint=None, **extra):
        columns = {"type": frage_type, "name": name}
        _texts(columns, "label", label, sprachen)
        _texts(columns, "hint", hint or {}, sprachen)
        columns.update(extra)
        survey.append(columns)

    def choice(list_name, name, label):
        columns = {"list_name": list_name, "name": name}
        if isinstance(label, str):
            label = dict.fromkeys(sprachen, label)
        _texts(columns, "label", label, sprachen)
        choices.append(columns)

    for frage in fragen:
        required = "yes" if frage.pflicht else ""
        relevant = _relevant(frage)
        common = {"required": required, "relevant": relevant}
        options = list(frage.optionen.all())
        if frage.typ in (Frage.Typ.EINFACH, Frage.Typ.MEHRFACH):
            kind = "select_one" if frage.typ == Frage.Typ.EINFACH else "select_multiple"
            row(f"{kind} {_list_name(frage)}", frage.name, frage.text, frage.hilfe, **common)
            for option in options:
                choice(_list_name(frage), option.name, option.text)
        elif frage.typ == Frage.Typ.JANEIN:
            texts = {o.name: o.text for o in options}
            list_name = JANEIN if not janein_done else f"janein_{frage.name}"
            janein_done = True
            row(f"select_one {list_name}", frage.name, frage.text, frage.hilfe, **common)
            for option in options:
                choice(list_name, option.name, texts[option.name])
        elif frage.typ == Frage.Typ.SKALA:
            list_name = f"skala_{frage.name}"
            row(
                f"select_one {list_name}",
                frage.name,
                frage.text,
                frage.hilfe,
                appearance="likert",
                **common,
            )
            werte = frage.skala_werte()
            for wert in werte:
                label = {code: str(wert) for code in sprachen}
                ends = {werte[0]: frage.skala_links, werte[-1]: frage.skala_rechts}
                for code, text in (ends.get(wert) or {}).items():
                    if text and code in label:
                        label[code] = text
                choice(list_name, str(wert), label)
        elif frage.typ == Frage.Typ.TEXT:
            row("text", frage.name, frage.text, frage.hilfe, **common)
        elif frage.typ == Frage.Typ.ZAHL:
            bounds = []
            if frage.zahl_min is not None:
                bounds.append(f". >= {frage.zahl_min}")
            if frage.zahl_max is not None:
                bounds.append(f". <= {frage.zahl_max}")
            row(
                "integer",
                frage.name,
                frage.text,
                frage.hilfe,
                constraint=" and ".join(bounds),
                **common,
            )
        elif frage.typ == Frage.Typ.QUARTIER:
            row(f"select_one {QUARTIER}", frage.name, frage.text, frage.hilfe, **common)
        elif frage.typ == Frage.Typ.MATRIX:
            row(
                "begin_group",
                frage.name,
                frage.text,
                frage.hilfe,
                appearance="field-list",
                relevant=relevant,
            )
            for zeile in frage.zeilen.all():
                row(
                    f"select_one {_list_name(frage)}",
                    f"{frage.name}{MATRIX_SEPARATOR}{zeile.name}",
                    zeile.text,
                    required=required,
                )
            survey.append({"type": "end_group", "name": frage.name})
            for option in options:
                choice(_list_name(frage), option.name, option.text)
    if any(f.typ == Frage.Typ.QUARTIER for f in fragen):
        scope = befragung.quartiere.all()
        quartiere = scope if scope.exists() else Quartier.objects.all()
        for quartier in quartiere.order_by("name"):
            choice(QUARTIER, quartier.slug, quartier.name)

    workbook = Workbook()
    labels = [f"label::{language_label(c)}" for c in sprachen]
    hints = [f"hint::{language_label(c)}" for c in sprachen]
    survey_columns = [
        "type",
        "name",
        *labels,
        *hints,
        "required",
        "relevant",
        "constraint",
        "appearance",
    ]
    _sheet(workbook.active, "survey", survey_columns, survey)
    _sheet(workbook.create_sheet(), "choices", ["list_name", "name", *labels], choices)
    _sheet(
        workbook.create_sheet(),
        "settings",
        ["form_title", "form_id", "default_language"],
        [
            {
                "form_title": text_in(befragung.titel, "de"),
                "form_id": befragung.slug,
                "default_language": language_label("de"),
            }
        ],
    )
    return workbook


def _sheet(sheet, title, columns, rows):
    sheet.title = title
    sheet.append(columns)
    for values in rows:
        # Texts are data, never formulas: openpyxl would store "=…" as a formula.
        sheet.append([_safe(values.get(c, "")) for c in columns])


def _safe(value):
    if isinstance(value, str) and value.startswith("="):
        return "'" + value
    return value


def export_bytes(befragung):
    buffer = io.BytesIO()
    export_workbook(befragung).save(buffer)
    return buffer.getvalue()


# --- Import ----------------------------------------------------------------------------------
