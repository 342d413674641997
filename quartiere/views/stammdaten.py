"""Master data kept by the Fachstelle: Stadtteile, Quartiere, Handlungsfelder and Zielgruppen.

Internal users read the lists; only the Fachstelle changes anything.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models import Count, OuterRef, ProtectedError, RestrictedError, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gwa_portal.core.decorators import fachstelle_required, internal_required
from gwa_portal.core.editing import delete_page, form_page

from .. import rules
from ..forms.stammdaten import HandlungsfeldForm, QuartierForm, StadtteilForm, ZielgruppeForm
from ..models import Aktivitaet, Bedarf, Handlungsfeld, Quartier, Stadtteil, Zielgruppe
from .navigation import crumbs as _crumbs

QUARTIERE_URL = reverse_lazy("quartiere:index")


def _form_data(request):
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _count_label(model, n):
    meta = model._meta
    return f"{n} {meta.verbose_name if n == 1 else meta.verbose_name_plural}"


def _references(obj):
    """(relation, count) for each kind of row that points to `obj`, one COUNT query each.

    Walks all reverse relations, so links added later (for example from the Netzwerk) are
    counted without touching this code.
    """
    found = []
    for rel in obj._meta.related_objects:
        count = rel.related_model._base_manager.filter(**{rel.field.name: obj}).count()
        if count:
            found.append((rel, count))
    return found


def _keeps_history(rel):
    """Rows that block the delete (PROTECT) or would silently lose their link (M2M)."""
    return rel.many_to_many or rel.on_delete in (models.PROTECT, models.RESTRICT, models.DO_NOTHING)


def _classify_references(obj):
    """Count labels of what blocks deleting `obj`, what is deleted along, what loses its link."""
    blocked, deleted, unlinked = [], [], []
    for rel, n in _references(obj):
        label = _count_label(rel.related_model, n)
        if _keeps_history(rel):
            blocked.append(label)
        elif rel.on_delete is models.CASCADE:
            deleted.append(label)
        else:
            unlinked.append(label)
    return blocked, deleted, unlinked


def _explained_delete(
    request, obj, *, title, cancel_url, success_url, crumbs, hint="", deactivatable=False
):
    """Like `editing.delete_page`, but counts what uses `obj` and says so before the POST.

    Rows that keep history block the delete (409); rows deleted along or unlinked are listed.
    """
    blocked, deleted, unlinked = _classify_references(obj)
    if request.method == "POST" and not blocked:
        try:
            with transaction.atomic():
                obj.delete()
        except (ProtectedError, RestrictedError):
            # Someone linked it in the meantime: count again and explain.
            blocked, deleted, unlinked = _classify_references(obj)
        else:
            messages.success(request, _("„%(name)s“ wurde gelöscht.") % {"name": obj})
            return redirect(success_url)
    context = {
        "object": obj,
        "title": title,
        "cancel_url": cancel_url,
        "breadcrumbs": crumbs,
        "blocked": blocked,
        "deleted": deleted,
        "unlinked": unlinked,
        "hint": hint,
        "deactivatable": deactivatable,
    }
    return render(
        request,
        "quartiere/stammdaten_confirm_delete.html",
        context,
        status=409 if blocked else 200,
    )


# Stadtteile


@internal_required
def stadtteil_list(request):
    stadtteile = Stadtteil.objects.annotate(anzahl_quartiere=Count("quartiere")).order_by(
        "art", "name"
    )
    page = Paginator(stadtteile, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "quartiere/stammdaten_stadtteil_list.html",
        {
            "page": page,
            "can_manage": rules.can_manage_stammdaten(request.user),
            "breadcrumbs": _crumbs(),
        },
    )


def _stadtteil_crumbs():
    return _crumbs((reverse("quartiere:stadtteil_list"), _("Stadtteile")))


@fachstelle_required
def stadtteil_create(request):
    data, _files = _form_data(request)
    return form_page(
        request,
        StadtteilForm(data),
        title=_("Stadtteil anlegen"),
        cancel_url=reverse("quartiere:stadtteil_list"),
        success_url=reverse("quartiere:stadtteil_list"),
        success_message=_("Der Stadtteil wurde angelegt."),
        extra={"breadcrumbs": _stadtteil_crumbs()},
    )


@fachstelle_required
def stadtteil_edit(request, slug):
    stadtteil = get_object_or_404(Stadtteil, slug=slug)
    data, _files = _form_data(request)
    return form_page(
        request,
        StadtteilForm(data, instance=stadtteil),
        title=_("Stadtteil „%(name)s“ bearbeiten") % {"name": stadtteil.name},
        cancel_url=reverse("quartiere:stadtteil_list"),
        success_url=reverse("quartiere:stadtteil_list"),
        success_message=_("Der Stadtteil wurde gespeichert."),
        extra={"breadcrumbs": _stadtteil_crumbs()},
    )


@fachstelle_required
def stadtteil_delete(request, slug):
    stadtteil = get_object_or_404(Stadtteil, slug=slug)
    # Quartiere PROTECT their Stadtteil: delete_page explains that with 409.
    return delete_page(
        request,
        stadtteil,
        title=_("Stadtteil „%(name)s“ löschen") % {"name": stadtteil.name},
        cancel_url=reverse("quartiere:stadtteil_list"),
        success_url=reverse("quartiere:stadtteil_list"),
        success_message=_("Der Stadtteil „%(name)s“ wurde gelöscht.") % {"name": stadtteil.name},
        extra={"breadcrumbs": _stadtteil_crumbs()},
    )


# Quartiere (the list and the page of a Quartier live in views/uebersicht.py)


@fachstelle_required
def quartier_create(request):
    data, files = _form_data(request)
    return form_page(
        request,
        QuartierForm(data, files),
        title=_("Quartier anlegen"),
        cancel_url=QUARTIERE_URL,
        success_url=lambda quartier: quartier.get_absolute_url(),
        success_message=_("Das Quartier wurde angelegt."),
        extra={"breadcrumbs": _crumbs()},
    )


@fachstelle_required
def quartier_edit(request, slug):
    quartier = get_object_or_404(Quartier, slug=slug)
    data, files = _form_data(request)
    return form_page(
        request,
        QuartierForm(data, files, instance=quartier),
        title=_("Quartier „%(name)s“ bearbeiten") % {"name": quartier.name},
        cancel_url=quartier.get_absolute_url(),
        success_url=lambda quartier: quartier.get_absolute_url(),
        success_message=_("Das Quartier wurde gespeichert."),
        extra={"breadcrumbs": _crumbs((quartier.get_absolute_url(), quartier.name))},
    )


@fachstelle_required
def quartier_delete(request, slug):
    quartier = get_object_or_404(Quartier, slug=slug)
    return _explained_delete(
        request,
        quartier,
        title=_("Quartier „%(name)s“ löschen") % {"name": quartier.name},
        cancel_url=quartier.get_absolute_url(),
        success_url=QUARTIERE_URL,
        crumbs=_crumbs((quartier.get_absolute_url(), quartier.name)),
        hint=_(
            "Ein Quartier mit Aktivitäten, Bedarfen oder Maßnahmen bleibt als Teil der Geschichte "
            "erhalten. Wenn es nur umbenannt oder neu zugeschnitten wurde, bearbeiten Sie es "
            "stattdessen."
        ),
    )


# Handlungsfelder and Zielgruppen share their pages: the URLs pass the _Taxonomie to show.


@dataclass(frozen=True)
class _Taxonomie:
    model: type
    form: type
    url: str  # prefix of the URL names, e.g. "handlungsfeld"
    aktivitaet_field: str  # the Aktivität M2M that points to entries
    bedarf_field: str  # the Bedarf field that points to entries
    title: str
    intro: str
    created: str
    saved: str

    def url_of(self, action, *args):
        return reverse(f"quartiere:{self.url}_{action}", args=args)

    @property
    def edit_url_name(self):
        return f"quartiere:{self.url}_edit"

    @property
    def delete_url_name(self):
        return f"quartiere:{self.url}_delete"


HANDLUNGSFELDER = _Taxonomie(
    model=Handlungsfeld,
    form=HandlungsfeldForm,
    url="handlungsfeld",
    aktivitaet_field="handlungsfelder",
    bedarf_field="handlungsfeld",
    title=gettext_lazy("Handlungsfelder"),
    intro=gettext_lazy(
        "Die Themen, denen Aktivitäten, Bedarfe und Angebote zugeordnet werden. Inaktive "
        "Handlungsfelder bleiben an alten Einträgen erhalten, stehen aber nicht mehr zur Auswahl."
    ),
    created=gettext_lazy("Das Handlungsfeld wurde angelegt."),
    saved=gettext_lazy("Das Handlungsfeld wurde gespeichert."),
)
ZIELGRUPPEN = _Taxonomie(
    model=Zielgruppe,
    form=ZielgruppeForm,
    url="zielgruppe",
    aktivitaet_field="zielgruppen",
    bedarf_field="zielgruppen",
    title=gettext_lazy("Zielgruppen"),
    intro=gettext_lazy(
        "Die Menschen, die Aktivitäten, Bedarfe und Angebote erreichen sollen. Inaktive "
        "Zielgruppen bleiben an alten Einträgen erhalten, stehen aber nicht mehr zur Auswahl."
    ),
    created=gettext_lazy("Die Zielgruppe wurde angelegt."),
    saved=gettext_lazy("Die Zielgruppe wurde gespeichert."),
)


def _usage_count(model, field_name):
    """Subquery: how many `model` rows point to the outer taxonomy row via `field_name`."""
    counted = (
        model.objects.filter(**{field_name: OuterRef("pk")})
        .order_by()
        .values(field_name)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


@internal_required
def taxonomie_list(request, taxonomie):
    entries = taxonomie.model.objects.annotate(
        anzahl_aktivitaeten=_usage_count(Aktivitaet, taxonomie.aktivitaet_field),
        anzahl_bedarfe=_usage_count(Bedarf, taxonomie.bedarf_field),
    ).order_by("position", "name")
    page = Paginator(entries, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "quartiere/stammdaten_taxonomie_list.html",
        {
            "taxonomie": taxonomie,
            "page": page,
            "create_url": taxonomie.url_of("create"),
            "can_manage": rules.can_manage_stammdaten(request.user),
            "breadcrumbs": _crumbs(),
        },
    )


@fachstelle_required
def taxonomie_create(request, taxonomie):
    return _taxonomie_form(request, taxonomie)


@fachstelle_required
def taxonomie_edit(request, taxonomie, pk):
    return _taxonomie_form(request, taxonomie, get_object_or_404(taxonomie.model, pk=pk))


def _taxonomie_form(request, taxonomie, entry=None):
    data, _files = _form_data(request)
    list_url = taxonomie.url_of("list")
    if entry is None:
        title = _("%(what)s: neuer Eintrag") % {"what": taxonomie.title}
    else:
        title = _("„%(name)s“ bearbeiten") % {"name": entry.name}
    return form_page(
        request,
        taxonomie.form(data, instance=entry),
        title=title,
        cancel_url=list_url,
        success_url=list_url,
        success_message=taxonomie.created if entry is None else taxonomie.saved,
        extra={"breadcrumbs": _crumbs((list_url, taxonomie.title))},
    )


@fachstelle_required
def taxonomie_delete(request, taxonomie, pk):
    entry = get_object_or_404(taxonomie.model, pk=pk)
    list_url = taxonomie.url_of("list")
    if request.method == "POST" and "deaktivieren" in request.POST:
        entry.aktiv = False
        entry.save(update_fields=["aktiv", "updated_at"])
        messages.success(
            request,
            _("„%(name)s“ ist jetzt deaktiviert und steht nicht mehr zur Auswahl.")
            % {"name": entry.name},
        )
        return redirect(list_url)
    return _explained_delete(
        request,
        entry,
        title=_("„%(name)s“ löschen") % {"name": entry.name},
        cancel_url=list_url,
        success_url=list_url,
        crumbs=_crumbs((list_url, taxonomie.title)),
        hint=_(
            "Damit die Auswertungen vergangener Jahre stimmen, wird ein verwendeter Eintrag nicht "
            "gelöscht. Deaktivieren Sie ihn stattdessen: Er bleibt an alten Daten erhalten, steht "
            "aber nicht mehr zur Auswahl."
        ),
        deactivatable=True,
    )
