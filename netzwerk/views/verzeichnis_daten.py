"""The directory's data in and out: CSV import and export, and the DSGVO export and erasure."""

import json
import secrets

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gwa_portal.core.decorators import require

from .. import rules
from ..dsgvo import person_erase, person_export
from ..forms.verzeichnis import PersonImportForm
from ..models import Person
from ..verzeichnis_csv import (
    PERSON_COLUMNS,
    akteure_csv_response,
    import_personen,
    parse_personen_text,
    personen_csv_response,
)
from .verzeichnis import crumbs, filtered_akteure, filtered_personen, personen_crumb

# The checked file waits here between preview and confirmation; only the latest upload counts.
PENDING_IMPORT = "personen_import"

export_required = require(rules.can_export_verzeichnis)
import_required = require(rules.can_import_personen)
dsgvo_required = require(rules.can_manage_dsgvo)


# --- CSV -------------------------------------------------------------------------------------


@export_required
def akteur_export(request):
    return akteure_csv_response(filtered_akteure(request).qs)


@export_required
def person_export_csv(request):
    return personen_csv_response(filtered_personen(request).qs)


def _import_crumbs():
    return crumbs(personen_crumb(), (reverse("netzwerk:person_import"), _("CSV-Import")))


@import_required
def person_import(request):
    """Upload -> preview of every row (nothing written) -> confirm -> import in one transaction."""
    if request.method == "POST" and "token" in request.POST:
        return _confirm_import(request)
    if request.method == "POST":
        form = PersonImportForm(request.POST, request.FILES)
        if form.is_valid():
            return _preview(request, form.result, form.cleaned_data["datei"].name)
    else:
        form = PersonImportForm()
    return render(
        request,
        "netzwerk/verzeichnis/person_import.html",
        {"form": form, "columns": PERSON_COLUMNS, "breadcrumbs": crumbs(personen_crumb())},
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
        "netzwerk/verzeichnis/person_import_preview.html",
        {
            "result": result,
            "rows": [(row, result.errors_of(row.row)) for row in result.rows],
            "filename": filename,
            "token": token,
            "breadcrumbs": _import_crumbs(),
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
        return redirect("netzwerk:person_import")
    # Check again: someone may have added one of these e-mail addresses since the preview.
    result = parse_personen_text(pending["text"])
    if not result.is_valid:
        return _preview(request, result, pending["name"])
    try:
        summary = import_personen(rows=result.rows)
    except IntegrityError:
        # Someone stored one of these e-mail addresses in the last moment: show the row.
        return _preview(request, parse_personen_text(pending["text"]), pending["name"])
    del request.session[PENDING_IMPORT]
    messages.success(
        request,
        ngettext(
            "Import abgeschlossen: %(n)s Person wurde angelegt.",
            "Import abgeschlossen: %(n)s Personen wurden angelegt.",
            summary.created,
        )
        % {"n": summary.created},
    )
    return redirect("netzwerk:person_list")


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
