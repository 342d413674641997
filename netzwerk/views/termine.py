"""Termine: list, page, create/edit with invitations, cancel, delete.

A Termin the user may not see answers 404 (partners do not learn it exists); anonymous users
see public Termine in a variant without invitees and are sent to the login otherwise.
"""

import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gwa_portal.core import rules as core_rules
from gwa_portal.core.decorators import require
from gwa_portal.core.editing import delete_page, render_form_page

from .. import einladungen, rules, termine
from ..filters.termine import TerminFilter
from ..forms.termine import TerminCreateForm, TerminForm
from ..models import Termin
from .gremien import TERMIN_FORM, gremien_crumbs
from .termin_zeilen import with_row_strings


def get_termin_for_view(user, pk):
    return get_object_or_404(rules.visible_termine(user).with_related(), pk=pk)


def get_termin_for_edit(user, pk):
    termin = get_termin_for_view(user, pk)
    if not rules.can_change_termin(user, termin):
        raise PermissionDenied
    return termin


def termine_crumbs(*extra):
    return [
        (reverse("netzwerk:index"), _("Netzwerk")),
        (reverse("netzwerk:termin_list"), _("Termine")),
        *extra,
    ]


def termin_crumbs(termin, *extra):
    return termine_crumbs((termin.get_absolute_url(), termin.titel), *extra)


# --- Liste und Monatsansicht ----------------------------------------------------------------


@require(core_rules.is_network_member)
def termin_list(request):
    user = request.user
    queryset = rules.visible_termine(user).with_related().with_rsvp_counts()
    termin_filter = TerminFilter(request.GET, queryset=queryset, user=user)
    page = Paginator(termin_filter.qs, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_row_strings(page.object_list)
    today = timezone.localdate()
    context = {
        "filter": termin_filter,
        "page": page,
        "can_create": rules.can_create_termin(user),
        "show_rsvp": rules.can_see_einladungen(user),
        "can_manage_orte": rules.can_manage_orte(user),
        "month_url": reverse("netzwerk:termin_month", args=[today.year, today.month]),
    }
    return render(request, "netzwerk/termine/list.html", context)


# --- Termin-Seite ---------------------------------------------------------------------------


def termin_detail(request, pk):
    user = request.user
    termin = (
        rules.visible_termine(user)
        .with_related()
        .with_rsvp_counts()
        .select_related("protokoll", "fortbildung", "supervision")
        .prefetch_related("tagesordnung")
        .filter(pk=pk)
        .first()
    )
    internal = core_rules.is_internal(user)
    if termin is None:
        # A partner may open a public Termin of someone else's Gremium: the public variant.
        termin = (
            Termin.objects.public()
            .with_related()
            .select_related("protokoll", "fortbildung", "supervision")
            .prefetch_related("tagesordnung")
            .filter(pk=pk)
            .first()
            if user.is_authenticated
            else None
        )
        if termin is None:
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404
        internal = False
    context = {
        "termin": termin,
        "internal": internal,
        "public_variant": not user.is_authenticated,
        "can_change": rules.can_change_termin(user, termin),
        "can_see_einladungen": internal and rules.can_see_einladungen(user),
        "meine_einladung": (
            termin.einladungen.filter(person__user=user).first()
            if user.is_authenticated and not internal
            else None
        ),
        "link_kurs": _kurs_link(user, termin),
    }
    context |= _protokoll_context(user, termin, internal=internal)
    return render(request, "netzwerk/termine/detail.html", context)


def _kurs_link(user, termin):
    """(url, label) back to the Fortbildung or Supervision group, if the user may open it."""
    if termin.fortbildung_id and rules.can_see_fortbildungen(user):
        fortbildung = termin.fortbildung
        return fortbildung.get_absolute_url(), _("Fortbildung: %(thema)s") % {
            "thema": fortbildung.thema
        }
    if termin.supervision_id and rules.can_see_supervision(user, termin.supervision):
        supervision = termin.supervision
        return supervision.get_absolute_url(), _("Supervision: %(name)s") % {
            "name": supervision.name
        }
    return None


def _protokoll_context(user, termin, *, internal):
    """What the Termin page says about the Protokoll; Supervision has none."""
    if termin.supervision_id:
        return {"protokoll_section": False}
    protokoll = getattr(termin, "protokoll", None)
    can_see = protokoll is not None and rules.can_see_protokoll(user, protokoll)
    return {
        "protokoll_section": internal or can_see,
        "protokoll": protokoll,
        "can_see_protokoll": can_see,
        "can_write_protokoll": internal and rules.can_write_protokoll(user, termin),
    }


# --- Anlegen, bearbeiten, absagen, löschen ---------------------------------------------------


@require(rules.can_create_termin)
def termin_create(request):
    user = request.user
    form = TerminCreateForm(
        request.POST if request.method == "POST" else None, user=user, search_data=request.GET
    )
    preselected = None
    slug = request.GET.get("gremium")
    if slug and request.method != "POST":
        preselected = form.fields["gremium"].queryset.filter(slug=slug).first()
        if preselected:
            form.initial["gremium"] = preselected.pk
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            einladungen = termine.create_termin(
                termin=form.save(commit=False),
                tagesordnung=form.cleaned_data["tagesordnung"],
                personen=form.invitees(),
                by=user,
            )
        termin = form.instance
        n = len(einladungen)
        messages.success(
            request,
            _("Der Termin wurde angelegt.")
            + " "
            + (
                ngettext(
                    "%(n)d Person erhält eine Einladung.",
                    "%(n)d Personen erhalten eine Einladung.",
                    n,
                )
                % {"n": n}
                if n
                else _("Es wurde noch niemand eingeladen.")
            ),
        )
        return redirect(termin)
    crumbs, current = termine_crumbs(), _("Neu")
    if preselected:
        crumbs = gremien_crumbs((preselected.get_absolute_url(), preselected.name))
        current = _("Neuer Termin")
    return render_form_page(
        request,
        form,
        template=TERMIN_FORM,
        title=_("Termin anlegen"),
        breadcrumbs=crumbs,
        current=current,
        cancel_url=preselected.get_absolute_url()
        if preselected
        else reverse("netzwerk:termin_list"),
        intro=_(
            "Alle Zeiten gelten in Langenhagen (Europe/Berlin). Die Einladungen gehen nach dem Speichern per E-Mail hinaus."
        ),
    )


@require(core_rules.is_network_member)
def termin_edit(request, pk):
    termin = get_termin_for_edit(request.user, pk)
    before = copy.copy(termin)
    form = TerminForm(
        request.POST if request.method == "POST" else None, instance=termin, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            changed = termine.update_termin(
                termin=form.save(commit=False),
                before=before,
                tagesordnung=form.cleaned_data["tagesordnung"],
            )
            notified = changed and termin.einladungen.exists()
        message = _("Der Termin wurde gespeichert.")
        if notified:
            message += " " + _("Die Eingeladenen erhalten eine aktualisierte Einladung.")
        messages.success(request, message)
        return redirect(termin)
    return render_form_page(
        request,
        form,
        template=TERMIN_FORM,
        title=_("Termin bearbeiten"),
        breadcrumbs=termin_crumbs(before),
        current=_("Bearbeiten"),
        cancel_url=termin.get_absolute_url(),
        intro=_(
            "Ändern sich Zeit, Ort, Titel oder Status, erhalten alle Eingeladenen eine aktualisierte Einladung."
        ),
    )


@require(core_rules.is_network_member)
def termin_cancel(request, pk):
    termin = get_termin_for_edit(request.user, pk)
    if request.method == "POST" and not termin.is_cancelled:
        with transaction.atomic():
            einladungen.cancel(termin=termin)
        messages.success(
            request,
            _("Der Termin wurde abgesagt.")
            + (
                " " + _("Die Eingeladenen erhalten eine Absage.")
                if termin.einladungen.exists()
                else ""
            ),
        )
        return redirect(termin)
    context = {
        "termin": termin,
        "einladungen_count": termin.einladungen.count(),
        "breadcrumbs": termin_crumbs(termin),
        "current": _("Absagen"),
    }
    return render(request, "netzwerk/termine/cancel.html", context)


@require(core_rules.is_network_member)
def termin_delete(request, pk):
    termin = get_termin_for_edit(request.user, pk)
    if termine.has_sent_invitations(termin):
        context = {
            "termin": termin,
            "breadcrumbs": termin_crumbs(termin),
            "current": _("Löschen"),
        }
        return render(request, "netzwerk/termine/delete_blocked.html", context, status=409)
    consequences = [_("Die Tagesordnung wird mitgelöscht.")]
    n = termin.einladungen.count()
    if n:
        consequences.append(
            ngettext(
                "Die noch nicht versandte Einladung an %(n)d Person wird verworfen.",
                "Die noch nicht versandten Einladungen an %(n)d Personen werden verworfen.",
                n,
            )
            % {"n": n}
        )
    return delete_page(
        request,
        termin,
        title=_("Termin löschen"),
        cancel_url=termin.get_absolute_url(),
        success_url=reverse("netzwerk:termin_list"),
        success_message=_("Der Termin wurde gelöscht."),
        consequences=consequences,
    )
