"""Staff enter a filled-in paper questionnaire: the whole form on one page, in German."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gwa_portal.core.decorators import staff_required

from .. import freigabe, rules
from ..antworten import submit
from ..forms.antworten import AnswerForm, load_fragen
from ..forms.formular import PapierForm
from ..formular_texte import texte
from ..models import Befragung, Rueckmeldung
from .baukasten import crumbs
from .formular import error_summary


def get_befragung_for_paper(user, slug):
    befragung = get_object_or_404(
        Befragung.objects.exclude(status=Befragung.Status.ENTWURF), slug=slug
    )
    if not rules.can_enter_paper(user, befragung):
        raise PermissionDenied
    return befragung


@staff_required
def papier_erfassen(request, slug):
    befragung = get_befragung_for_paper(request.user, slug)
    fragen = load_fragen(befragung)
    data = request.POST if request.method == "POST" else None
    form = AnswerForm(befragung, "de", data, fragen=fragen)
    papier = PapierForm(data, befragung=befragung)
    if data is not None and form.is_valid() & papier.is_valid():
        submit(
            befragung=befragung,
            sprache=papier.cleaned_data["papier_sprache"],
            kanal=Rueckmeldung.Kanal.PAPIER,
            cleaned=form.answers,
        )
        messages.success(request, _("Der Papierbogen wurde gespeichert."))
        return redirect(reverse("befragung:papier_erfassen", kwargs={"slug": slug}) + "#bogen")
    bloecke = form.bloecke()
    context = {
        "befragung": befragung,
        "form": form,
        "papier": papier,
        "bloecke": bloecke,
        "fehler": error_summary(form, bloecke) if form.is_bound else [],
        # Entered sheets: written ones and those still waiting for their batch.
        "papier_anzahl": befragung.rueckmeldungen.filter(kanal=Rueckmeldung.Kanal.PAPIER).count()
        + freigabe.waiting_paper(befragung),
        "breadcrumbs": crumbs(befragung),
        "title": _("Papierbogen erfassen"),
        "fehler_texte": texte("de"),
    }
    return render(
        request,
        "befragung/formular/papier.html",
        context,
        status=400 if data is not None else 200,
    )
