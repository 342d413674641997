"""Protokolle of Termine with Beschlüsse and Aufgaben, their release, and the Aufgaben lists."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gwa_portal.core import rules as core_rules
from gwa_portal.core.decorators import require, staff_required

from .. import rules
from ..filters.protokolle import AufgabeFilter
from ..forms.protokolle import AufgabeFormSet, ProtokollForm, with_one_more_row
from ..models import Aufgabe, Protokoll, Termin
from ..protokolle import aufgaben_of, mark_aufgabe_done, recipients, release_protokoll

network_required = require(core_rules.is_network_member)
FORMSET_PREFIX = "aufgaben"


def get_termin(pk):
    """A Termin that can have a Protokoll (Supervision never has one)."""
    return get_object_or_404(
        Termin.objects.select_related("gremium__quartier", "quartier", "ort", "fortbildung"),
        pk=pk,
        supervision__isnull=True,
    )


def get_termin_for_writing(user, pk):
    termin = get_termin(pk)
    if not rules.can_write_protokoll(user, termin):
        raise PermissionDenied
    return termin


def termin_links(user, termine):
    """Which of the Termine (and their Gremien) shown on a page the user may open."""
    termine = list(termine)
    return {
        "openable_termine": rules.openable_termine(user, termine),
        "openable_gremien": rules.openable_gremien(user, [t.gremium for t in termine]),
        "link_fortbildung": rules.can_see_fortbildungen(user),
    }


@network_required
def protokoll_detail(request, pk):
    termin = get_termin(pk)
    protokoll = Protokoll.objects.filter(termin=termin).select_related("verfasst_von").first()
    if protokoll is None:
        if not core_rules.is_internal(request.user):
            raise Http404
    elif not rules.can_see_protokoll(request.user, protokoll):
        raise Http404
    can_write = rules.can_write_protokoll(request.user, termin)
    aufgaben = []
    if protokoll is not None:
        aufgaben = list(protokoll.aufgaben.select_related("verantwortlich"))
        for aufgabe in aufgaben:
            aufgabe.protokoll = protokoll
            aufgabe.can_mark = protokoll.is_released and (
                can_write or aufgabe.verantwortlich.user_id == request.user.pk
            )
    context = {
        "termin": termin,
        "protokoll": protokoll,
        "aufgaben": aufgaben,
        "can_write": can_write,
        "today": timezone.localdate(),
        **termin_links(request.user, [termin]),
    }
    return render(request, "netzwerk/protokolle/detail.html", context)


@staff_required
def protokoll_edit(request, pk):
    termin = get_termin_for_writing(request.user, pk)
    protokoll = Protokoll.objects.filter(termin=termin).first() or Protokoll(termin=termin)
    if protokoll.is_released:
        messages.info(
            request,
            _(
                "Das Protokoll ist freigegeben und kann nicht mehr geändert werden. Nur der Status der Aufgaben lässt sich noch ändern."
            ),
        )
        return redirect(protokoll)
    data = request.POST if request.method == "POST" else None
    adding_row = data is not None and "weitere_aufgabe" in data
    if adding_row:
        data = with_one_more_row(data, FORMSET_PREFIX)
    form = ProtokollForm(data, instance=protokoll)
    formset = AufgabeFormSet(data, instance=protokoll, termin=termin, prefix=FORMSET_PREFIX)
    if data is not None and not adding_row and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            protokoll = form.save(commit=False)
            protokoll.verfasst_von = protokoll.verfasst_von or request.user
            protokoll.save()
            formset.instance = protokoll
            formset.save()
        messages.success(request, _("Das Protokoll wurde gespeichert."))
        return redirect(protokoll)
    status = 400 if (data is not None and not adding_row) else 200
    context = {
        "termin": termin,
        "protokoll": protokoll,
        "form": form,
        "formset": formset,
        "adding_row": adding_row,
        **termin_links(request.user, [termin]),
    }
    return render(request, "netzwerk/protokolle/form.html", context, status=status)


@staff_required
def protokoll_release(request, pk):
    termin = get_termin_for_writing(request.user, pk)
    protokoll = get_object_or_404(Protokoll, termin=termin)
    if protokoll.is_released:
        messages.info(request, _("Das Protokoll ist schon freigegeben."))
        return redirect(protokoll)
    if request.method == "POST":
        count = release_protokoll(protokoll=protokoll, by=request.user)
        messages.success(
            request,
            ngettext(
                "Das Protokoll ist freigegeben und wird an %(n)d Person verschickt.",
                "Das Protokoll ist freigegeben und wird an %(n)d Personen verschickt.",
                count,
            )
            % {"n": count},
        )
        return redirect(protokoll)
    context = {
        "termin": termin,
        "protokoll": protokoll,
        "recipients": recipients(termin).order_by("name")[:200],
        "recipient_count": recipients(termin).count(),
        **termin_links(request.user, [termin]),
    }
    return render(request, "netzwerk/protokolle/release.html", context)


def _safe_next(request, default):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_POST
@network_required
def aufgabe_done(request, pk):
    aufgabe = get_object_or_404(Aufgabe.objects.with_related().select_related("protokoll"), pk=pk)
    if not aufgabe.protokoll.is_released or not rules.can_mark_aufgabe_done(request.user, aufgabe):
        raise PermissionDenied
    erledigt = request.POST.get("erledigt", "1") != "0"
    mark_aufgabe_done(aufgabe=aufgabe, erledigt=erledigt)
    if erledigt:
        messages.success(
            request, _("„%(aufgabe)s“ ist erledigt.") % {"aufgabe": aufgabe.beschreibung}
        )
    else:
        messages.success(
            request, _("„%(aufgabe)s“ ist wieder offen.") % {"aufgabe": aufgabe.beschreibung}
        )
    return redirect(_safe_next(request, reverse("netzwerk:aufgabe_mine")))


@network_required
def aufgabe_mine(request):
    person = rules.person_of(request.user)
    aufgaben = aufgaben_of(person) if person else Aufgabe.objects.none()
    page = Paginator(aufgaben, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    for aufgabe in page.object_list:
        aufgabe.can_mark = True  # the user is the responsible person
    context = {
        "page": page,
        "person": person,
        "today": timezone.localdate(),
        **termin_links(request.user, [a.protokoll.termin for a in page.object_list]),
    }
    return render(request, "netzwerk/protokolle/aufgaben_mine.html", context)


@require(rules.can_see_aufgaben_list)
def aufgabe_list(request):
    aufgaben = Aufgabe.objects.released().with_related()
    aufgabe_filter = AufgabeFilter(request.GET, queryset=aufgaben)
    page = Paginator(aufgabe_filter.qs, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    scope = rules.protokoll_scope(request.user)
    for aufgabe in page.object_list:
        aufgabe.can_mark = rules.can_mark_in_scope(request.user, aufgabe, scope)
    context = {
        "filter": aufgabe_filter,
        "page": page,
        "today": timezone.localdate(),
        **termin_links(request.user, [a.protokoll.termin for a in page.object_list]),
    }
    return render(request, "netzwerk/protokolle/aufgaben_list.html", context)
