"""The start page: public introduction for visitors, a role-aware overview after login."""

from django.shortcuts import render

from gwa_portal.core import rules
from quartiere import rules as quartiere_rules
from quartiere.models import Quartier


def start(request):
    user = request.user
    context = {"quartier_count": Quartier.objects.count()}
    if user.is_authenticated and user.is_koordination:
        context["meine_quartiere"] = Quartier.objects.coordinated_by(user).with_stadtteil()
    context["internal"] = rules.is_internal(user)
    context["can_manage_users"] = rules.can_manage_users(user)
    context["can_log_activity"] = quartiere_rules.can_log_activity(user)
    return render(request, "cockpit/start.html", context)
