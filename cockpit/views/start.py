"""The start page: public introduction for visitors, the role's dashboard after login."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from gwa_portal.core import rules
from gwa_portal.core.decorators import staff_required
from gwa_portal.core.models import Role
from netzwerk import rules as netzwerk_rules
from netzwerk.views.termin_zeilen import with_row_strings
from quartiere import rules as quartiere_rules
from quartiere.models import Quartier

from .. import dashboard


def _dashboard_context(request, user, today):
    if user.role == Role.FACHSTELLE:
        context = dashboard.fachstelle_dashboard(
            user, today=today, stadtteile_seite=request.GET.get("stadtteile")
        )
    elif user.role == Role.KOORDINATION:
        context = dashboard.koordination_dashboard(user, today=today)
    else:
        return dashboard.personal_dashboard(user)
    context["auf_einen_blick"] = dashboard.at_a_glance(context, today=today)
    context["stufen"] = dashboard.STUFEN
    context["activity_days"] = dashboard.ACTIVITY_DAYS
    context["map_tile_url"] = settings.MAP_TILE_URL
    context["map_tile_attribution"] = settings.MAP_TILE_ATTRIBUTION
    return context


def start(request):
    user = request.user
    context = {"internal": rules.is_internal(user)}
    if user.is_authenticated:
        today = timezone.localdate()
        context |= _dashboard_context(request, user, today)
        for termine in (context.get("termine"), context.get("woche", {}).get("termine")):
            if termine:
                with_row_strings(termine)  # sets the strings on the Termine in place
        termine = context.get("termine", []) + context.get("woche", {}).get("termine", [])
        gremien = context.get("gremien", []) + [t.gremium for t in termine]
        context |= {
            "today": today,
            "dashboard_role": user.role,
            "can_manage_users": rules.can_manage_users(user),
            "can_log_activity": quartiere_rules.can_log_activity(user),
            "openable_termine": netzwerk_rules.openable_termine(user, termine),
            "openable_gremien": netzwerk_rules.openable_gremien(user, gremien),
        }
    else:
        context["quartier_count"] = Quartier.objects.count()
    return render(request, "cockpit/start.html", context)


@require_GET
@staff_required
@cache_control(private=True, max_age=60)
def karte_aktivitaet(request):
    """The dashboard map's shading, {slug: {anzahl, stufe, label}}: fetched by karte.js next to
    /quartiere.geojson, so the start page carries no per-Quartier data."""
    today = timezone.localdate()
    rows = dashboard.quartiere_activity(
        dashboard.activity_map_scope(request.user, today=today), today=today
    )
    return JsonResponse(
        dashboard.activity_map_data(rows), json_dumps_params={"ensure_ascii": False}
    )
