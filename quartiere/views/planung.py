"""Bedarfe found in the Quartiere and the Maßnahmen that answer them."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, Prefetch, Value, When
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gwa_portal.core.decorators import internal_required, staff_required
from gwa_portal.core.editing import delete_page, form_page

from .. import rules
from ..filters import chosen_quartier
from ..filters.planung import BedarfFilter, MassnahmeFilter
from ..forms.planung import BedarfForm, MassnahmeForm
from ..models import Bedarf, Massnahme, Quartier
from .navigation import crumbs, planung_crumbs, with_quartier

# Running Maßnahmen first, then planned, then finished ones.
STATUS_ORDER = Case(
    When(status=Massnahme.Status.LAUFEND, then=Value(0)),
    When(status=Massnahme.Status.GEPLANT, then=Value(1)),
    default=Value(2),
)


def get_bedarf_for_edit(user, pk):
    bedarf = get_object_or_404(Bedarf.objects.select_related("quartier"), pk=pk)
    if not rules.can_change_bedarf(user, bedarf):
        raise PermissionDenied
    return bedarf


def get_massnahme_for_edit(user, pk):
    massnahme = get_object_or_404(Massnahme, pk=pk)
    if not rules.can_change_massnahme(user, massnahme):
        raise PermissionDenied
    return massnahme


def _preselected_quartier(request):
    """The Quartier named by `?quartier=<slug>`, if the user may plan in it."""
    slug = request.GET.get("quartier")
    if not slug:
        return None
    return rules.editable_quartiere(request.user).filter(slug=slug).first()


def _bedarf_crumbs(quartier=None, bedarf=None):
    return planung_crumbs("bedarf_list", _("Bedarfe"), quartier=quartier, obj=bedarf)


def _massnahme_crumbs(quartier=None, massnahme=None):
    return planung_crumbs("massnahme_list", _("Maßnahmen"), quartier=quartier, obj=massnahme)


def _only_quartier(massnahme):
    """The Quartier of a Maßnahme that has exactly one (its trail leads there), else None."""
    quartiere = list(massnahme.quartiere.all())
    return quartiere[0] if len(quartiere) == 1 else None


def _create_url(request, name, filterset):
    """The create page for the Quartier the list shows, if the user may create anything."""
    if not rules.can_log_activity(request.user):
        return None
    return with_quartier(name, chosen_quartier(filterset))


# --- Bedarfe ---------------------------------------------------------------------------------


@internal_required
def bedarf_list(request):
    bedarfe = (
        Bedarf.objects.with_related()
        .annotate(massnahmen_count=Count("massnahmen", distinct=True))
        .order_by("prioritaet", "-erkannt_am", "titel", "pk")
    )
    bedarf_filter = BedarfFilter(request.GET, queryset=bedarfe)
    page = Paginator(bedarf_filter.qs, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": bedarf_filter,
        "page": page,
        "create_url": _create_url(request, "bedarf_create", bedarf_filter),
        "breadcrumbs": crumbs(),
    }
    return render(request, "quartiere/bedarf_list.html", context)


@internal_required
def bedarf_detail(request, pk):
    massnahmen = Massnahme.objects.prefetch_related("quartiere").order_by(STATUS_ORDER, "titel")
    bedarf = get_object_or_404(
        Bedarf.objects.with_related()
        .select_related("erfasst_von")
        .prefetch_related(Prefetch("massnahmen", queryset=massnahmen)),
        pk=pk,
    )
    context = {
        "bedarf": bedarf,
        "can_change": rules.can_change_bedarf(request.user, bedarf),
        "breadcrumbs": _bedarf_crumbs(bedarf.quartier),
    }
    return render(request, "quartiere/bedarf_detail.html", context)


@staff_required
def bedarf_create(request):
    quartier = _preselected_quartier(request)
    form = BedarfForm(
        request.POST or None,
        user=request.user,
        initial={"quartier": quartier} if quartier else None,
    )

    def save(form):
        bedarf = form.save(commit=False)
        bedarf.erfasst_von = request.user
        bedarf.save()
        form.save_m2m()
        return bedarf

    return form_page(
        request,
        form,
        template="quartiere/bedarf_form.html",
        title=_("Bedarf erfassen"),
        cancel_url=reverse("quartiere:bedarf_list"),
        success_url=lambda bedarf: bedarf.get_absolute_url(),
        success_message=_("Der Bedarf wurde erfasst."),
        save=save,
        extra={"breadcrumbs": _bedarf_crumbs(quartier)},
    )


@staff_required
def bedarf_edit(request, pk):
    bedarf = get_bedarf_for_edit(request.user, pk)
    form = BedarfForm(request.POST or None, instance=bedarf, user=request.user)
    return form_page(
        request,
        form,
        template="quartiere/bedarf_form.html",
        title=_("Bedarf bearbeiten"),
        cancel_url=bedarf.get_absolute_url(),
        success_url=lambda bedarf: bedarf.get_absolute_url(),
        success_message=_("Der Bedarf wurde gespeichert."),
        extra={"breadcrumbs": _bedarf_crumbs(bedarf.quartier, bedarf)},
    )


@staff_required
def bedarf_delete(request, pk):
    bedarf = get_bedarf_for_edit(request.user, pk)
    linked = bedarf.massnahmen.count()
    consequences = (
        [
            ngettext(
                "Die Verknüpfung mit %(n)d Maßnahme wird entfernt; die Maßnahme bleibt erhalten.",
                "Die Verknüpfungen mit %(n)d Maßnahmen werden entfernt; die Maßnahmen bleiben erhalten.",
                linked,
            )
            % {"n": linked}
        ]
        if linked
        else []
    )
    return delete_page(
        request,
        bedarf,
        title=_("Bedarf löschen"),
        cancel_url=bedarf.get_absolute_url(),
        success_url=reverse("quartiere:bedarf_list"),
        success_message=_("Der Bedarf wurde gelöscht."),
        consequences=consequences,
        extra={"breadcrumbs": _bedarf_crumbs(bedarf.quartier, bedarf)},
    )


# --- Maßnahmen -------------------------------------------------------------------------------


@internal_required
def massnahme_list(request):
    massnahmen = (
        Massnahme.objects.prefetch_related(
            Prefetch("quartiere", queryset=Quartier.objects.order_by("name"))
        )
        .annotate(bedarfe_count=Count("bedarfe", distinct=True))
        .order_by(STATUS_ORDER, F("beginn").desc(nulls_last=True), "titel", "pk")
    )
    massnahme_filter = MassnahmeFilter(request.GET, queryset=massnahmen)
    page = Paginator(massnahme_filter.qs, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": massnahme_filter,
        "page": page,
        "create_url": _create_url(request, "massnahme_create", massnahme_filter),
        "breadcrumbs": crumbs(),
    }
    return render(request, "quartiere/massnahme_list.html", context)


@internal_required
def massnahme_detail(request, pk):
    massnahme = get_object_or_404(
        Massnahme.objects.prefetch_related(
            Prefetch("quartiere", queryset=Quartier.objects.order_by("name")),
            Prefetch(
                "bedarfe",
                queryset=Bedarf.objects.select_related("quartier", "handlungsfeld"),
            ),
        ),
        pk=pk,
    )
    context = {
        "massnahme": massnahme,
        "can_change": rules.can_change_massnahme(request.user, massnahme),
        "breadcrumbs": _massnahme_crumbs(_only_quartier(massnahme)),
    }
    return render(request, "quartiere/massnahme_detail.html", context)


@staff_required
def massnahme_create(request):
    quartier = _preselected_quartier(request)
    form = MassnahmeForm(
        request.POST or None,
        user=request.user,
        initial={"quartiere": [quartier]} if quartier else None,
    )
    return form_page(
        request,
        form,
        template="quartiere/massnahme_form.html",
        title=_("Maßnahme anlegen"),
        cancel_url=reverse("quartiere:massnahme_list"),
        success_url=lambda massnahme: massnahme.get_absolute_url(),
        success_message=_("Die Maßnahme wurde angelegt."),
        extra={"breadcrumbs": _massnahme_crumbs(quartier)},
    )


@staff_required
def massnahme_edit(request, pk):
    massnahme = get_massnahme_for_edit(request.user, pk)
    form = MassnahmeForm(request.POST or None, instance=massnahme, user=request.user)
    return form_page(
        request,
        form,
        template="quartiere/massnahme_form.html",
        title=_("Maßnahme bearbeiten"),
        cancel_url=massnahme.get_absolute_url(),
        success_url=lambda massnahme: massnahme.get_absolute_url(),
        success_message=_("Die Maßnahme wurde gespeichert."),
        extra={"breadcrumbs": _massnahme_crumbs(_only_quartier(massnahme), massnahme)},
    )


@staff_required
def massnahme_delete(request, pk):
    massnahme = get_massnahme_for_edit(request.user, pk)
    return delete_page(
        request,
        massnahme,
        title=_("Maßnahme löschen"),
        cancel_url=massnahme.get_absolute_url(),
        success_url=reverse("quartiere:massnahme_list"),
        success_message=_("Die Maßnahme wurde gelöscht."),
        consequences=[_("Die Bedarfe, die sie beantwortet, bleiben erhalten.")],
        extra={"breadcrumbs": _massnahme_crumbs(_only_quartier(massnahme), massnahme)},
    )
