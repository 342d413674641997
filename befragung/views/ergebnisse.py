"""Results of a survey for staff: charts and tables per question, free texts, Bedarf from a
result. The numbers come from befragung.auswertung (SQL, suppressed below the minimum)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gwa_portal.core.charts import NoValue, bar_chart
from gwa_portal.core.decorators import require
from gwa_portal.core.editing import form_page
from quartiere.models import Bedarf

from .. import auswertung, exporte, rules
from ..forms.ergebnisse import BedarfAusBefragungForm, ErgebnisFilterForm
from ..models import Antwort, Befragung, BefragungBedarf, Frage
from .baukasten import crumbs

results_required = require(rules.can_see_results)


def get_befragung_for_results(user, slug):
    befragung = get_object_or_404(Befragung, slug=slug)
    if not rules.can_see_results(user):
        raise PermissionDenied
    return befragung


def results_crumbs(befragung):
    """Befragungen › the survey › Ergebnisse (for the pages below the results)."""
    return crumbs(
        befragung, (reverse("befragung:ergebnisse", args=[befragung.slug]), _("Ergebnisse"))
    )


def _charts(ergebnis):
    """A bar chart of the Gesamt percentages for every table; a suppressed cell has no bar and
    says „nicht ausgewiesen“ at its foot and in the chart's table, as the results table does."""
    hidden = NoValue(_("nicht ausgewiesen"))
    for frage_ergebnis in ergebnis.fragen:
        frage = frage_ergebnis.frage
        for i, tabelle in enumerate(frage_ergebnis.tabellen):
            title = tabelle.titel or frage.t("text", "de")
            tabelle.chart = bar_chart(
                id=f"frage-{frage.pk}-{i}",
                title=title,
                categories=[k.label for k in tabelle.kategorien],
                values=[
                    hidden if k.zellen[0].unterdrueckt else k.zellen[0].prozent
                    for k in tabelle.kategorien
                ],
                value_label=_("Anteil der Befragten"),
                unit="%",
                category_label=_("Antwort"),
            )


def _filter_query(request):
    return urlencode({k: v for k, v in request.GET.items() if k != "page" and v})


@results_required
def ergebnisse(request, slug):
    befragung = get_befragung_for_results(request.user, slug)
    form = ErgebnisFilterForm(request.GET or None, befragung=befragung)
    valid = form.is_valid() if request.GET else True
    ergebnis = None
    if valid:
        ergebnis = auswertung.auswerten(befragung, form.to_filter() if request.GET else None)
        _charts(ergebnis)
    bedarfe = (
        BefragungBedarf.objects.filter(befragung=befragung)
        .select_related("bedarf__quartier", "frage")
        .order_by("-created_at", "pk")
    )
    context = {
        "befragung": befragung,
        "form": form,
        "ergebnis": ergebnis,
        "filter_query": _filter_query(request),
        "bedarfe": bedarfe,
        "can_export": rules.can_export_raw(request.user),
        "wartend": exporte.waiting_note(befragung),
        "can_create_bedarf": rules.can_create_bedarf(request.user, befragung),
        "breadcrumbs": crumbs(befragung),
    }
    return render(
        request, "befragung/ergebnisse/detail.html", context, status=200 if valid else 400
    )


@results_required
def freitext(request, slug, frage_pk):
    befragung = get_befragung_for_results(request.user, slug)
    frage = get_object_or_404(Frage, pk=frage_pk, befragung=befragung, typ=Frage.Typ.TEXT)
    form = ErgebnisFilterForm(request.GET or None, befragung=befragung)
    valid = form.is_valid() if request.GET else True
    filter = form.to_filter() if request.GET else auswertung.Filter()
    # The texts of a group are listed only where its size may be shown: the group itself and
    # what the total leaves besides it are each empty or at least the minimum group size.
    shown, _n, grund = auswertung.gruppe_sichtbar(befragung, filter) if valid else (0, 0, "")
    page = None
    if valid and shown:
        # Ordered by the random key: stable between pages, unrelated to the time of answering.
        texte = (
            Antwort.objects.filter(frage=frage, rueckmeldung__in=filter.rueckmeldungen(befragung))
            .exclude(text="")
            .order_by("id")
            .values_list("text", flat=True)
        )
        page = Paginator(texte, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "befragung": befragung,
        "frage": frage,
        "form": form,
        "grund": grund,
        "page": page,
        "filter_query": _filter_query(request),
        "breadcrumbs": results_crumbs(befragung),
    }
    return render(
        request, "befragung/ergebnisse/freitext.html", context, status=200 if valid else 400
    )


@require(rules.can_see_results)
def bedarf_neu(request, slug):
    befragung = get_object_or_404(Befragung, slug=slug)
    if not rules.can_create_bedarf(request.user, befragung):
        raise PermissionDenied
    try:
        frage = befragung.fragen.get(pk=int(request.GET.get("frage", "")))
    except (ValueError, Frage.DoesNotExist):
        raise Http404(_("Diese Frage gehört nicht zu dieser Befragung.")) from None
    initial = None
    if request.method != "POST":
        ergebnis = auswertung.auswerten(befragung)
        frage_ergebnis = next((f for f in ergebnis.fragen if f.frage.pk == frage.pk), None)
        beschreibung = (
            auswertung.kennzahlen_text(ergebnis, frage_ergebnis)
            if frage_ergebnis
            else _("Zu wenige Rückmeldungen für eine Auswertung.")
        )
        scope = list(rules.bedarf_quartiere(request.user, befragung)[:2])
        initial = {
            "titel": frage.t("text", "de")[:200],
            "beschreibung": beschreibung,
            "quartier": scope[0] if len(scope) == 1 else None,
        }
    form = BedarfAusBefragungForm(
        request.POST or None, user=request.user, befragung=befragung, initial=initial
    )

    def save(form):
        with transaction.atomic():
            bedarf = form.save(commit=False)
            bedarf.quelle = Bedarf.Quelle.BEFRAGUNG
            bedarf.quelle_hinweis = str(befragung)[:300]
            bedarf.erfasst_von = request.user
            bedarf.save()
            form.save_m2m()
            BefragungBedarf.objects.create(befragung=befragung, bedarf=bedarf, frage=frage)
        return bedarf

    results_url = reverse("befragung:ergebnisse", args=[befragung.slug])
    return form_page(
        request,
        form,
        template="befragung/ergebnisse/bedarf_form.html",
        title=_("Bedarf aus der Befragung anlegen"),
        cancel_url=results_url,
        success_url=lambda bedarf: bedarf.get_absolute_url(),
        success_message=_("Der Bedarf wurde angelegt und mit der Befragung verknüpft."),
        save=save,
        extra={"breadcrumbs": results_crumbs(befragung), "befragung": befragung, "frage": frage},
    )
