"""The handover folder page: one Quartier, printable on A4."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gwa_portal.core.decorators import internal_required
from quartiere.models import Quartier

from .uebergabe import uebergabe_context


@internal_required
def uebergabe(request, quartier_slug):
    quartier = get_object_or_404(Quartier.objects.with_stadtteil(), slug=quartier_slug)
    context = uebergabe_context(quartier, today=timezone.localdate())
    context["breadcrumbs"] = [
        (reverse("quartiere:index"), _("Quartiere")),
        (quartier.get_absolute_url(), quartier.name),
    ]
    return render(request, "cockpit/uebergabe.html", context)
