"""Quartiere: the public and internal overview and the profile page of each Quartier."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from . import rules
from .models import Quartier


def index(request):
    quartiere = Quartier.objects.with_stadtteil().order_by("stadtteil__name", "name")
    page = Paginator(quartiere, 50).get_page(request.GET.get("page"))
    return render(request, "quartiere/index.html", {"page": page})


def detail(request, slug):
    quartier = get_object_or_404(Quartier.objects.with_stadtteil(), slug=slug)
    internal = rules.can_see_internal(request.user)
    koordinationen = quartier.koordinationen.select_related("user").order_by("-von")
    current = list(koordinationen.current())
    context = {
        "quartier": quartier,
        "internal": internal,
        "current_koordinationen": current
        if (internal or quartier.koordination_oeffentlich)
        else [],
        "former_koordinationen": (
            [k for k in koordinationen if k not in current] if internal else []
        ),
        "can_edit": rules.can_edit_quartier(request.user, quartier),
    }
    return render(request, "quartiere/detail.html", context)
