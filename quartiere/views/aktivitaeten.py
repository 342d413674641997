"""The activity log: log an Aktivität quickly, list and filter them, export, change, delete."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import OuterRef, StringAgg, Subquery, Value
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from gwa_portal.core.csv_export import streamed_csv
from gwa_portal.core.decorators import internal_required, staff_required
from gwa_portal.core.editing import delete_page, form_page
from gwa_portal.core.listformat import detail_urls

from .. import rules
from ..filters.aktivitaeten import AktivitaetFilter
from ..forms.aktivitaeten import AktivitaetForm
from ..models import Aktivitaet, AktivitaetSumme, Handlungsfeld, Quartier, Zielgruppe

EXPORT_CHUNK_SIZE = 2000
EXPORT_HEADER = [
    "Datum",
    "Quartier",
    "Art",
    "Kurzbeschreibung",
    "Handlungsfelder",
    "Zielgruppen",
    "Teilnehmende",
    "Stunden",
    "Ergebnis",
    "erfasst von",
]


def get_aktivitaet_for_change(user, pk):
    """The Aktivität, if `user` may change it: 404 when unknown, 403 when not theirs to change."""
    aktivitaet = get_object_or_404(Aktivitaet.objects.select_related("quartier", "autor"), pk=pk)
    if not rules.can_change_aktivitaet(user, aktivitaet):
        raise PermissionDenied
    return aktivitaet


def initial_quartier(user, slug):
    """The Quartier to preselect: the one asked for if the user may log there, else their own."""
    allowed = rules.editable_quartiere(user)
    if slug:
        asked = allowed.filter(slug=slug).first()
        if asked:
            return asked
    return Quartier.objects.coordinated_by(user).order_by("name").first()


# Joins the names inside SQL; a control character that no name contains, split again in Python.
NAME_SEPARATOR = "\x1f"


def _names(through, field):
    """The names of one M2M side of each Aktivität, joined in SQL (a correlated subquery)."""
    return Subquery(
        through.objects.filter(aktivitaet=OuterRef("pk"))
        .order_by()
        .values("aktivitaet")
        .annotate(names=StringAgg(f"{field}__name", Value(NAME_SEPARATOR)))
        .values("names")
    )


def _in_taxonomy_order(joined, rank):
    # Ordering inside the aggregate is not portable (SQLite < 3.44), so sort the few names here.
    if not joined:
        return ""
    return ", ".join(
        sorted(joined.split(NAME_SEPARATOR), key=lambda name: rank.get(name, (0, name)))
    )


def _ranks(model):
    return {
        name: (position, name) for name, position in model.objects.values_list("name", "position")
    }


def export_rows(queryset):
    """One tuple per Aktivität in the export's column order, streamed from a single query."""
    arten = dict(Aktivitaet.Art.choices)
    hf_rank, zg_rank = _ranks(Handlungsfeld), _ranks(Zielgruppe)
    rows = (
        queryset.order_by("-datum", "-id")
        .annotate(
            hf_names=_names(Aktivitaet.handlungsfelder.through, "handlungsfeld"),
            zg_names=_names(Aktivitaet.zielgruppen.through, "zielgruppe"),
        )
        .values_list(
            "datum",
            "quartier__name",
            "art",
            "kurzbeschreibung",
            "hf_names",
            "zg_names",
            "teilnehmende",
            "stunden",
            "ergebnis",
            "autor__name",
        )
    )
    for datum, quartier, art, kurz, hf, zg, tn, std, ergebnis, autor in rows.iterator(
        chunk_size=EXPORT_CHUNK_SIZE
    ):
        yield (
            datum,
            quartier,
            arten.get(art, art),
            kurz,
            _in_taxonomy_order(hf, hf_rank),
            _in_taxonomy_order(zg, zg_rank),
            tn,
            std,
            ergebnis,
            autor,
        )


def with_row_strings(aktivitaeten):
    """The list rows' link, date and taxonomy names, computed once per row (not by reverse(),
    |date and two nested loops per row in the template); returns a list."""
    aktivitaeten = list(aktivitaeten)
    detail_url = detail_urls("quartiere:aktivitaet_detail")
    arten = dict(Aktivitaet.Art.choices)
    for aktivitaet in aktivitaeten:
        aktivitaet.url = detail_url(aktivitaet.pk)
        aktivitaet.datum_text = f"{aktivitaet.datum:%d.%m.%Y}"
        aktivitaet.art_text = arten.get(aktivitaet.art, aktivitaet.art)
        aktivitaet.handlungsfelder_text = ", ".join(
            h.name for h in aktivitaet.handlungsfelder.all()
        )
        aktivitaet.zielgruppen_text = ", ".join(z.name for z in aktivitaet.zielgruppen.all())
    return aktivitaeten


def unfiltered(filterset):
    """True when no filter of the list is set (a page number alone does not filter)."""
    if not filterset.is_bound:
        return True
    return filterset.is_valid() and not any(
        value not in (None, "", [], ()) for value in filterset.form.cleaned_data.values()
    )


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@internal_required
def aktivitaet_list(request):
    aktivitaet_filter = AktivitaetFilter(
        request.GET or None, queryset=Aktivitaet.objects.with_related(), request=request
    )
    aktivitaeten = aktivitaet_filter.qs
    # Unfiltered: the trigger-kept sums per Quartier, not a pass over every Aktivität.
    if AktivitaetSumme.kept() and unfiltered(aktivitaet_filter):
        totals = AktivitaetSumme.totals()
    else:
        totals = aktivitaeten.totals()
    paginator = Paginator(aktivitaeten, settings.GWA_PAGE_SIZE)
    paginator.count = totals["anzahl"]  # counted with the totals: no second COUNT(*)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = with_row_strings(page.object_list)
    context = {
        "filter": aktivitaet_filter,
        "page": page,
        "totals": totals,
        "filter_query": _query_without_page(request),
        "can_log": rules.can_log_activity(request.user),
    }
    return render(request, "quartiere/aktivitaet_list.html", context)


@internal_required
def aktivitaet_export(request):
    aktivitaet_filter = AktivitaetFilter(
        request.GET or None, queryset=Aktivitaet.objects.all(), request=request
    )
    if aktivitaet_filter.is_bound and not aktivitaet_filter.is_valid():
        errors = "; ".join(
            f"{aktivitaet_filter.form.fields[name].label}: {' '.join(field_errors)}"
            for name, field_errors in aktivitaet_filter.errors.items()
        )
        return HttpResponseBadRequest(
            _("Der Export ist nicht möglich, weil ein Filter ungültig ist: %(errors)s")
            % {"errors": errors},
            content_type="text/plain; charset=utf-8",
        )
    filename = f"aktivitaeten-{timezone.localdate():%Y-%m-%d}.csv"
    return streamed_csv(filename, EXPORT_HEADER, export_rows(aktivitaet_filter.qs))


def _aktivitaet_crumbs(aktivitaet=None):
    pairs = [(reverse("quartiere:aktivitaet_list"), _("Aktivitäten"))]
    if aktivitaet is not None:
        pairs.append(
            (aktivitaet.get_absolute_url(), Truncator(aktivitaet.kurzbeschreibung).chars(40))
        )
    return pairs


@staff_required
def aktivitaet_create(request):
    today = timezone.localdate()
    initial = {
        "datum": today,
        "quartier": initial_quartier(request.user, request.GET.get("quartier")),
    }
    form = AktivitaetForm(
        request.POST or None, initial=initial, user=request.user, search_data=request.GET
    )

    def success_url(aktivitaet):
        if "weitere" in request.POST:
            url = reverse("quartiere:aktivitaet_create")
            return f"{url}?{urlencode({'quartier': aktivitaet.quartier.slug})}"
        return reverse("quartiere:aktivitaet_mine")

    return form_page(
        request,
        form,
        template="quartiere/aktivitaet_form.html",
        title=_("Aktivität erfassen"),
        cancel_url=reverse("quartiere:aktivitaet_mine"),
        success_url=success_url,
        success_message=lambda aktivitaet: (
            _("Die Aktivität „%(kurz)s“ in %(quartier)s wurde gespeichert.")
            % {"kurz": aktivitaet.kurzbeschreibung, "quartier": aktivitaet.quartier.name}
        ),
        extra={
            "creating": True,
            "no_quartier": not form.fields["quartier"].queryset.exists(),
            "breadcrumbs": _aktivitaet_crumbs(),
        },
    )


@staff_required
def aktivitaet_mine(request):
    mine = Aktivitaet.objects.filter(autor=request.user)
    page = Paginator(mine.with_related(), settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    context = {
        "page": page,
        "totals": mine.totals_by_period(today=today),
        "today": today,
    }
    return render(request, "quartiere/aktivitaet_mine.html", context)


@internal_required
def aktivitaet_detail(request, pk):
    aktivitaet = get_object_or_404(
        Aktivitaet.objects.with_related().prefetch_related("partner"), pk=pk
    )
    context = {
        "aktivitaet": aktivitaet,
        "can_change": rules.can_change_aktivitaet(request.user, aktivitaet),
        "breadcrumbs": _aktivitaet_crumbs(),
    }
    return render(request, "quartiere/aktivitaet_detail.html", context)


@staff_required
def aktivitaet_edit(request, pk):
    aktivitaet = get_aktivitaet_for_change(request.user, pk)
    form = AktivitaetForm(
        request.POST or None, instance=aktivitaet, user=request.user, search_data=request.GET
    )
    return form_page(
        request,
        form,
        template="quartiere/aktivitaet_form.html",
        title=_("Aktivität bearbeiten"),
        cancel_url=aktivitaet.get_absolute_url(),
        success_url=aktivitaet.get_absolute_url(),
        success_message=_("Die Aktivität wurde gespeichert."),
        extra={"breadcrumbs": _aktivitaet_crumbs(aktivitaet)},
    )


@staff_required
def aktivitaet_delete(request, pk):
    aktivitaet = get_aktivitaet_for_change(request.user, pk)
    own = aktivitaet.autor_id == request.user.pk
    return delete_page(
        request,
        aktivitaet,
        title=_("Aktivität löschen"),
        cancel_url=aktivitaet.get_absolute_url(),
        success_url=reverse("quartiere:aktivitaet_mine" if own else "quartiere:aktivitaet_list"),
        success_message=_("Die Aktivität wurde gelöscht."),
        extra={"breadcrumbs": _aktivitaet_crumbs(aktivitaet)},
    )
