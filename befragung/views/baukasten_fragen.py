"""The builder's questions (add, edit, delete, reorder) and the translations per language.

Questions change only in a draft without answers; otherwise every changing view answers 409
and says why. Translations stay open for filling gaps (empty texts) even then.
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gwa_portal.core.decorators import staff_required
from gwa_portal.core.editing import delete_page, form_page

from .. import baukasten, rules
from ..forms.baukasten_fragen import FrageForm, UebersetzungForm
from ..models import Frage, sprache_label
from ..models.sprachen import html_lang, text_direction
from .baukasten import crumbs, get_befragung_for_edit, refused


def _locked(request, befragung):
    """The 409 page when questions may not change, else None."""
    answered = baukasten.has_answers(befragung)
    if rules.can_change_meaning(befragung, has_answers=answered):
        return None
    return refused(
        request,
        befragung,
        title=_("Fragen gesperrt"),
        reasons=[rules.lock_reason(befragung, has_answers=answered)],
    )


def _frage_page(request, befragung, frage, *, title, success_message):
    form = FrageForm(request.POST or None, instance=frage, befragung=befragung)
    return form_page(
        request,
        form,
        template="befragung/baukasten/frage_form.html",
        title=title,
        cancel_url=befragung.get_absolute_url() + "#fragen",
        success_url=befragung.get_absolute_url() + "#fragen",
        success_message=success_message,
        save=lambda form: form.save_frage(),
        extra={"breadcrumbs": crumbs(befragung), "befragung": befragung},
    )


@staff_required
def frage_neu(request, slug):
    befragung = get_befragung_for_edit(request.user, slug)
    return _locked(request, befragung) or _frage_page(
        request,
        befragung,
        Frage(befragung=befragung),
        title=_("Frage hinzufügen"),
        success_message=_("Die Frage wurde hinzugefügt."),
    )


@staff_required
def frage_bearbeiten(request, slug, pk):
    befragung = get_befragung_for_edit(request.user, slug)
    frage = get_object_or_404(Frage, befragung=befragung, pk=pk)
    return _locked(request, befragung) or _frage_page(
        request,
        befragung,
        frage,
        title=_("Frage bearbeiten"),
        success_message=_("Die Frage wurde gespeichert."),
    )


class _FrageDeletion:
    """delete_page deletes through `obj.delete()`; this one also renumbers and clears the
    conditions that pointed at the question."""

    def __init__(self, frage):
        self.frage = frage

    def __str__(self):
        return self.frage.t("text", "de")

    def delete(self):
        baukasten.delete_frage(frage=self.frage)


@staff_required
def frage_loeschen(request, slug, pk):
    befragung = get_befragung_for_edit(request.user, slug)
    frage = get_object_or_404(Frage, befragung=befragung, pk=pk)
    locked = _locked(request, befragung)
    if locked:
        return locked
    dependants = list(Frage.objects.filter(bedingung_option__frage=frage).order_by("position"))
    consequences = [
        _("„%(frage)s“ wird danach immer gezeigt (ihre Bedingung entfällt).")
        % {"frage": d.t("text", "de")}
        for d in dependants
    ]
    return delete_page(
        request,
        _FrageDeletion(frage),
        title=_("Frage löschen"),
        cancel_url=befragung.get_absolute_url() + "#fragen",
        success_url=befragung.get_absolute_url() + "#fragen",
        success_message=_("Die Frage wurde gelöscht."),
        consequences=consequences,
        extra={"breadcrumbs": crumbs(befragung)},
    )


@staff_required
def frage_verschieben(request, slug, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    befragung = get_befragung_for_edit(request.user, slug)
    frage = get_object_or_404(Frage, befragung=befragung, pk=pk)
    locked = _locked(request, befragung)
    if locked:
        return locked
    richtung = request.POST.get("richtung")
    if richtung not in ("hoch", "runter"):
        return refused(
            request,
            befragung,
            title=_("Verschieben nicht möglich"),
            reasons=[_("Bitte wählen Sie „nach oben“ oder „nach unten“.")],
            status=400,
        )
    try:
        baukasten.move_frage(frage=frage, richtung=richtung)
    except baukasten.MoveRefused as error:
        return refused(
            request, befragung, title=_("Verschieben nicht möglich"), reasons=[str(error)]
        )
    message = (
        _("„%(frage)s“ steht jetzt weiter oben.")
        if richtung == "hoch"
        else _("„%(frage)s“ steht jetzt weiter unten.")
    )
    messages.success(request, message % {"frage": frage.t("text", "de")})
    return redirect(f"{befragung.get_absolute_url()}#frage-{frage.pk}")


@staff_required
def uebersetzungen(request, slug, sprache):
    befragung = get_befragung_for_edit(request.user, slug)
    if sprache not in baukasten.translation_languages(befragung):
        raise Http404
    answered = baukasten.has_answers(befragung)
    locked = not rules.can_change_meaning(befragung, has_answers=answered)
    fragen = list(baukasten.fragen_of(befragung))
    texts = baukasten.texts_of(befragung, fragen)
    form = UebersetzungForm(request.POST or None, texts=texts, sprache=sprache, locked=locked)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            changed = baukasten.save_translations(
                texts=texts, sprache=sprache, values=form.values()
            )
        messages.success(
            request,
            ngettext(
                "Die Übersetzung wurde gespeichert (%(n)d Eintrag geändert).",
                "Die Übersetzungen wurden gespeichert (%(n)d Einträge geändert).",
                changed,
            )
            % {"n": changed},
        )
        return redirect("befragung:uebersetzungen", slug=befragung.slug, sprache=sprache)
    missing = sum(1 for text in texts if text.missing(sprache))
    context = {
        "befragung": befragung,
        "form": form,
        "sprache": sprache,
        "sprache_label": sprache_label(sprache),
        "lang": html_lang(sprache),
        "dir": text_direction(sprache),
        "missing": missing,
        "total": len(texts),
        "locked": locked,
        "lock_reason": rules.lock_reason(befragung, has_answers=answered),
        "andere": [
            (code, sprache_label(code))
            for code in baukasten.translation_languages(befragung)
            if code != sprache
        ],
        "title": _("Übersetzung: %(sprache)s") % {"sprache": sprache_label(sprache)},
        "breadcrumbs": crumbs(befragung),
    }
    return render(
        request,
        "befragung/baukasten/uebersetzungen.html",
        context,
        status=400 if form.errors else 200,
    )
