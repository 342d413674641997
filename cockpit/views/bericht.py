"""Sachstandsbericht pages: the choice of period and Quartiere, the print view, CSV and XLSX."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gwa_portal.core import rules as core_rules
from gwa_portal.core.csv_export import streamed_csv
from gwa_portal.core.decorators import internal_required
from gwa_portal.core.xlsx_export import xlsx_response

from .. import bericht as domain
from ..forms.bericht import BerichtForm, presets
from ..render_bericht import CSV_HEADER, csv_rows, inhalt_context, workbook


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


@internal_required
def bericht_csv(request):
    form = _bound_form(request)
    if not form.is_valid():
        return form_page_response(request, form, status=400)
    bericht = report(form)
    return streamed_csv(_filename(bericht, "csv"), CSV_HEADER, csv_rows(domain.tabellen(bericht)))


@internal_required
def bericht_xlsx(request):
    form = _bound_form(request)
    if not form.is_valid():
        return form_page_response(request, form, status=400)
    bericht = report(form)
    return xlsx_response(workbook(domain.tabellen(bericht)), _filename(bericht, "xlsx"))
