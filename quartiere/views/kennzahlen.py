"""Kennzahlen: the list with filters, single values, and CSV import (with preview) and export."""

import secrets

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gwa_portal.core.csv_export import streamed_csv
from gwa_portal.core.decorators import fachstelle_required, internal_required
from gwa_portal.core.editing import delete_page, form_page

from .. import rules
from ..filters.kennzahlen import KennzahlFilter
from ..forms.kennzahlen import KennzahlForm, KennzahlImportForm
from ..kennzahlen_csv import COLUMNS, export_rows, import_kennzahlen, parse_kennzahlen_text
from ..models import Kennzahl, Merkmal, Quartier
from .navigation import crumbs as _crumbs

# The checked file waits here between preview and confirmation; only the latest upload counts.
PENDING_IMPORT = "kennzahlen_import"


def _filtered(request):
    queryset = Kennzahl.objects.select_related("quartier").order_by(
        "quartier__name", "merkmal", "-jahr"
    )
    return KennzahlFilter(request.GET, queryset=queryset)


def _list_crumbs():
    return _crumbs((reverse("quartiere:kennzahl_list"), _("Kennzahlen")))


@internal_required
def kennzahl_list(request):
    kennzahl_filter = _filtered(request)
    page = Paginator(kennzahl_filter.qs, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "quartiere/kennzahl_list.html",
        {
            "filter": kennzahl_filter,
            "page": page,
            "export_query": query.urlencode(),
            "can_manage": rules.can_manage_stammdaten(request.user),
            "breadcrumbs": _crumbs(),
        },
    )


@internal_required
def kennzahl_export(request):
    return streamed_csv("kennzahlen.csv", COLUMNS, export_rows(_filtered(request).qs))


@fachstelle_required
def kennzahl_create(request):
    data = request.POST if request.method == "POST" else None
    initial = {}
    if slug := request.GET.get("quartier"):
        initial["quartier"] = Quartier.objects.filter(slug=slug).first()
    return form_page(
        request,
        KennzahlForm(data, initial=initial),
        title=_("Kennzahl anlegen"),
        cancel_url=reverse("quartiere:kennzahl_list"),
        success_url=reverse("quartiere:kennzahl_list"),
        success_message=_("Die Kennzahl wurde gespeichert."),
        extra={"breadcrumbs": _list_crumbs()},
    )


@fachstelle_required
def kennzahl_edit(request, pk):
    kennzahl = get_object_or_404(Kennzahl.objects.select_related("quartier"), pk=pk)
    data = request.POST if request.method == "POST" else None
    return form_page(
        request,
        KennzahlForm(data, instance=kennzahl),
        title=_("Kennzahl bearbeiten"),
        cancel_url=reverse("quartiere:kennzahl_list"),
        success_url=reverse("quartiere:kennzahl_list"),
        success_message=_("Die Kennzahl wurde gespeichert."),
        extra={"breadcrumbs": _list_crumbs()},
    )


@fachstelle_required
def kennzahl_delete(request, pk):
    kennzahl = get_object_or_404(Kennzahl.objects.select_related("quartier"), pk=pk)
    return delete_page(
        request,
        kennzahl,
        title=_("Kennzahl löschen"),
        cancel_url=reverse("quartiere:kennzahl_list"),
        success_url=reverse("quartiere:kennzahl_list"),
        success_message=_("Die Kennzahl wurde gelöscht."),
        extra={"breadcrumbs": _list_crumbs()},
    )


@fachstelle_required
def kennzahl_import(request):
    """Upload -> preview of every row (nothing written) -> confirm -> import in one transaction."""
    if request.method == "POST" and "token" in request.POST:
        return _confirm_import(request)
    if request.method == "POST":
        form = KennzahlImportForm(request.POST, request.FILES)
        if form.is_valid():
            return _preview(request, form.result, form.cleaned_data["datei"].name)
    else:
        form = KennzahlImportForm()
    return render(
        request,
        "quartiere/kennzahl_import.html",
        {"form": form, "merkmale": Merkmal.choices, "breadcrumbs": _list_crumbs()},
        status=400 if form.errors else 200,
    )


def _preview(request, result, filename):
    token = None
    if result.is_valid:
        # Keep the checked text on the server: the confirmation does not trust the browser.
        token = secrets.token_urlsafe(16)
        request.session[PENDING_IMPORT] = {"token": token, "text": result.text, "name": filename}
    else:
        request.session.pop(PENDING_IMPORT, None)
    return render(
        request,
        "quartiere/kennzahl_import_preview.html",
        {
            "result": result,
            "filename": filename,
            "token": token,
            "breadcrumbs": _crumbs(
                (reverse("quartiere:kennzahl_list"), _("Kennzahlen")),
                (reverse("quartiere:kennzahl_import"), _("CSV-Import")),
            ),
        },
        status=200 if result.is_valid else 400,
    )


def _confirm_import(request):
    pending = request.session.get(PENDING_IMPORT)
    if not pending or not secrets.compare_digest(pending["token"], request.POST["token"]):
        messages.error(
            request,
            _(
                "Diese Vorschau ist nicht mehr gültig, zum Beispiel weil inzwischen eine andere "
                "Datei hochgeladen wurde. Bitte laden Sie die Datei erneut hoch."
            ),
        )
        return redirect("quartiere:kennzahl_import")
    # Check again: a Quartier may have been deleted since the preview.
    result = parse_kennzahlen_text(pending["text"])
    if not result.is_valid:
        return _preview(request, result, pending["name"])
    summary = import_kennzahlen(rows=result.rows)
    del request.session[PENDING_IMPORT]
    messages.success(
        request,
        _(
            "Import abgeschlossen: %(created)s neue und %(updated)s geänderte Kennzahlen, "
            "%(unchanged)s unverändert."
        )
        % {"created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged},
    )
    return redirect("quartiere:kennzahl_list")
