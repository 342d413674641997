"""The invitee's RSVP page: reached by the secret link in the mail, no login needed.

GET shows the page, only POST answers. Outcomes: 200 the form (400 with the errors next to the
fields, also when the Termin is full), 404 for an unknown or replaced link (and for erased
persons), 410 when the Termin is over or cancelled, or for a link of the old signed kind. Only
the 200/400 page can change anything, and it shows nobody else's answer.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .. import einladungen
from ..forms.einladungen import RsvpForm
from ..models import Einladung
from ..tokens import einladung_for_token, is_old_signed_token


def unusable(request, *, reason, status, termin=None):
    return render(
        request,
        "netzwerk/einladungen/rsvp_unusable.html",
        {"reason": reason, "termin": termin},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def rsvp(request, token):
    einladung = einladung_for_token(token)
    if einladung is None and is_old_signed_token(token):
        return unusable(request, reason="outdated", status=410)
    if einladung is None:
        return unusable(request, reason="invalid", status=404)
    termin = einladung.termin
    if termin.ende < timezone.now():
        return unusable(request, reason="expired", status=410, termin=termin)
    if termin.is_cancelled:
        return unusable(request, reason="cancelled", status=410, termin=termin)

    if request.method == "POST":
        form = RsvpForm(request.POST)
        if form.is_valid():
            try:
                einladungen.answer(
                    einladung=einladung,
                    antwort=form.cleaned_data["antwort"],
                    kommentar=form.cleaned_data["kommentar"],
                )
            except einladungen.TerminAusgebucht as full:
                form.add_error("antwort", full.message)
            else:
                messages.success(
                    request,
                    _("Vielen Dank! Ihre Antwort ist gespeichert: %(antwort)s.")
                    % {"antwort": einladung.get_antwort_display()},
                )
                return redirect(request.path)
    else:
        answered = einladung.antwort != Einladung.Antwort.OFFEN
        form = RsvpForm(
            initial={
                "antwort": einladung.antwort if answered else None,
                "kommentar": einladung.kommentar,
            }
        )
    context = {
        "einladung": einladung,
        "termin": termin,
        "tagesordnung": termin.tagesordnung.order_by("position"),
        "free_places": einladungen.free_places(termin),
        "form": form,
    }
    status = 400 if form.errors else 200
    return render(request, "netzwerk/einladungen/rsvp.html", context, status=status)
