"""Berichtsfassungen: save a Sachstandsbericht as it stands, list, open, export and delete them."""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gwa_portal.core import rules as core_rules
from gwa_portal.core.csv_export import streamed_csv
from gwa_portal.core.decorators import fachstelle_required, internal_required
from gwa_portal.core.editing import delete_page, form_page
from gwa_portal.core.xlsx_export import xlsx_response

from .. import berichtsarchiv, render_bericht
from ..bericht import quartiere_text
from ..forms.bericht import BerichtForm
from ..models import Berichtsfassung
from . import bericht as live


class FassungForm(forms.ModelForm):
    class Meta:
        model = Berichtsfassung
        fields = ["titel", "anlass"]
        error_messages = {
            "titel": {"required": gettext_lazy("Bitte geben Sie der Fassung einen Titel.")}
        }


def default_titel(von, bis):
    if (von.month, von.day, bis.month, bis.day) == (1, 1, 12, 31) and von.year == bis.year:
        return _("Sachstandsbericht %(jahr)s") % {"jahr": von.year}
    return _("Sachstandsbericht %(von)s–%(bis)s") % {
        "von": f"{von:%d.%m.%Y}",
        "bis": f"{bis:%d.%m.%Y}",
    }


def _crumbs():
    return [*live.crumbs(), (reverse("cockpit:bericht"), _("Sachstandsbericht"))]


def _archiv_crumbs():
    return [*_crumbs(), (reverse("cockpit:fassung_list"), _("Gespeicherte Fassungen"))]


@fachstelle_required
def fassung_speichern(request):
    """Freeze the report of the GET selection as a Berichtsfassung (title and occasion by POST)."""
    bericht_form = BerichtForm(request.GET)
    if not bericht_form.is_valid():
        return live.form_page_response(request, bericht_form, status=400)
    selection = bericht_form.selection()
    initial = {"titel": default_titel(selection["von"], selection["bis"])}
    form = FassungForm(request.POST if request.method == "POST" else None, initial=initial)
    query = request.GET.urlencode()

    def save(form):
        bericht = live.report(bericht_form)
        data = form.cleaned_data
        fassung = {"titel": data["titel"], "anlass": data["anlass"]}
        return berichtsarchiv.fassung_speichern(
            bericht=bericht,
            titel=data["titel"],
            anlass=data["anlass"],
            inhalt_html=render_bericht.render_inhalt(bericht, fassung),
            by=request.user,
        )

    ansicht_url = reverse("cockpit:bericht_ansicht") + "?" + query
    return form_page(
        request,
        form,
        title=_("Bericht als Fassung speichern"),
        cancel_url=ansicht_url,
        success_url=lambda fassung: fassung.get_absolute_url(),
        success_message=_(
            "Die Fassung ist gespeichert. Ihre Zahlen bleiben so, auch wenn sich die Daten ändern."
        ),
        save=save,
        extra={
            "breadcrumbs": [*_crumbs(), (ansicht_url, _("Bericht"))],
            "intro": _(
                "Gespeichert werden der Bericht für %(von)s bis %(bis)s (%(quartiere)s) mit "
                "allen Zahlen, Diagrammen und Tabellen, so wie er jetzt aussieht."
            )
            % {
                "von": f"{selection['von']:%d.%m.%Y}",
                "bis": f"{selection['bis']:%d.%m.%Y}",
                "quartiere": quartiere_text(selection["quartiere"]),
            },
        },
    )


@internal_required
def fassung_list(request):
    fassungen = Berichtsfassung.objects.with_related()
    fassung_filter = berichtsarchiv.BerichtsfassungFilter(request.GET or None, queryset=fassungen)
    invalid = fassung_filter.is_bound and not fassung_filter.is_valid()
    qs = fassungen.none() if invalid else fassung_filter.qs
    page = Paginator(qs, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": fassung_filter,
        "page": page,
        "breadcrumbs": _crumbs(),
        "can_save": core_rules.is_fachstelle(request.user),
    }
    return render(request, "cockpit/fassung_list.html", context, status=400 if invalid else 200)


def _get_fassung(pk):
    return get_object_or_404(Berichtsfassung.objects.with_related(), pk=pk)


@internal_required
def fassung_detail(request, pk):
    fassung = _get_fassung(pk)
    context = {
        "fassung": fassung,
        "can_delete": core_rules.is_fachstelle(request.user),
        "breadcrumbs": _archiv_crumbs(),
    }
    return render(request, "cockpit/fassung_detail.html", context)


def _filename(fassung, ext):
    return (
        f"sachstandsbericht-{fassung.von:%Y-%m-%d}-{fassung.bis:%Y-%m-%d}"
        f"-fassung-{fassung.pk}.{ext}"
    )


@internal_required
def fassung_csv(request, pk):
    fassung = _get_fassung(pk)
    tabellen = berichtsarchiv.decode_tabellen(fassung.tabellen)
    return streamed_csv(
        _filename(fassung, "csv"), render_bericht.CSV_HEADER, render_bericht.csv_rows(tabellen)
    )


@internal_required
def fassung_xlsx(request, pk):
    fassung = _get_fassung(pk)
    tabellen = berichtsarchiv.decode_tabellen(fassung.tabellen)
    return xlsx_response(render_bericht.workbook(tabellen), _filename(fassung, "xlsx"))


@fachstelle_required
def fassung_loeschen(request, pk):
    fassung = _get_fassung(pk)
    return delete_page(
        request,
        fassung,
        title=_("Berichtsfassung löschen"),
        cancel_url=fassung.get_absolute_url(),
        success_url=reverse("cockpit:fassung_list"),
        success_message=_("Die Fassung „%(titel)s“ ist gelöscht.") % {"titel": fassung.titel},
        consequences=[
            _("Der Bericht selbst bleibt: Sie können ihn jederzeit neu erstellen."),
            _("Seine Zahlen entsprechen dann aber dem heutigen Datenstand."),
        ],
        extra={"breadcrumbs": [*_archiv_crumbs(), (fassung.get_absolute_url(), fassung.titel)]},
    )
