"""Angebote: regular offers by Akteure in the Quartiere. Active ones are public information."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gwa_portal.core import rules as core_rules
from gwa_portal.core.decorators import staff_required
from gwa_portal.core.editing import delete_page, form_page
from quartiere import rules as quartiere_rules

from .. import rules
from ..filters.angebote import AngebotFilter
from ..forms.angebote import AngebotForm
from ..models import Angebot

LIST_URL = "netzwerk:angebot_list"


def get_angebot_for_view(user, pk):
    """An inactive Angebot does not exist for the public (404), as on the public pages."""
    return get_object_or_404(rules.visible_angebote(user).with_related(), pk=pk)


def get_angebot_for_edit(user, pk):
    angebot = get_object_or_404(Angebot.objects.select_related("quartier"), pk=pk)
    if not rules.can_change_angebot(user, angebot):
        raise PermissionDenied
    return angebot


def angebot_list(request):
    user = request.user
    internal = rules.can_see_inactive_angebote(user)
    angebote = rules.visible_angebote(user).with_related().order_by("quartier__name", "titel", "pk")
    angebot_filter = AngebotFilter(request.GET, queryset=angebote, internal=internal)
    page = Paginator(angebot_filter.qs, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": angebot_filter,
        "page": page,
        "internal": internal,
        "network_member": core_rules.is_network_member(user),
        "can_create": rules.can_create_angebot(user),
        "link_akteure": rules.can_see_verzeichnis(user),
    }
    return render(request, "netzwerk/angebot_list.html", context)


def angebot_detail(request, pk):
    user = request.user
    angebot = get_angebot_for_view(user, pk)
    context = {
        "angebot": angebot,
        "internal": rules.can_see_inactive_angebote(user),
        "network_member": core_rules.is_network_member(user),
        "can_change": rules.can_change_angebot(user, angebot),
        "link_akteur": rules.can_see_verzeichnis(user),
    }
    return render(request, "netzwerk/angebot_detail.html", context)


def _preselected_quartier(request):
    """The Quartier named by `?quartier=<slug>`, if the user may add Angebote there."""
    slug = request.GET.get("quartier")
    if not slug:
        return None
    return quartiere_rules.editable_quartiere(request.user).filter(slug=slug).first()


@staff_required
def angebot_create(request):
    quartier = _preselected_quartier(request)
    form = AngebotForm(
        request.POST or None,
        user=request.user,
        initial={"quartier": quartier} if quartier else None,
    )
    return form_page(
        request,
        form,
        title=_("Angebot eintragen"),
        cancel_url=quartier.get_absolute_url() if quartier else reverse(LIST_URL),
        success_url=lambda angebot: angebot.get_absolute_url(),
        success_message=_("Das Angebot wurde eingetragen."),
        extra={
            "intro": _(
                "Ein Angebot ist etwas Regelmäßiges, zu dem Menschen im Quartier kommen können: ein Café, eine Beratung, ein Kurs. Aktive Angebote sind öffentlich sichtbar."
            )
        },
    )


@staff_required
def angebot_edit(request, pk):
    angebot = get_angebot_for_edit(request.user, pk)
    form = AngebotForm(request.POST or None, instance=angebot, user=request.user)
    return form_page(
        request,
        form,
        title=_("Angebot bearbeiten"),
        cancel_url=angebot.get_absolute_url(),
        success_url=lambda angebot: angebot.get_absolute_url(),
        success_message=_("Das Angebot wurde gespeichert."),
    )


@staff_required
def angebot_delete(request, pk):
    angebot = get_angebot_for_edit(request.user, pk)
    return delete_page(
        request,
        angebot,
        title=_("Angebot löschen"),
        cancel_url=angebot.get_absolute_url(),
        success_url=reverse(LIST_URL),
        success_message=_("Das Angebot wurde gelöscht."),
        consequences=[
            _(
                "Wenn das Angebot nur pausiert, können Sie es stattdessen auf „nicht aktiv“ setzen; dann bleibt es intern sichtbar."
            )
        ],
    )
