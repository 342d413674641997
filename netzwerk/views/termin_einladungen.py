"""The staff side of invitations: who is invited, what they answered, what was mailed; invite
more; the Fachstelle renews RSVP links (all of a Termin, or one, e.g. after "Versand unklar")."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gwa_portal.core import outbox
from gwa_portal.core import rules as core_rules
from gwa_portal.core.decorators import require
from gwa_portal.core.editing import render_form_page

from .. import einladungen, rules
from ..forms.termin_einladungen import EinladenForm
from ..models import Einladung
from .gremien import TERMIN_FORM
from .termine import get_termin_for_edit, get_termin_for_view, termin_crumbs


def delivery_state(einladung, termin, *, now):
    """How far the mail got: sent for the Termin's current state, unclear (the worker died
    mid-send), waiting, failed, impossible."""
    person = einladung.person
    if person.is_erased or not person.email:
        return "unmoeglich", _("keine E-Mail-Adresse")
    if outbox.is_unclear(einladung, now=now):
        return "unklar", _("Versand unklar")
    if einladung.sent_sequence >= termin.sequence:
        return "versandt", _("versandt")
    if einladung.send_error:
        return "fehler", _("Fehler: %(fehler)s") % {"fehler": einladung.send_error}
    return "wartend", _("wird versandt")


def answer_counts(termin):
    answers = Einladung.Antwort
    counts = termin.einladungen.aggregate(
        gesamt=Count("pk"),
        **{
            value: Count("pk", filter=Q(antwort=value))
            for value in (answers.ZUGESAGT, answers.VIELLEICHT, answers.ABGESAGT, answers.OFFEN)
        },
        unversandt=Count("pk", filter=Q(sent_sequence__lt=F("termin__sequence"))),
        unklar=Count(
            "pk",
            filter=Q(sending_started_at__lt=timezone.now() - outbox.SEND_CLAIM_STALE),
        ),
    )
    return counts


@require(core_rules.is_network_member)
def termin_einladungen(request, pk):
    termin = get_termin_for_view(request.user, pk)
    if not rules.can_see_einladungen(request.user):
        raise PermissionDenied
    einladungen = termin.einladungen.with_person().order_by("person__name", "pk")
    page = Paginator(einladungen, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [(e, *delivery_state(e, termin, now=now)) for e in page.object_list]
    counts = answer_counts(termin)
    answers = Einladung.Antwort
    context = {
        "termin": termin,
        "page": page,
        "rows": rows,
        "counts": counts,
        "summary": [
            (answers.ZUGESAGT.label, counts[answers.ZUGESAGT]),
            (answers.VIELLEICHT.label, counts[answers.VIELLEICHT]),
            (answers.ABGESAGT.label, counts[answers.ABGESAGT]),
            (answers.OFFEN.label, counts[answers.OFFEN]),
        ],
        "can_change": rules.can_change_termin(request.user, termin),
        "can_renew_links": core_rules.is_fachstelle(request.user)
        and not termin.is_cancelled
        and termin.ende >= now,
        "link_personen": rules.can_link_personen(request.user),
        "breadcrumbs": termin_crumbs(termin),
        "current": _("Einladungen"),
    }
    return render(request, "netzwerk/termine/einladungen.html", context)


@require(core_rules.is_network_member)
def termin_einladen(request, pk):
    termin = get_termin_for_edit(request.user, pk)
    form = EinladenForm(
        request.POST if request.method == "POST" else None, termin=termin, search_data=request.GET
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            created = einladungen.invite(termin=termin, personen=form.invitees())
        n = len(created)
        messages.success(
            request,
            ngettext(
                "%(n)d weitere Person wurde eingeladen.",
                "%(n)d weitere Personen wurden eingeladen.",
                n,
            )
            % {"n": n},
        )
        return redirect("netzwerk:termin_einladungen", termin.pk)
    return render_form_page(
        request,
        form,
        template=TERMIN_FORM,
        title=_("Weitere Personen einladen"),
        breadcrumbs=termin_crumbs(
            termin, (reverse("netzwerk:termin_einladungen", args=[termin.pk]), _("Einladungen"))
        ),
        current=_("Weitere einladen"),
        cancel_url=reverse("netzwerk:termin_einladungen", args=[termin.pk]),
        intro=_("Die neuen Eingeladenen erhalten die Einladung gleich danach per E-Mail."),
        submit_label=_("Einladen"),
    )


@require_POST
@require(core_rules.is_fachstelle)
def termin_links_erneuern(request, pk):
    """New RSVP links for every invitee of the Termin, mailed to them at once."""
    termin = get_termin_for_view(request.user, pk)
    with transaction.atomic():
        n = len(einladungen.renew_links(termin.einladungen.all()))
    messages.success(
        request,
        ngettext(
            "Der Antwort-Link wurde für %(n)d Person erneuert und neu versandt. Ältere Links gelten nicht mehr.",
            "Die Antwort-Links wurden für %(n)d Personen erneuert und neu versandt. Ältere Links gelten nicht mehr.",
            n,
        )
        % {"n": n},
    )
    return redirect("netzwerk:termin_einladungen", termin.pk)


@require_POST
@require(core_rules.is_fachstelle)
def einladung_link_erneuern(request, pk, einladung_pk):
    """A new RSVP link for one invitee, mailed at once (also the way out of "Versand unklar")."""
    termin = get_termin_for_view(request.user, pk)
    einladung = get_object_or_404(termin.einladungen.select_related("person"), pk=einladung_pk)
    with transaction.atomic():
        renewed = einladungen.renew_links(termin.einladungen.filter(pk=einladung.pk))
    if renewed:
        messages.success(
            request,
            _("Der Antwort-Link für %(name)s wurde erneuert und neu versandt.")
            % {"name": einladung.person.name},
        )
    else:
        messages.error(
            request, _("Der Termin ist vorbei oder abgesagt: Ein neuer Link ist nicht nötig.")
        )
    return redirect("netzwerk:termin_einladungen", termin.pk)
