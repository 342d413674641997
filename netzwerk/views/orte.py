"""Orte, the places of Termine: Fachstelle and Koordination keep the list."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gwa_portal.core.decorators import require
from gwa_portal.core.editing import render_form_page

from .. import rules
from ..forms.orte import OrtForm
from ..models import Ort
from .gremien import TERMIN_FORM


def orte_crumbs(*extra):
    return [
        (reverse("netzwerk:index"), _("Netzwerk")),
        (reverse("netzwerk:termin_list"), _("Termine")),
        (reverse("netzwerk:ort_list"), _("Orte")),
        *extra,
    ]


@require(rules.can_manage_orte)
def ort_list(request):
    orte = Ort.objects.select_related("quartier").order_by("name", "pk")
    query = request.GET.get("q", "").strip()
    if query:
        orte = orte.filter(name__icontains=query)
    page = Paginator(orte, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "netzwerk/termine/ort_list.html", {"page": page, "q": query})


@require(rules.can_manage_orte)
def ort_create(request):
    form = OrtForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            ort = form.save()
        messages.success(request, _("Der Ort „%(name)s“ wurde angelegt.") % {"name": ort.name})
        return redirect("netzwerk:ort_list")
    return render_form_page(
        request,
        form,
        template=TERMIN_FORM,
        title=_("Ort anlegen"),
        breadcrumbs=orte_crumbs(),
        current=_("Neu"),
        cancel_url=reverse("netzwerk:ort_list"),
    )


@require(rules.can_manage_orte)
def ort_edit(request, pk):
    ort = get_object_or_404(Ort, pk=pk)
    form = OrtForm(request.POST if request.method == "POST" else None, instance=ort)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            ort = form.save()
        messages.success(request, _("Der Ort „%(name)s“ wurde gespeichert.") % {"name": ort.name})
        return redirect("netzwerk:ort_list")
    return render_form_page(
        request,
        form,
        template=TERMIN_FORM,
        title=_("Ort bearbeiten"),
        breadcrumbs=orte_crumbs(),
        current=ort.name,
        cancel_url=reverse("netzwerk:ort_list"),
    )
