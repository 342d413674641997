"""The directory's data in and out: CSV import and export, and the DSGVO export and erasure."""

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gwa_portal.core.decorators import require

from .. import rules
from ..akteure_csv import AKTEUR_COLUMNS, akteure_csv_response, import_akteure, parse_akteure_text
from ..dsgvo import person_erase, person_export
from ..forms.verzeichnis import AkteurImportForm, PersonImportForm
from ..models import Person
from ..verzeichnis_csv import (
    PERSON_COLUMNS,
    import_personen,
    parse_personen_text,
    personen_csv_response,
)
from .verzeichnis import (
    akteure_crumb,
    crumbs,
    filtered_akteure,
    filtered_personen,
    personen_crumb,
)

export_required = require(rules.can_export_verzeichnis)
dsgvo_required = require(rules.can_manage_dsgvo)


# --- CSV -------------------------------------------------------------------------------------


@export_required
def akteur_export(request):
    return akteure_csv_response(filtered_akteure(request).qs)


@export_required
def person_export_csv(request):
    return personen_csv_response(filtered_personen(request).qs)


@dataclass(frozen=True)
class CsvImport:
    """One kind of directory import: Personen or Akteur:innen, the same flow for both."""

    name: str  # URL name of the upload page; also the session key of the checked file
    form_class: type
    columns: tuple
    parse_text: Callable
    do_import: Callable  # rows -> number created
    list_crumb: Callable
    list_url: str
    export_url: str
    success_message: Callable  # n -> text


PERSONEN_IMPORT = CsvImport(
    name="person_import",
    form_class=PersonImportForm,
    columns=PERSON_COLUMNS,
    parse_text=parse_personen_text,
    do_import=lambda rows: import_personen(rows=rows).created,
    list_crumb=personen_crumb,
    list_url="netzwerk:person_list",
    export_url="netzwerk:person_export_csv",
    success_message=lambda n: (
        ngettext(
            "Import abgeschlossen: %(n)s Person wurde angelegt.",
            "Import abgeschlossen: %(n)s Personen wurden angelegt.",
            n,
        )
        % {"n": n}
    ),
)
AKTEURE_IMPORT = CsvImport(
    name="akteur_import",
    form_class=AkteurImportForm,
    columns=AKTEUR_COLUMNS,
    parse_text=parse_akteure_text,
    do_import=lambda rows: import_akteure(rows=rows),
    list_crumb=akteure_crumb,
    list_url="netzwerk:akteur_list",
    export_url="netzwerk:akteur_export",
    success_message=lambda n: (
        ngettext(
            "Import abgeschlossen: %(n)s Akteur:in wurde angelegt.",
            "Import abgeschlossen: %(n)s Akteur:innen wurden angelegt.",
            n,
        )
        % {"n": n}
    ),
)


def _template(spec, page):
    return f"netzwerk/verzeichnis/{spec.name}{page}.html"


@require(rules.can_import_personen)
def person_import(request):
    return csv_import_page(request, PERSONEN_IMPORT)


@require(rules.can_import_akteure)
def akteur_import(request):
    return csv_import_page(request, AKTEURE_IMPORT)


def csv_import_page(request, spec):
    """Upload -> preview of every row (nothing written) -> confirm -> import in one transaction."""
    if request.method == "POST" and "token" in request.POST:
        return _confirm_import(request, spec)
    if request.method == "POST":
        form = spec.form_class(request.POST, request.FILES)
        if form.is_valid():
            return _preview(request, spec, form.result, form.cleaned_data["datei"].name)
    else:
        form = spec.form_class()
    return render(
        request,
        _template(spec, ""),
        {
            "form": form,
            "columns": spec.columns,
            "export_url": reverse(spec.export_url),
            "cancel_url": reverse(spec.list_url),
            "breadcrumbs": crumbs(spec.list_crumb()),
        },
        status=400 if form.errors else 200,
    )


def _preview(request, spec, result, filename):
    token = None
    if result.is_valid:
        # Keep the checked text on the server: the confirmation does not trust the browser.
        # Only the latest upload of each kind counts.
        token = secrets.token_urlsafe(16)
        request.session[spec.name] = {"token": token, "text": result.text, "name": filename}
    else:
        request.session.pop(spec.name, None)
    return render(
        request,
        _template(spec, "_preview"),
        {
            "result": result,
            "rows": [(row, result.errors_of(row.row)) for row in result.rows],
            "filename": filename,
            "token": token,
            "import_url": reverse(f"netzwerk:{spec.name}"),
            "breadcrumbs": crumbs(
                spec.list_crumb(), (reverse(f"netzwerk:{spec.name}"), _("CSV-Import"))
            ),
        },
        status=200 if result.is_valid else 400,
    )


def _confirm_import(request, spec):
    pending = request.session.get(spec.name)
    if not pending or not secrets.compare_digest(pending["token"], request.POST["token"]):
        messages.error(
            request,
            _(
                "Diese Vorschau ist nicht mehr gültig, zum Beispiel weil inzwischen eine andere "
                "Datei hochgeladen wurde. Bitte laden Sie die Datei erneut hoch."
            ),
        )
        return redirect(f"netzwerk:{spec.name}")
    # Check again: someone may have added one of these entries since the preview.
    result = spec.parse_text(pending["text"])
    if not result.is_valid:
        return _preview(request, spec, result, pending["name"])
    try:
        created = spec.do_import(result.rows)
    except IntegrityError:
        # Someone stored one of these entries in the last moment: show the row.
        return _preview(request, spec, spec.parse_text(pending["text"]), pending["name"])
    del request.session[spec.name]
    messages.success(request, spec.success_message(created))
    return redirect(spec.list_url)


# --- DSGVO -----------------------------------------------------------------------------------


@dsgvo_required
def person_dsgvo_export(request, pk):
    person = get_object_or_404(Person, pk=pk)
    data = json.dumps(person_export(person), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


@dsgvo_required
def person_loeschen(request, pk):
    person = get_object_or_404(Person.objects.select_related("akteur", "user"), pk=pk)
    if request.method == "POST":
        erasure = person_erase(person=person, by=request.user)
        if erasure.already_erased:
            messages.info(request, _("Diese Person war schon gelöscht; es gab nichts zu tun."))
        else:
            messages.success(
                request,
                _(
                    "Die Person wurde gelöscht (anonymisiert). Zahlen wie Teilnahmen bleiben erhalten."
                ),
            )
        return redirect(person)
    context = {
        "person": person,
        "counts": {
            "einladungen": person.einladungen.count(),
            "kommentare": person.einladungen.exclude(kommentar="").count(),
            "teilnahmen": person.teilnahmen.count(),
            "mitgliedschaften": person.mitgliedschaften.count(),
            "aufgaben": person.aufgaben.count(),
        },
        "breadcrumbs": crumbs(personen_crumb(), (person.get_absolute_url(), person.name)),
    }
    return render(request, "netzwerk/verzeichnis/person_loeschen.html", context)
