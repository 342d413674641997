"""Netzwerk: the overview page, one card per topic with its figures."""

from django.db.models import Count, Q
from django.shortcuts import render

from gwa_portal.core import rules as core_rules
from gwa_portal.core.decorators import require

from .. import rules
from ..models import Akteur, Angebot, Person


@require(core_rules.is_network_member)
def index(request):
    context = {
        "sees_verzeichnis": rules.can_see_verzeichnis(request.user),
        "angebote_aktiv": Angebot.objects.active().count(),
        "sees_aufgaben_list": rules.can_see_aufgaben_list(request.user),
        "sees_fortbildungen": rules.can_see_fortbildungen(request.user),
        "sees_supervision": rules.can_see_supervision_list(request.user),
    }
    if context["sees_verzeichnis"]:
        context["akteure_aktiv"] = Akteur.objects.filter(aktiv=True).count()
        context["personen"] = Person.objects.active().aggregate(
            alle=Count("pk"), mit_einwilligung=Count("pk", filter=Q(einwilligung_am__isnull=False))
        )
    return render(request, "netzwerk/index.html", context)
