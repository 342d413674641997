"""Gremien (AGs, Runde Tische …): list, page with members and Termine, editing, Mitgliedschaften.

Partners see only the Gremien they belong to; any other Gremium answers 404, so that a partner
cannot even learn that it exists.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gwa_portal.core import rules as core_rules
from gwa_portal.core.decorators import require
from gwa_portal.core.editing import delete_page, render_form_page
from gwa_portal.core.queries import count_per_row

from .. import gremien, rules
from ..filters.gremien import GremiumFilter
from ..forms.gremien import GremiumForm, MitgliedschaftEndForm, MitgliedschaftForm
from ..models import Mitgliedschaft
from .termin_zeilen import with_row_strings

# How many upcoming and past Termine the Gremium page shows; the rest is one link away.
TERMINE_ON_PAGE = 10


def get_gremium_for_view(user, slug):
    return get_object_or_404(rules.visible_gremien(user).with_related(), slug=slug)


def get_gremium_for_edit(user, slug):
    gremium = get_gremium_for_view(user, slug)
    if not rules.can_change_gremium(user, gremium):
        raise PermissionDenied
    return gremium


def gremien_crumbs(*extra):
    return [
        (reverse("netzwerk:index"), _("Netzwerk")),
        (reverse("netzwerk:gremium_list"), _("Gremien")),
        *extra,
    ]


# Termin, Gremium, Ort and invitation forms: the shared form page plus the Termine styles.
TERMIN_FORM = "netzwerk/termine/form.html"


@require(core_rules.is_network_member)
def gremium_list(request):
    today = timezone.localdate()
    current = (Q(von__isnull=True) | Q(von__lte=today)) & (Q(bis__isnull=True) | Q(bis__gte=today))
    gremien_qs = (
        rules.visible_gremien(request.user)
        .with_related()
        # Counted per shown row (after the LIMIT), not by joining every Gremium's members.
        .annotate(mitglieder_count=count_per_row(Mitgliedschaft.objects.filter(current), "gremium"))
        .order_by("name", "pk")
    )
    gremium_filter = GremiumFilter(request.GET, queryset=gremien_qs)
    page = Paginator(gremium_filter.qs, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": gremium_filter,
        "page": page,
        "can_create": rules.can_create_gremium(request.user),
        "is_partner": not core_rules.is_internal(request.user),
    }
    return render(request, "netzwerk/gremien/list.html", context)


def _limited(queryset):
    rows = list(queryset[: TERMINE_ON_PAGE + 1])
    return rows[:TERMINE_ON_PAGE], len(rows) > TERMINE_ON_PAGE


@require(core_rules.is_network_member)
def gremium_detail(request, slug):
    user = request.user
    gremium = get_gremium_for_view(user, slug)
    can_change = rules.can_change_gremium(user, gremium)
    termine = rules.visible_termine(user).filter(gremium=gremium).select_related("ort")
    upcoming, more_upcoming = _limited(termine.upcoming())
    past, more_past = _limited(termine.past())
    context = {
        "gremium": gremium,
        "mitglieder": gremien.current_members(gremium),
        "ehemalige": gremien.former_members(gremium),
        "upcoming": with_row_strings(upcoming, gremien=False),
        "more_upcoming": more_upcoming,
        "past": with_row_strings(past, gremien=False),
        "more_past": more_past,
        "can_change": can_change,
        "link_personen": rules.can_link_personen(user),
        "can_plan": can_change and rules.can_create_termin(user),
        # Only the search field: the Personen to choose from are on the "Mitglied hinzufügen" page.
        "mitglied_suche": MitgliedschaftForm(gremium=gremium)["person_suche"]
        if can_change
        else None,
    }
    return render(request, "netzwerk/gremien/detail.html", context)


@require(rules.can_create_gremium)
def gremium_create(request):
    form = GremiumForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            gremium = form.save(commit=False)
            gremium.organisator = request.user
            gremium.save()
            form.save_m2m()
        messages.success(request, _("Das Gremium wurde angelegt."))
        return redirect(gremium)
    return render_form_page(
        request,
        form,
        template=TERMIN_FORM,
        title=_("Gremium anlegen"),
        breadcrumbs=gremien_crumbs(),
        current=_("Neu"),
        cancel_url=reverse("netzwerk:gremium_list"),
        intro=_(
            "Ein Gremium ist eine Arbeitsgruppe, ein Runder Tisch oder ein anderes Treffen, das regelmäßig zusammenkommt. Ohne Quartier gilt es als stadtweit."
        ),
    )


@require(core_rules.is_network_member)
def gremium_edit(request, slug):
    gremium = get_gremium_for_edit(request.user, slug)
    form = GremiumForm(
        request.POST if request.method == "POST" else None, instance=gremium, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            gremium = form.save()
        messages.success(request, _("Das Gremium wurde gespeichert."))
        return redirect(gremium)
    return render_form_page(
        request,
        form,
        template=TERMIN_FORM,
        title=_("Gremium bearbeiten"),
        breadcrumbs=gremien_crumbs((reverse("netzwerk:gremium_detail", args=[slug]), gremium.name)),
        current=_("Bearbeiten"),
        cancel_url=reverse("netzwerk:gremium_detail", args=[slug]),
    )


@require(core_rules.is_network_member)
def gremium_delete(request, slug):
    gremium = get_gremium_for_edit(request.user, slug)
    return delete_page(
        request,
        gremium,
        title=_("Gremium löschen"),
        cancel_url=gremium.get_absolute_url(),
        success_url=reverse("netzwerk:gremium_list"),
        success_message=_("Das Gremium wurde gelöscht."),
        consequences=[
            _("Alle Mitgliedschaften in diesem Gremium werden gelöscht."),
            _(
                "Hat das Gremium schon Termine, wird nichts gelöscht: Setzen Sie es dann auf „nicht aktiv“."
            ),
        ],
    )


@require(core_rules.is_network_member)
def mitgliedschaft_add(request, slug):
    gremium = get_gremium_for_edit(request.user, slug)
    form = MitgliedschaftForm(
        request.POST if request.method == "POST" else None, gremium=gremium, search_data=request.GET
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            mitgliedschaft = gremien.add_member(gremium=gremium, **form.cleaned_data)
        messages.success(
            request,
            _("%(name)s ist jetzt %(rolle)s im Gremium.")
            % {"name": mitgliedschaft.person.name, "rolle": mitgliedschaft.get_rolle_display()},
        )
        return redirect(gremium.get_absolute_url() + "#mitglieder")
    return render_form_page(
        request,
        form,
        template=TERMIN_FORM,
        title=_("Mitglied hinzufügen"),
        breadcrumbs=gremien_crumbs((gremium.get_absolute_url(), gremium.name)),
        current=_("Mitglied hinzufügen"),
        cancel_url=gremium.get_absolute_url() + "#mitglieder",
        intro=_(
            "Suchen Sie die Person und wählen Sie sie aus den Treffern. Finden Sie sie nicht? Legen Sie sie zuerst im Verzeichnis an."
        ),
        submit_label=_("Hinzufügen"),
    )


@require(core_rules.is_network_member)
def mitgliedschaft_end(request, slug, pk):
    gremium = get_gremium_for_edit(request.user, slug)
    mitgliedschaft = get_object_or_404(gremium.mitgliedschaften.select_related("person"), pk=pk)
    ended = mitgliedschaft.bis is not None
    form = MitgliedschaftEndForm(
        request.POST if request.method == "POST" else None, mitgliedschaft=mitgliedschaft
    )
    if request.method == "POST" and not ended and form.is_valid():
        with transaction.atomic():
            gremien.end_membership(mitgliedschaft=mitgliedschaft, bis=form.cleaned_data["bis"])
        messages.success(
            request,
            _("Die Mitgliedschaft von %(name)s endet am %(bis)s.")
            % {"name": mitgliedschaft.person.name, "bis": mitgliedschaft.bis.strftime("%d.%m.%Y")},
        )
        return redirect(gremium.get_absolute_url() + "#mitglieder")
    context = {
        "gremium": gremium,
        "mitgliedschaft": mitgliedschaft,
        "ended": ended,
        "form": form,
        "breadcrumbs": gremien_crumbs((gremium.get_absolute_url(), gremium.name)),
        "current": _("Mitgliedschaft beenden"),
    }
    status = 400 if form.errors else 200
    return render(request, "netzwerk/gremien/mitgliedschaft_end.html", context, status=status)
