"""Access codes and invitations of a survey (staff).

Generated codes exist in plain text only in the response that shows them: the result page
posts them back (one hidden field, CSRF-protected) to the CSV and print endpoints, which
check every code against the stored hashes before rendering, and nothing is cached."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gwa_portal.core.csv_export import streamed_csv
from gwa_portal.core.decorators import staff_required
from gwa_portal.core.mail import absolute_url

from .. import einladungen, erinnerungen, rules, zugangscodes
from ..forms.zugang import CodesErzeugenForm, PersonenEinladenForm
from ..models import Befragung
from .baukasten import crumbs


def get_befragung_for_zugang(user, slug):
    befragung = get_object_or_404(Befragung.objects.prefetch_related("quartiere"), slug=slug)
    if not rules.can_manage_zugang(user, befragung):
        raise PermissionDenied
    return befragung


def get_code_befragung_for_zugang(user, slug):
    befragung = get_befragung_for_zugang(user, slug)
    if befragung.modus != Befragung.Modus.ZUGANGSCODE:
        raise Http404
    return befragung


def zugang_crumbs(befragung, *, codes_page=False):
    """Befragungen › the survey (› Zugangscodes, for the pages below the codes page)."""
    if codes_page:
        return crumbs(
            befragung, (reverse("befragung:zugangscodes", args=[befragung.slug]), _("Zugangscodes"))
        )
    return crumbs(befragung)


def no_store(response):
    """Pages with plain codes must not stay in any cache or the browser history."""
    response["Cache-Control"] = "no-store"
    return response


def _codes_page(request, befragung, form, *, status=200):
    context = {
        "befragung": befragung,
        "titel": befragung.t("titel", "de"),
        "counts": zugangscodes.counts(befragung=befragung),
        "form": form,
        "is_code_survey": befragung.modus == Befragung.Modus.ZUGANGSCODE,
        "breadcrumbs": zugang_crumbs(befragung),
    }
    return render(request, "befragung/zugang/codes.html", context, status=status)


@staff_required
def codes(request, slug):
    befragung = get_befragung_for_zugang(request.user, slug)
    return _codes_page(request, befragung, CodesErzeugenForm())


@require_POST
@staff_required
def codes_erzeugen(request, slug):
    befragung = get_befragung_for_zugang(request.user, slug)
    form = CodesErzeugenForm(request.POST)
    if form.is_valid():
        if befragung.modus != Befragung.Modus.ZUGANGSCODE:
            form.add_error(None, _("Zugangscodes gibt es nur bei Befragungen mit Zugangscode."))
        elif befragung.status == Befragung.Status.BEENDET:
            form.add_error(None, _("Die Befragung ist beendet. Neue Codes sind nicht nötig."))
    if not form.is_valid():
        return _codes_page(request, befragung, form, status=400)
    codes = zugangscodes.generate(befragung=befragung, anzahl=form.cleaned_data["anzahl"])
    context = {
        "befragung": befragung,
        "titel": befragung.t("titel", "de"),
        "rows": _rows(befragung, codes),
        "codes_text": " ".join(codes),
        "breadcrumbs": zugang_crumbs(befragung, codes_page=True),
    }
    return no_store(render(request, "befragung/zugang/codes_ergebnis.html", context))


def _rows(befragung, codes):
    return [
        (nr, code, zugangscodes.code_link(befragung=befragung, code=code))
        for nr, code in enumerate(codes, start=1)
    ]


def _posted_codes(request, befragung):
    """The codes posted back by the result page, if each is an unused code of this survey."""
    codes = zugangscodes.parse_codes(request.POST.get("codes"))
    if codes is None or not zugangscodes.all_unused(befragung=befragung, codes=codes):
        return None
    return codes


def _tampered(request, befragung):
    context = {"befragung": befragung, "breadcrumbs": zugang_crumbs(befragung, codes_page=True)}
    return no_store(render(request, "befragung/zugang/codes_ungueltig.html", context, status=400))


@require_POST
@staff_required
def codes_csv(request, slug):
    befragung = get_code_befragung_for_zugang(request.user, slug)
    codes = _posted_codes(request, befragung)
    if codes is None:
        return _tampered(request, befragung)
    response = streamed_csv(
        f"zugangscodes-{befragung.slug}.csv", ["nr", "code", "link"], _rows(befragung, codes)
    )
    return no_store(response)


@require_POST
@staff_required
def codes_druck(request, slug):
    befragung = get_code_befragung_for_zugang(request.user, slug)
    codes = _posted_codes(request, befragung)
    if codes is None:
        return _tampered(request, befragung)
    context = {
        "befragung": befragung,
        "titel": befragung.t("titel", "de"),
        "rows": _rows(befragung, codes),
        "link": absolute_url(befragung.get_public_url()),
    }
    return no_store(render(request, "befragung/zugang/codes_druck.html", context))


# --- Einladungen ------------------------------------------------------------------------------


@staff_required
def einladungen_list(request, slug):
    befragung = get_code_befragung_for_zugang(request.user, slug)
    rows = befragung.einladungen.select_related("person", "person__akteur").order_by(
        "person__name", "pk"
    )
    page = Paginator(rows, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "befragung": befragung,
        "titel": befragung.t("titel", "de"),
        "page": page,
        "total": page.paginator.count,
        "remindable": erinnerungen.remindable(befragung).count(),
        "can_invite": einladungen.open_for_invitations(befragung),
        "show_participation": rules.can_see_participation(request.user),
        "breadcrumbs": zugang_crumbs(befragung, codes_page=True),
    }
    return render(request, "befragung/zugang/einladungen.html", context)


@staff_required
def einladen(request, slug):
    befragung = get_code_befragung_for_zugang(request.user, slug)
    form = PersonenEinladenForm(
        request.POST if request.method == "POST" else None,
        befragung=befragung,
        search_data=request.GET,
    )
    if request.method == "POST" and form.is_valid():
        if not einladungen.open_for_invitations(befragung):
            form.add_error(
                None,
                _("Einladen können Sie erst, wenn die Befragung läuft, und nur bis zu ihrem Ende."),
            )
        else:
            with transaction.atomic():
                created = einladungen.invite(befragung=befragung, personen=form.invitees())
            messages.success(
                request,
                ngettext(
                    "%(n)d Person wurde eingeladen. Die E-Mail mit dem Zugangscode geht gleich raus.",
                    "%(n)d Personen wurden eingeladen. Die E-Mails mit den Zugangscodes gehen gleich raus.",
                    len(created),
                )
                % {"n": len(created)},
            )
            return redirect("befragung:einladungen", befragung.slug)
    einladungen_url = reverse("befragung:einladungen", args=[befragung.slug])
    context = {
        "form": form,
        "title": _("Personen einladen"),
        "intro": _(
            "Jede eingeladene Person erhält per E-Mail einen eigenen Zugangscode. Der Code "
            "wird nicht mit den Antworten verbunden."
        ),
        "submit_label": _("Einladen"),
        "cancel_url": einladungen_url,
        "breadcrumbs": [
            *zugang_crumbs(befragung, codes_page=True),
            (einladungen_url, _("Einladungen")),
        ],
    }
    return render(request, "includes/form_page.html", context, status=400 if form.errors else 200)


@require_POST
@staff_required
def einladungen_erinnern(request, slug):
    befragung = get_code_befragung_for_zugang(request.user, slug)
    if not einladungen.open_for_invitations(befragung):
        messages.error(
            request, _("Die Befragung läuft nicht mehr: Es gehen keine Erinnerungen raus.")
        )
        return redirect("befragung:einladungen", befragung.slug)
    with transaction.atomic():
        ids = erinnerungen.request_reminders(befragung=befragung)
    if ids:
        messages.success(
            request,
            ngettext(
                "%(n)d Erinnerung mit neuem Zugangscode geht gleich raus.",
                "%(n)d Erinnerungen mit neuen Zugangscodes gehen gleich raus.",
                len(ids),
            )
            % {"n": len(ids)},
        )
    else:
        messages.info(
            request,
            _(
                "Niemand ist zu erinnern: Es gibt keine versandte Einladung mit ungenutztem "
                "Code, die noch ohne Erinnerung ist."
            ),
        )
    return redirect("befragung:einladungen", befragung.slug)
