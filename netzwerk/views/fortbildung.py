"""Fortbildungen: courses with Termine, registration with waiting list, attendance, the
training record and the printable attendance confirmation."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gwa_portal.core.decorators import fachstelle_required, require
from gwa_portal.core.editing import delete_page, form_page
from gwa_portal.core.models import User

from .. import rules
from ..forms.fortbildung import FortbildungForm, TeilnahmeForm, TerminKurzForm
from ..fortbildungen import (
    RegistrationError,
    attended,
    fill_free_places,
    hours_per_year,
    register,
    set_attendance,
    unregister,
    with_places,
)
from ..models import Anmeldung, Fortbildung, Termin

fortbildung_readers = require(rules.can_see_fortbildungen)


def get_fortbildung(slug):
    return get_object_or_404(with_places(), slug=slug)


@fortbildung_readers
def fortbildung_list(request):
    fortbildungen = with_places().order_by("-erster_termin", "thema", "pk")
    page = Paginator(fortbildungen, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    own = dict(
        Anmeldung.objects.filter(
            user=request.user, fortbildung__in=list(page.object_list)
        ).values_list("fortbildung", "status")
    )
    for fortbildung in page.object_list:
        fortbildung.frei = max(fortbildung.kapazitaet - fortbildung.belegt, 0)
        fortbildung.eigener_status = (
            Anmeldung.Status(own[fortbildung.pk]).label if fortbildung.pk in own else ""
        )
    context = {
        "page": page,
        "can_manage": rules.can_manage_fortbildungen(request.user),
    }
    return render(request, "netzwerk/fortbildung/list.html", context)


@fortbildung_readers
def fortbildung_detail(request, slug):
    fortbildung = get_object_or_404(
        with_places().prefetch_related(
            Prefetch("termine", queryset=Termin.objects.select_related("ort").order_by("beginn"))
        ),
        slug=slug,
    )
    fortbildung.frei = max(fortbildung.kapazitaet - fortbildung.belegt, 0)
    can_manage = rules.can_manage_fortbildungen(request.user)
    anmeldungen = []
    if can_manage:
        anmeldungen = list(
            fortbildung.anmeldungen.select_related("user").order_by("status", "created_at", "pk")
        )
    own = fortbildung.anmeldungen.filter(user=request.user).first()
    context = {
        "fortbildung": fortbildung,
        "anmeldungen": anmeldungen,
        "own": own,
        "can_manage": can_manage,
        "can_register": rules.can_register_for_fortbildung(request.user),
        "registration_open": not fortbildung.anmeldeschluss
        or timezone.localdate() <= fortbildung.anmeldeschluss,
        "termin_form": TerminKurzForm() if can_manage else None,
        "teilnahme_form": TeilnahmeForm(fortbildung=fortbildung) if can_manage else None,
        "openable_termine": rules.openable_termine(request.user, fortbildung.termine.all()),
    }
    return render(request, "netzwerk/fortbildung/detail.html", context)


@fachstelle_required
def fortbildung_create(request):
    form = FortbildungForm(request.POST or None)
    return form_page(
        request,
        form,
        title=_("Fortbildung anlegen"),
        cancel_url=reverse("netzwerk:fortbildung_list"),
        success_url=lambda obj: obj.get_absolute_url(),
        success_message=_("Die Fortbildung wurde angelegt."),
    )


@fachstelle_required
def fortbildung_edit(request, slug):
    fortbildung = get_object_or_404(Fortbildung, slug=slug)
    form = FortbildungForm(request.POST or None, instance=fortbildung)

    def save(form):
        locked = Fortbildung.objects.select_for_update().get(pk=fortbildung.pk)
        saved = form.save()
        # More places: the waiting list moves up at once.
        locked.kapazitaet = saved.kapazitaet
        fill_free_places(locked)
        return saved

    return form_page(
        request,
        form,
        title=_("Fortbildung bearbeiten"),
        cancel_url=fortbildung.get_absolute_url(),
        success_url=lambda obj: obj.get_absolute_url(),
        success_message=_("Die Fortbildung wurde gespeichert."),
        save=save,
    )


@fachstelle_required
def fortbildung_delete(request, slug):
    fortbildung = get_object_or_404(Fortbildung, slug=slug)
    consequences = []
    count = fortbildung.anmeldungen.count()
    if count:
        consequences.append(
            _("%(n)d Anmeldungen und die Termine der Fortbildung werden mit gelöscht.")
            % {"n": count}
        )
    return delete_page(
        request,
        fortbildung,
        title=_("Fortbildung löschen"),
        cancel_url=fortbildung.get_absolute_url(),
        success_url=reverse("netzwerk:fortbildung_list"),
        success_message=_("Die Fortbildung wurde gelöscht."),
        consequences=consequences,
    )


@fachstelle_required
def fortbildung_termin_create(request, slug):
    fortbildung = get_object_or_404(Fortbildung, slug=slug)
    form = TerminKurzForm(request.POST or None)
    return form_page(
        request,
        form,
        title=_("Termin hinzufügen: %(thema)s") % {"thema": fortbildung.thema},
        cancel_url=fortbildung.get_absolute_url(),
        success_url=fortbildung.get_absolute_url(),
        success_message=_("Der Termin wurde hinzugefügt."),
        save=lambda form: form.save(
            titel=fortbildung.thema,
            organisator=request.user,
            fortbildung=fortbildung,
            gremium=None,
        ),
    )


@require_POST
@require(rules.can_register_for_fortbildung)
def fortbildung_anmelden(request, slug):
    fortbildung = get_object_or_404(Fortbildung, slug=slug)
    try:
        anmeldung = register(fortbildung=fortbildung, user=request.user)
    except RegistrationError as error:
        messages.error(request, str(error))
        return redirect(fortbildung)
    if anmeldung.status == Anmeldung.Status.ANGEMELDET:
        messages.success(request, _("Sie sind angemeldet."))
    else:
        messages.success(
            request,
            _(
                "Alle Plätze sind belegt. Sie stehen auf der Warteliste und bekommen eine E-Mail, wenn ein Platz frei wird."
            ),
        )
    return redirect(fortbildung)


@require_POST
@require(rules.can_register_for_fortbildung)
def fortbildung_abmelden(request, slug):
    fortbildung = get_object_or_404(Fortbildung, slug=slug)
    try:
        unregister(fortbildung=fortbildung, user=request.user)
    except RegistrationError as error:
        messages.error(request, str(error))
        return redirect(fortbildung)
    messages.success(request, _("Sie sind abgemeldet."))
    return redirect(fortbildung)


@require_POST
@fachstelle_required
def fortbildung_teilnahme(request, slug):
    fortbildung = get_fortbildung(slug)
    form = TeilnahmeForm(request.POST, fortbildung=fortbildung)
    if not form.is_valid():
        context = {"fortbildung": fortbildung, "form": form}
        return render(request, "netzwerk/fortbildung/teilnahme.html", context, status=400)
    count = set_attendance(fortbildung=fortbildung, present=form.cleaned_data["anwesend"])
    messages.success(request, _("Die Teilnahme wurde gespeichert: %(n)d Personen.") % {"n": count})
    return redirect(fortbildung)


def _record(request, teilnehmer):
    context = {
        "teilnehmer": teilnehmer,
        "jahre": hours_per_year(teilnehmer),
        "kurse": attended(teilnehmer),
        "offen": Anmeldung.objects.filter(
            user=teilnehmer,
            status__in=[Anmeldung.Status.ANGEMELDET, Anmeldung.Status.WARTELISTE],
        )
        .select_related("fortbildung")
        .order_by("fortbildung__thema"),
        "own": teilnehmer.pk == request.user.pk,
    }
    return render(request, "netzwerk/fortbildung/nachweis.html", context)


@fortbildung_readers
def fortbildung_mine(request):
    return _record(request, request.user)


@fachstelle_required
def fortbildung_nachweis(request, user_pk):
    return _record(request, get_object_or_404(User, pk=user_pk))


@fortbildung_readers
def fortbildung_bestaetigung(request, slug, user_pk):
    teilnehmer = get_object_or_404(User, pk=user_pk)
    if not rules.can_see_bestaetigung(request.user, teilnehmer):
        raise PermissionDenied
    anmeldung = attended(teilnehmer).filter(fortbildung__slug=slug).first()
    if anmeldung is None:
        raise Http404
    fortbildung = anmeldung.fortbildung
    context = {
        "teilnehmer": teilnehmer,
        "anmeldung": anmeldung,
        "fortbildung": fortbildung,
        "termine": fortbildung.termine.select_related("ort").order_by("beginn"),
        "heute": timezone.localdate(),
    }
    return render(request, "netzwerk/fortbildung/bestaetigung.html", context)
