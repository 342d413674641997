"""Sachstandsbericht pages: the choice of period and Quartiere, the print view, CSV and XLSX."""

import tempfile

from django.http import FileResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from openpyxl import Workbook

from gwa_portal.core import rules as core_rules
from gwa_portal.core.charts import NoValue, bar_chart
from gwa_portal.core.csv_export import neutralise, streamed_csv
from gwa_portal.core.decorators import internal_required

from . import bericht as domain
from .forms_bericht import BerichtForm, presets

CSV_HEADER = ["Abschnitt", "Zeile", "Kennzahl", "Wert"]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def crumbs():
    return [(reverse("start"), _("Start")), (reverse("cockpit:index"), _("Auswertung"))]


def form_page_response(request, form, status=200):
    today = timezone.localdate()
    context = {
        "form": form,
        "presets": [
            (label, reverse("cockpit:bericht") + "?" + urlencode({"von": von, "bis": bis}))
            for label, von, bis in presets(today)
        ],
        "breadcrumbs": crumbs(),
    }
    return render(request, "cockpit/bericht.html", context, status=status)


def _bound_form(request):
    return BerichtForm(request.GET)


def report(form):
    return domain.sachstandsbericht(**form.selection(), today=timezone.localdate())


@internal_required
def bericht_page(request):
    if not request.GET:
        return form_page_response(request, BerichtForm())
    form = _bound_form(request)
    return form_page_response(request, form, status=200 if form.is_valid() else 400)


def charts(bericht):
    akt = bericht.aktivitaeten

    def summen_chart(id, title, zeilen, category_label):
        return bar_chart(
            id=id,
            title=title,
            categories=[z.label for z in zeilen],
            values=[z.anzahl for z in zeilen],
            value_label=_("Aktivitäten"),
            category_label=category_label,
        )

    return {
        "handlungsfelder": summen_chart(
            "bericht-handlungsfelder",
            _("Aktivitäten nach Handlungsfeld"),
            akt.handlungsfelder,
            _("Handlungsfeld"),
        ),
        "zielgruppen": summen_chart(
            "bericht-zielgruppen",
            _("Aktivitäten nach Zielgruppe"),
            akt.zielgruppen,
            _("Zielgruppe"),
        ),
        "arten": summen_chart("bericht-arten", _("Aktivitäten nach Art"), akt.arten, _("Art")),
        "sitzungen": bar_chart(
            id="bericht-sitzungen",
            title=_("Sitzungen nach Gremienart"),
            categories=[z.label for z in bericht.sitzungen.nach_art],
            values=[z.sitzungen for z in bericht.sitzungen.nach_art],
            value_label=_("Sitzungen"),
            category_label=_("Gremienart"),
        ),
        "massnahmen": bar_chart(
            id="bericht-massnahmen",
            title=_("Maßnahmen nach Status"),
            categories=[label for label, _n in bericht.massnahmen.nach_status],
            values=[n for _label, n in bericht.massnahmen.nach_status],
            value_label=_("Maßnahmen"),
            category_label=_("Status"),
        ),
    }


def _frage_chart(chart_id, frage, unterdrueckt_text):
    """The counts of one question's answers; a suppressed cell is passed on as its text only
    (the same as in the table), so the chart never sees the hidden number."""
    hidden = NoValue(unterdrueckt_text)
    kategorien = frage.tabelle.kategorien
    return bar_chart(
        id=chart_id,
        title=frage.text,
        categories=[k.label for k in kategorien],
        values=[hidden if k.zellen[0].unterdrueckt else k.zellen[0].n for k in kategorien],
        value_label=_("Anzahl"),
        category_label=_("Antwort"),
    )


def _befragungen(bericht):
    """Each Befragung with its questions, each with its chart: [(ergebnis, [(frage, chart)])]."""
    return [
        (
            b,
            [
                (
                    frage,
                    _frage_chart(
                        f"bericht-befragung-{b.befragung.pk}-{i}", frage, b.unterdrueckt_text
                    ),
                )
                for i, frage in enumerate(b.fragen, start=1)
            ],
        )
        for b in bericht.befragungen
    ]


def inhalt_context(bericht):
    """What `cockpit/_bericht_inhalt.html` (the report itself) needs; a Berichtsfassung
    renders the same context when it is saved."""
    return {"bericht": bericht, "charts": charts(bericht), "befragungen": _befragungen(bericht)}


@internal_required
def bericht_ansicht(request):
    form = _bound_form(request)
    if not form.is_valid():
        return form_page_response(request, form, status=400)
    bericht = report(form)
    query = request.GET.urlencode()
    context = {
        **inhalt_context(bericht),
        "query": query,
        "can_save": core_rules.is_fachstelle(request.user),
        "form_url": reverse("cockpit:bericht") + "?" + query,
        "breadcrumbs": [*crumbs(), (reverse("cockpit:bericht"), _("Sachstandsbericht"))],
    }
    return render(request, "cockpit/bericht_ansicht.html", context)


def _filename(bericht, ext):
    return f"sachstandsbericht-{bericht.von:%Y-%m-%d}-{bericht.bis:%Y-%m-%d}.{ext}"


def csv_rows(tabellen):
    """Long format: one row per figure (section, row, figure name, value)."""
    for tabelle in tabellen:
        for zeile in tabelle.zeilen:
            for kopf, wert in zip(tabelle.kopf[1:], zeile[1:], strict=True):
                yield [tabelle.titel, zeile[0], kopf, wert]


@internal_required
def bericht_csv(request):
    form = _bound_form(request)
    if not form.is_valid():
        return form_page_response(request, form, status=400)
    bericht = report(form)
    return streamed_csv(_filename(bericht, "csv"), CSV_HEADER, csv_rows(domain.tabellen(bericht)))


def xlsx_cell(value):
    """Text that a spreadsheet would run as a formula gets an apostrophe, as in the CSV."""
    if isinstance(value, Promise):  # choice labels are lazy translations
        value = str(value)
    if isinstance(value, str):
        return neutralise(value)
    return value


def write_xlsx(tabellen, target):
    workbook = Workbook(write_only=True)
    for tabelle in tabellen:
        sheet = workbook.create_sheet(tabelle.titel[:31])
        sheet.append([xlsx_cell(v) for v in tabelle.kopf])
        for zeile in tabelle.zeilen:
            sheet.append([xlsx_cell(v) for v in zeile])
    workbook.save(target)


@internal_required
def bericht_xlsx(request):
    form = _bound_form(request)
    if not form.is_valid():
        return form_page_response(request, form, status=400)
    bericht = report(form)
    target = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    write_xlsx(domain.tabellen(bericht), target)
    target.seek(0)
    return FileResponse(
        target, as_attachment=True, filename=_filename(bericht, "xlsx"), content_type=XLSX_TYPE
    )
