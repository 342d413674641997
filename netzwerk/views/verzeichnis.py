"""The directory: Akteur:innen and Personen (lists, pages, editing) and "Meine Kontaktdaten"."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gwa_portal.core.decorators import require
from gwa_portal.core.editing import delete_page, form_page
from gwa_portal.core.queries import count_per_row
from quartiere.models import Quartier

from .. import rules
from ..filters.verzeichnis import AkteurFilter, PersonFilter
from ..forms.verzeichnis import AkteurForm, KontaktdatenForm, PersonForm
from ..models import Akteur, Mitgliedschaft, Person
from ..tokens import person_feed_url

verzeichnis_required = require(rules.can_see_verzeichnis)
editor_required = require(rules.can_edit_verzeichnis)


def crumbs(*pairs):
    return [(reverse("netzwerk:index"), _("Netzwerk")), *pairs]


def akteure_crumb():
    return (reverse("netzwerk:akteur_list"), _("Akteur:innen"))


def personen_crumb():
    return (reverse("netzwerk:person_list"), _("Personen"))


def to_object(obj):
    """After saving, go to the saved object's page."""
    return obj


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- Akteur:innen ----------------------------------------------------------------------------


def filtered_akteure(request):
    akteure = (
        Akteur.objects.prefetch_related(
            Prefetch("quartiere", queryset=Quartier.objects.order_by("name"))
        )
        # A subquery per listed Akteur:in (after the LIMIT), not a join of every Person.
        .annotate(
            personen_count=count_per_row(Person.objects.filter(geloescht_am__isnull=True), "akteur")
        )
        .order_by("name", "pk")
    )
    return AkteurFilter(request.GET, queryset=akteure)


@verzeichnis_required
def akteur_list(request):
    akteur_filter = filtered_akteure(request)
    page = Paginator(akteur_filter.qs, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": akteur_filter,
        "page": page,
        "export_query": _query_without_page(request),
        "can_edit": rules.can_edit_verzeichnis(request.user),
        "can_import": rules.can_import_akteure(request.user),
        "can_export": rules.can_export_verzeichnis(request.user),
        "breadcrumbs": crumbs(),
    }
    return render(request, "netzwerk/verzeichnis/akteur_list.html", context)


@verzeichnis_required
def akteur_detail(request, pk):
    akteur = get_object_or_404(
        Akteur.objects.prefetch_related(
            Prefetch("quartiere", queryset=Quartier.objects.order_by("name")),
            Prefetch("personen", queryset=Person.objects.active().order_by("name", "pk")),
        ),
        pk=pk,
    )
    context = {
        "akteur": akteur,
        "angebote": rules.visible_angebote(request.user)
        .filter(akteur=akteur)
        .select_related("quartier")
        .order_by("-aktiv", "titel", "pk"),
        "gremien": rules.visible_gremien(request.user)
        .filter(
            pk__in=Mitgliedschaft.objects.current()
            .filter(person__akteur=akteur, person__geloescht_am__isnull=True)
            .values("gremium")
        )
        .select_related("quartier")
        .order_by("name", "pk"),
        "can_edit": rules.can_edit_verzeichnis(request.user),
        "can_delete": rules.can_delete_akteur(request.user),
        "breadcrumbs": crumbs(akteure_crumb()),
    }
    return render(request, "netzwerk/verzeichnis/akteur_detail.html", context)


@editor_required
def akteur_create(request):
    form = AkteurForm(request.POST or None)
    return form_page(
        request,
        form,
        title=_("Akteur:in anlegen"),
        cancel_url=reverse("netzwerk:akteur_list"),
        success_url=to_object,
        success_message=_("Die Akteur:in wurde angelegt."),
        extra={
            "breadcrumbs": crumbs(akteure_crumb()),
            "current": _("Neu"),
            "intro": _(
                "Eine Organisation im Netzwerk: Verein, Träger, Kirche, Schule, Verwaltung …"
            ),
        },
    )


@editor_required
def akteur_edit(request, pk):
    akteur = get_object_or_404(Akteur, pk=pk)
    form = AkteurForm(request.POST or None, instance=akteur)
    return form_page(
        request,
        form,
        title=_("Akteur:in bearbeiten"),
        cancel_url=akteur.get_absolute_url(),
        success_url=to_object,
        success_message=_("Die Akteur:in wurde gespeichert."),
        extra={
            "breadcrumbs": crumbs(akteure_crumb(), (akteur.get_absolute_url(), akteur.name)),
            "current": _("Bearbeiten"),
        },
    )


@require(rules.can_delete_akteur)
def akteur_delete(request, pk):
    akteur = get_object_or_404(Akteur, pk=pk)
    personen = akteur.personen.active().count()
    consequences = (
        [
            ngettext(
                "%(n)d Person bleibt im Verzeichnis, dann ohne Akteur:in.",
                "%(n)d Personen bleiben im Verzeichnis, dann ohne Akteur:in.",
                personen,
            )
            % {"n": personen}
        ]
        if personen
        else []
    )
    return delete_page(
        request,
        akteur,
        title=_("Akteur:in löschen"),
        cancel_url=akteur.get_absolute_url(),
        success_url=reverse("netzwerk:akteur_list"),
        success_message=_("Die Akteur:in wurde gelöscht."),
        consequences=consequences,
    )


# --- Personen --------------------------------------------------------------------------------


def filtered_personen(request):
    return PersonFilter(request.GET, queryset=Person.objects.with_akteur().order_by("name", "pk"))


@verzeichnis_required
def person_list(request):
    person_filter = filtered_personen(request)
    page = Paginator(person_filter.qs, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": person_filter,
        "page": page,
        "export_query": _query_without_page(request),
        "can_edit": rules.can_edit_verzeichnis(request.user),
        "can_import": rules.can_import_personen(request.user),
        "can_export": rules.can_export_verzeichnis(request.user),
        "breadcrumbs": crumbs(),
    }
    return render(request, "netzwerk/verzeichnis/person_list.html", context)


@verzeichnis_required
def person_detail(request, pk):
    person = get_object_or_404(
        Person.objects.select_related("akteur", "user")
        .prefetch_related(
            Prefetch(
                "mitgliedschaften",
                queryset=Mitgliedschaft.objects.select_related("gremium").order_by(
                    "gremium__name", "-von", "pk"
                ),
            )
        )
        .annotate(
            einladungen_count=Count("einladungen", distinct=True),
            teilnahmen_count=Count("teilnahmen", distinct=True),
            aufgaben_count=Count("aufgaben", distinct=True),
        ),
        pk=pk,
    )
    context = {
        "person": person,
        "can_change": rules.can_change_person(request.user, person),
        "can_manage_dsgvo": rules.can_manage_dsgvo(request.user),
        "breadcrumbs": crumbs(personen_crumb()),
    }
    return render(request, "netzwerk/verzeichnis/person_detail.html", context)


def _preselected_akteur(request):
    pk = request.GET.get("akteur", "")
    return Akteur.objects.filter(pk=pk).first() if pk.isdecimal() else None


@editor_required
def person_create(request):
    akteur = _preselected_akteur(request)
    form = PersonForm(
        request.POST or None,
        initial={"akteur": akteur} if akteur else None,
        may_link_user=rules.can_manage_dsgvo(request.user),
    )
    return form_page(
        request,
        form,
        title=_("Person anlegen"),
        cancel_url=akteur.get_absolute_url() if akteur else reverse("netzwerk:person_list"),
        success_url=to_object,
        success_message=_("Die Person wurde angelegt."),
        extra={
            "breadcrumbs": crumbs(personen_crumb()),
            "current": _("Neu"),
            "intro": _(
                "E-Mail-Adresse und Telefonnummer dürfen Sie nur speichern, wenn die Person "
                "eingewilligt hat. Tragen Sie dann Datum und Zweck der Einwilligung ein."
            ),
        },
    )


@editor_required
def person_edit(request, pk):
    person = get_object_or_404(Person.objects.select_related("akteur"), pk=pk)
    if not rules.can_change_person(request.user, person):
        raise PermissionDenied
    form = PersonForm(
        request.POST or None, instance=person, may_link_user=rules.can_manage_dsgvo(request.user)
    )
    return form_page(
        request,
        form,
        title=_("Person bearbeiten"),
        cancel_url=person.get_absolute_url(),
        success_url=to_object,
        success_message=_("Die Person wurde gespeichert."),
        extra={
            "breadcrumbs": crumbs(personen_crumb(), (person.get_absolute_url(), person.name)),
            "current": _("Bearbeiten"),
        },
    )


# --- Meine Kontaktdaten ------------------------------------------------------------------------


@require(rules.can_edit_own_contact)
def meine_kontaktdaten(request):
    person = Person.objects.active().select_related("akteur").filter(user=request.user).first()
    form = KontaktdatenForm(request.POST or None, instance=person) if person else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            with transaction.atomic():
                form.save()
            messages.success(request, _("Ihre Kontaktdaten wurden gespeichert."))
            return redirect("netzwerk:meine_kontaktdaten")
    context = {
        "person": person,
        "form": form,
        "kalender_url": person_feed_url(person) if person else None,
        "breadcrumbs": crumbs(),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "netzwerk/verzeichnis/kontaktdaten.html", context, status=status)
