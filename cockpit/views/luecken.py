"""Gap analysis pages: the two matrices, one cell's items, and the matrix as CSV."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gwa_portal.core.csv_export import streamed_csv
from gwa_portal.core.decorators import internal_required
from quartiere.models import Handlungsfeld, Quartier, Zielgruppe

from .. import luecken
from ..forms.luecken import LueckenFilterForm

CSV_HEADER = [
    "Matrix",
    "Quartier",
    "Kurzname",
    "Stadtteil",
    "Typologie",
    "Handlungsfeld oder Zielgruppe",
    "aktive Angebote",
    "offene Bedarfe",
    "Lücke",
    "mögliche Parallelstruktur",
    "Parallelstruktur mit",
    "Schwelle",
]
MATRIX_LABELS = {luecken.HANDLUNGSFELD: "Handlungsfeld", luecken.ZIELGRUPPE: "Zielgruppe"}


CELL_PARAMS = ("quartier", "handlungsfeld", "zielgruppe", "page")
QUARTIERE_JE_SEITE = 25


def _filter_query(request):
    """The matrix filter as a query string, without the parameters that name a cell or a page."""
    query = request.GET.copy()
    for key in CELL_PARAMS:
        query.pop(key, None)
    return query.urlencode()


def _crumbs():
    return [(reverse("start"), _("Start")), (reverse("cockpit:index"), _("Auswertung"))]


def _invalid_filter(request, form):
    context = {"filter": {"form": form}, "breadcrumbs": _crumbs(), "invalid": True}
    return render(request, "cockpit/luecken.html", context, status=400)


@internal_required
def luecken_page(request):
    form = LueckenFilterForm(request.GET)
    if not form.is_valid():
        return _invalid_filter(request, form)
    selection = form.selection()
    # A page of Quartiere (rows) at a time, so that the page does not grow with the city; the
    # sums, totals and counts of gaps cover the whole selection, and the CSV has every row.
    quartiere = luecken.quartiere_for(
        stadtteil=selection["stadtteil"], typologie=selection["typologie"]
    )
    page = Paginator(quartiere, QUARTIERE_JE_SEITE).get_page(request.GET.get("page"))
    auswertung = luecken.matrices(**selection, zeilen=list(page.object_list))
    context = {
        "filter": {"form": form},
        "page": page,
        "auswertung": auswertung,
        "matrizen": [auswertung.handlungsfelder, auswertung.zielgruppen],
        "filter_query": _filter_query(request),
        "breadcrumbs": _crumbs(),
    }
    return render(request, "cockpit/luecken.html", context)


@internal_required
def luecken_zelle(request):
    form = LueckenFilterForm(request.GET)
    if not form.is_valid():
        return _invalid_filter(request, form)
    slug = request.GET.get("quartier")
    hf_pk, zg_pk = request.GET.get("handlungsfeld"), request.GET.get("zielgruppe")
    context = {"breadcrumbs": _crumbs(), "filter_query": _filter_query(request)}
    if not slug or bool(hf_pk) == bool(zg_pk) or not (hf_pk or zg_pk or "").isdecimal():
        context["fehler"] = _(
            "Diese Adresse nennt keine Zelle der Matrix. Bitte wählen Sie eine Zelle in der "
            "Lückenanalyse."
        )
        return render(request, "cockpit/luecken_zelle.html", context, status=400)
    quartier = get_object_or_404(Quartier.objects.with_stadtteil(), slug=slug)
    selection = form.selection()
    if hf_pk:
        inhalt = luecken.zelle(
            quartier=quartier,
            handlungsfeld=get_object_or_404(Handlungsfeld, pk=hf_pk),
            andere=selection["zielgruppen"],
            schwelle=selection["schwelle"],
        )
    else:
        inhalt = luecken.zelle(
            quartier=quartier,
            zielgruppe=get_object_or_404(Zielgruppe, pk=zg_pk),
            andere=selection["handlungsfelder"],
            schwelle=selection["schwelle"],
        )
    context.update({"inhalt": inhalt, "filter_query": _filter_query(request)})
    return render(request, "cockpit/luecken_zelle.html", context)


def csv_rows(auswertung):
    for matrix in (auswertung.handlungsfelder, auswertung.zielgruppen):
        for quartier, spalte, zelle in matrix.cells():
            yield [
                MATRIX_LABELS[matrix.art],
                quartier.name,
                quartier.slug,
                quartier.stadtteil.name,
                quartier.get_typologie_display(),
                spalte.name,
                zelle.angebote,
                zelle.bedarfe,
                zelle.luecke,
                zelle.parallelstruktur,
                ", ".join(f"{eintrag.name} ({n})" for eintrag, n in zelle.parallel),
                auswertung.schwelle,
            ]


@internal_required
def luecken_csv(request):
    form = LueckenFilterForm(request.GET)
    if not form.is_valid():
        return _invalid_filter(request, form)
    auswertung = luecken.matrices(**form.selection())
    filename = f"lueckenanalyse-{timezone.localdate():%Y-%m-%d}.csv"
    return streamed_csv(filename, CSV_HEADER, csv_rows(auswertung))
