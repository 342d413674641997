"""Netzwerk: partners, committees and meetings. The directory and Gremien arrive with their issue."""

from django.shortcuts import render

from gwa_portal.core import rules
from gwa_portal.core.decorators import require


def _member_of_network(user):
    return rules.is_internal(user) or user.role == "partner"


@require(_member_of_network)
def index(request):
    return render(request, "netzwerk/index.html")
