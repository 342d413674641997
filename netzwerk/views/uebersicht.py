"""Netzwerk: partners, committees and meetings. The directory and Gremien arrive with their issue."""

from django.shortcuts import render

from gwa_portal.core import rules
from gwa_portal.core.decorators import require


@require(rules.is_network_member)
def index(request):
    return render(request, "netzwerk/index.html")
