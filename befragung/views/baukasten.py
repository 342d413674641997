"""The staff builder: the list of Befragungen, their settings, the survey page and the workflow
(Entwurf → läuft → beendet)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, Prefetch, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gwa_portal.core.decorators import internal_required, staff_required
from gwa_portal.core.editing import delete_page, form_page
from quartiere.models import Quartier

from .. import baukasten, freigabe, rules
from ..filters.baukasten import BefragungFilter
from ..forms.baukasten import BefragungForm
from ..models import Befragung, sprache_label

STATUS_ORDER = Case(
    When(status=Befragung.Status.LAEUFT, then=Value(0)),
    When(status=Befragung.Status.ENTWURF, then=Value(1)),
    default=Value(2),
)


def with_quartiere(queryset=None):
    queryset = Befragung.objects.all() if queryset is None else queryset
    return queryset.prefetch_related(
        Prefetch("quartiere", queryset=Quartier.objects.order_by("name"))
    )


def get_befragung(slug):
    return get_object_or_404(with_quartiere().select_related("erstellt_von"), slug=slug)


def get_befragung_for_edit(user, slug):
    befragung = get_befragung(slug)
    if not rules.can_edit_befragung(user, befragung):
        raise PermissionDenied
    return befragung


def crumbs(befragung=None, *more):
    """The trail of every staff page of a survey: Befragungen (list) › the survey (its staff
    page) › `more` (url, label) pairs; the page itself is `current` in its template."""
    pairs = [(reverse("befragung:liste"), _("Befragungen (intern)"))]
    if befragung is not None:
        pairs.append((befragung.get_absolute_url(), str(befragung)))
    pairs.extend(more)
    return pairs


def survey_links(user, befragung):
    """What the survey's staff page links to, decided here by the rules (the template only
    asks whether a link is there)."""
    slug = befragung.slug
    laeuft = befragung.status == Befragung.Status.LAEUFT
    code_survey = befragung.modus == Befragung.Modus.ZUGANGSCODE
    sprachen = [(code, sprache_label(code)) for code in befragung.all_sprachen]

    def per_language(name):
        return [
            (reverse(f"befragung:{name}", args=[slug, code]), label) for code, label in sprachen
        ]

    zugang = code_survey and rules.can_manage_zugang(user, befragung)
    results = rules.can_see_results(user)
    raw = rules.can_export_raw(user)
    return {
        "public_url": befragung.get_public_url() if laeuft else None,
        "vorschau": per_language("vorschau") if rules.can_preview(user) else [],
        "papier_druck": per_language("papier_druck") if rules.can_print(user) else [],
        "papier_erfassen": reverse("befragung:papier_erfassen", args=[slug])
        if befragung.status != Befragung.Status.ENTWURF and rules.can_enter_paper(user, befragung)
        else None,
        "zugangscodes": reverse("befragung:zugangscodes", args=[slug]) if zugang else None,
        "einladungen": reverse("befragung:einladungen", args=[slug]) if zugang else None,
        "ergebnisse": reverse("befragung:ergebnisse", args=[slug]) if results else None,
        "export_csv": reverse("befragung:export_csv", args=[slug]) if raw else None,
        "export_xlsx": reverse("befragung:export_xlsx", args=[slug]) if raw else None,
        "xlsform_export": reverse("befragung:xlsform_export", args=[slug]) if results else None,
    }


def refused(request, befragung, *, title, reasons, status=409):
    """The page that says why an action is not possible (locked, incomplete)."""
    context = {
        "befragung": befragung,
        "title": title,
        "reasons": reasons,
        "breadcrumbs": crumbs(befragung),
    }
    return render(request, "befragung/baukasten/abgelehnt.html", context, status=status)


@internal_required
def liste(request):
    befragungen = with_quartiere(
        Befragung.objects.annotate(
            rueckmeldungen_count=Count("rueckmeldungen", distinct=True)
        ).order_by(STATUS_ORDER, F("beginn").desc(nulls_last=True), "slug")
    )
    befragung_filter = BefragungFilter(request.GET, queryset=befragungen)
    page = Paginator(befragung_filter.qs, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": befragung_filter,
        "page": page,
        "create_url": reverse("befragung:neu")
        if rules.can_create_befragung(request.user)
        else None,
        "import_url": reverse("befragung:xlsform_import")
        if rules.can_import_xlsform(request.user)
        else None,
        "breadcrumbs": [],
    }
    return render(request, "befragung/baukasten/liste.html", context)


@staff_required
def neu(request):
    form = BefragungForm(request.POST or None, user=request.user)

    def save(form):
        befragung = form.save(commit=False)
        befragung.erstellt_von = request.user
        befragung.status = Befragung.Status.ENTWURF
        befragung.save()
        form.save_m2m()
        return befragung

    return form_page(
        request,
        form,
        template="befragung/baukasten/einstellungen.html",
        title=_("Befragung anlegen"),
        cancel_url=reverse("befragung:liste"),
        success_url=lambda b: b.get_absolute_url(),
        success_message=_("Die Befragung wurde als Entwurf angelegt. Jetzt fehlen die Fragen."),
        save=save,
        extra={
            "breadcrumbs": crumbs(),
            "no_quartiere": not form.fields["quartiere"].queryset.exists(),
        },
    )


@internal_required
def detail(request, slug):
    befragung = get_befragung(slug)
    user = request.user
    fragen = list(baukasten.fragen_of(befragung))
    numbers = {frage.pk: n for n, frage in enumerate(fragen, start=1)}
    for frage in fragen:
        frage.nummer = numbers[frage.pk]
        if frage.bedingung_option_id:
            frage.bedingung_nummer = numbers.get(frage.bedingung_option.frage_id)
    texts = baukasten.texts_of(befragung, fragen)
    # Written answers and those still waiting for their batch.
    count = befragung.rueckmeldungen.count() + freigabe.waiting(befragung)
    can_edit = rules.can_edit_befragung(user, befragung)
    can_change = can_edit and rules.can_change_meaning(befragung, has_answers=count > 0)
    context = {
        "befragung": befragung,
        "fragen": fragen,
        "rueckmeldungen_count": count,
        "missing": baukasten.missing_by_language(befragung, texts),
        "sprachen": [(code, sprache_label(code)) for code in befragung.all_sprachen],
        "lock_reason": rules.lock_reason(befragung, has_answers=count > 0),
        "problems": baukasten.start_problems(befragung, fragen, texts)
        if befragung.status == Befragung.Status.ENTWURF
        else [],
        "can_edit": can_edit and befragung.status != Befragung.Status.BEENDET,
        "can_translate": can_edit,
        "can_change_fragen": can_change,
        "can_delete": rules.can_delete_befragung(user, befragung, has_answers=count > 0),
        "can_start": rules.can_start(user, befragung),
        "can_end": rules.can_end(user, befragung),
        "links": survey_links(user, befragung),
        "breadcrumbs": crumbs(),
    }
    return render(request, "befragung/baukasten/detail.html", context)


@staff_required
def bearbeiten(request, slug):
    befragung = get_befragung_for_edit(request.user, slug)
    if befragung.status == Befragung.Status.BEENDET:
        return refused(
            request,
            befragung,
            title=_("Einstellungen gesperrt"),
            reasons=[_("Die Befragung ist beendet; ihre Einstellungen bleiben, wie sie sind.")],
        )
    answered = baukasten.has_answers(befragung)
    form = BefragungForm(
        request.POST or None,
        instance=befragung,
        user=request.user,
        meaning_locked=answered,
        only_end=befragung.status != Befragung.Status.ENTWURF,
    )

    def save(form):
        saved = form.save()
        baukasten.fill_janein_texts(saved)
        return saved

    return form_page(
        request,
        form,
        template="befragung/baukasten/einstellungen.html",
        title=_("Einstellungen bearbeiten"),
        cancel_url=befragung.get_absolute_url(),
        success_url=lambda b: b.get_absolute_url(),
        success_message=_("Die Einstellungen wurden gespeichert."),
        save=save,
        extra={
            "breadcrumbs": crumbs(befragung),
            "lock_reason": rules.lock_reason(befragung, has_answers=answered),
        },
    )


@staff_required
def loeschen(request, slug):
    befragung = get_befragung_for_edit(request.user, slug)
    answered = baukasten.has_answers(befragung)
    if not rules.can_delete_befragung(request.user, befragung, has_answers=answered):
        return refused(
            request,
            befragung,
            title=_("Löschen nicht möglich"),
            reasons=[
                _(
                    "Nur Entwürfe ohne Rückmeldungen lassen sich löschen. Beenden Sie die "
                    "Befragung stattdessen; ihre Ergebnisse bleiben erhalten."
                )
            ],
        )
    return delete_page(
        request,
        befragung,
        title=_("Befragung löschen"),
        cancel_url=befragung.get_absolute_url(),
        success_url=reverse("befragung:liste"),
        success_message=_("Die Befragung wurde gelöscht."),
        consequences=[_("Alle Fragen und Übersetzungen des Entwurfs werden mit gelöscht.")],
        extra={"breadcrumbs": crumbs(befragung)},
    )


def _workflow_page(request, befragung, *, title, question, button, problems=()):
    context = {
        "befragung": befragung,
        "title": title,
        "question": question,
        "button": button,
        "problems": problems,
        "breadcrumbs": crumbs(befragung),
    }
    # Showing what is missing is a normal page; trying to start anyway is a conflict.
    status = 409 if problems and request.method == "POST" else 200
    return render(request, "befragung/baukasten/workflow.html", context, status=status)


@staff_required
def starten(request, slug):
    befragung = get_befragung(slug)
    if not rules.can_publish(request.user):
        raise PermissionDenied
    if not rules.can_start(request.user, befragung):
        return refused(
            request,
            befragung,
            title=_("Starten nicht möglich"),
            reasons=[_("Nur ein Entwurf kann gestartet werden.")],
        )
    fragen = list(baukasten.fragen_of(befragung))
    problems = baukasten.start_problems(befragung, fragen, baukasten.texts_of(befragung, fragen))
    if request.method == "POST" and not problems:
        baukasten.start(befragung=befragung)
        messages.success(
            request, _("Die Befragung läuft. Fragen und Sprachen sind jetzt gesperrt.")
        )
        return redirect(befragung.get_absolute_url())
    return _workflow_page(
        request,
        befragung,
        title=_("Befragung starten"),
        question=_(
            "Nach dem Start können Bürgerinnen und Bürger antworten. Fragen, Sprachen und die "
            "Art der Teilnahme lassen sich danach nicht mehr ändern, nur noch das Ende."
        ),
        button=_("Befragung starten"),
        problems=problems,
    )


@staff_required
def beenden(request, slug):
    befragung = get_befragung(slug)
    if not rules.can_publish(request.user):
        raise PermissionDenied
    if not rules.can_end(request.user, befragung):
        return refused(
            request,
            befragung,
            title=_("Beenden nicht möglich"),
            reasons=[_("Nur eine laufende Befragung kann beendet werden.")],
        )
    if request.method == "POST":
        baukasten.end(befragung=befragung)
        messages.success(request, _("Die Befragung ist beendet. Es kommen keine Antworten mehr."))
        return redirect(befragung.get_absolute_url())
    return _workflow_page(
        request,
        befragung,
        title=_("Befragung beenden"),
        question=_(
            "Nach dem Beenden nimmt die Befragung keine Antworten mehr an. Die Ergebnisse "
            "bleiben erhalten. Das lässt sich nicht rückgängig machen."
        ),
        button=_("Befragung beenden"),
    )
