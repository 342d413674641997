"""Downloads of a survey: raw answers as CSV/XLSX (Fachstelle only), the questionnaire as
XLSForm, and the XLSForm import that creates a new draft."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gwa_portal.core.csv_export import streamed_csv
from gwa_portal.core.decorators import require
from gwa_portal.core.xlsx_export import xlsx_response
from gwa_portal.core.xlsx_stream import streamed_xlsx

from .. import exporte, rules, xlsform
from ..forms.ergebnisse import XLSFormUploadForm
from ..models import Befragung
from .baukasten import crumbs


@require(rules.can_export_raw)
def export_csv(request, slug):
    befragung = get_object_or_404(Befragung, slug=slug)
    header, rows = exporte.table(befragung)
    return streamed_csv(f"{befragung.slug}-rueckmeldungen.csv", header, rows)


@require(rules.can_export_raw)
def export_xlsx(request, slug):
    befragung = get_object_or_404(Befragung, slug=slug)
    return streamed_xlsx(f"{befragung.slug}-rueckmeldungen.xlsx", exporte.sheets(befragung))


@require(rules.can_see_results)
def xlsform_export(request, slug):
    befragung = get_object_or_404(Befragung, slug=slug)
    return xlsx_response(xlsform.export_bytes(befragung), f"{befragung.slug}-xlsform.xlsx")


@require(rules.can_import_xlsform)
def xlsform_import(request):
    form = XLSFormUploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = xlsform.import_sheets(form.workbook, user=request.user)
        except xlsform.XLSFormError as error:
            errors = error.errors
        else:
            text = _("Die Befragung „%(titel)s“ wurde als Entwurf angelegt (%(n)s Fragen).") % {
                "titel": result.befragung,
                "n": result.befragung.fragen.count(),
            }
            if result.ignoriert:
                text += " " + _("Nicht übernommen (Metadaten ohne Frage): %(names)s.") % {
                    "names": ", ".join(result.ignoriert)
                }
            messages.success(request, text)
            return redirect(result.befragung.get_absolute_url())
    context = {
        "form": form,
        "errors": errors,
        "title": _("Befragung aus XLSForm importieren"),
        "breadcrumbs": crumbs(),
    }
    status = 400 if (form.errors or errors) else 200
    return render(request, "befragung/ergebnisse/xlsform_import.html", context, status=status)
