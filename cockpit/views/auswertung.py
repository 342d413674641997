"""„Auswertung“: the hub behind the main navigation's entry for the evaluation tools."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from gwa_portal.core import rules as core_rules
from gwa_portal.core.decorators import internal_required
from quartiere.models import Quartier

# Handover folders a page at a time (with a name search), so the hub does not grow with the city.
MAPPEN_JE_SEITE = 20


@internal_required
def index(request):
    """Gap analysis, report and handover folders are open to every internal role (their views
    are `internal_required`); the audit trail only to the Fachstelle, as in its view."""
    user = request.user
    eigene = []
    if user.is_koordination:
        eigene = list(Quartier.objects.coordinated_by(user).order_by("name"))
    suche = request.GET.get("quartier", "").strip()[:100]
    quartiere = Quartier.objects.with_stadtteil().order_by("stadtteil__name", "name")
    if suche:
        quartiere = quartiere.filter(name__icontains=suche)
    page = Paginator(quartiere, MAPPEN_JE_SEITE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "suche": suche,
        "eigene_quartiere": eigene,
        "can_see_audit": core_rules.is_fachstelle(user),
        "breadcrumbs": [(reverse("start"), _("Start"))],
    }
    return render(request, "cockpit/auswertung.html", context)
