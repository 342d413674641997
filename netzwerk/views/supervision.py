"""Supervision groups: members, Termine and attendance. Nothing about content is stored."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gwa_portal.core import rules as core_rules
from gwa_portal.core.decorators import fachstelle_required, require
from gwa_portal.core.editing import delete_page, form_page
from gwa_portal.core.models import User

from .. import rules
from ..forms.supervision import AnwesenheitForm, SupervisionForm, SupervisionTerminForm
from ..models import Supervision, Termin
from ..supervisionen import set_attendance

supervision_readers = require(rules.can_see_supervision_list)


def visible_supervisionen(user):
    groups = Supervision.objects.all()
    if core_rules.is_fachstelle(user):
        return groups
    return groups.filter(mitglieder=user)


def get_supervision_for(user, slug):
    """404 for everyone who is neither a member nor the Fachstelle: the group stays unknown."""
    return get_object_or_404(visible_supervisionen(user), slug=slug)


@supervision_readers
def supervision_list(request):
    groups = visible_supervisionen(request.user).annotate(
        mitglieder_count=Count("mitglieder", distinct=True),
        termine_count=Count("termine", distinct=True),
    )
    page = Paginator(groups.order_by("name"), settings.GWA_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "can_manage": rules.can_manage_supervision(request.user)}
    return render(request, "netzwerk/supervision/list.html", context)


@require(core_rules.is_network_member)
def supervision_detail(request, slug):
    supervision = get_supervision_for(request.user, slug)
    termine = (
        Termin.objects.filter(supervision=supervision)
        .select_related("ort")
        .annotate(anwesend_count=Count("teilnahmen", distinct=True))
        .order_by("-beginn")
    )
    supervision = Supervision.objects.prefetch_related(
        Prefetch("mitglieder", queryset=User.objects.order_by("name", "pk"))
    ).get(pk=supervision.pk)
    page = Paginator(termine, settings.GWA_PAGE_SIZE).get_page(request.GET.get("page"))
    can_manage = rules.can_manage_supervision(request.user)
    context = {
        "supervision": supervision,
        "page": page,
        "can_manage": can_manage,
        "termin_form": SupervisionTerminForm() if can_manage else None,
        "openable_termine": rules.openable_termine(request.user, page.object_list),
    }
    return render(request, "netzwerk/supervision/detail.html", context)


@fachstelle_required
def supervision_create(request):
    form = SupervisionForm(request.POST or None)
    return form_page(
        request,
        form,
        title=_("Supervisionsgruppe anlegen"),
        cancel_url=reverse("netzwerk:supervision_list"),
        success_url=lambda obj: obj.get_absolute_url(),
        success_message=_("Die Supervisionsgruppe wurde angelegt."),
    )


@fachstelle_required
def supervision_edit(request, slug):
    supervision = get_object_or_404(Supervision, slug=slug)
    form = SupervisionForm(request.POST or None, instance=supervision)
    return form_page(
        request,
        form,
        title=_("Supervisionsgruppe bearbeiten"),
        cancel_url=supervision.get_absolute_url(),
        success_url=lambda obj: obj.get_absolute_url(),
        success_message=_("Die Supervisionsgruppe wurde gespeichert."),
    )


@fachstelle_required
def supervision_delete(request, slug):
    supervision = get_object_or_404(Supervision, slug=slug)
    count = supervision.termine.count()
    return delete_page(
        request,
        supervision,
        title=_("Supervisionsgruppe löschen"),
        cancel_url=supervision.get_absolute_url(),
        success_url=reverse("netzwerk:supervision_list"),
        success_message=_("Die Supervisionsgruppe wurde gelöscht."),
        consequences=[_("%(n)d Termine und ihre Anwesenheiten werden mit gelöscht.") % {"n": count}]
        if count
        else [],
    )


@fachstelle_required
def supervision_termin_create(request, slug):
    supervision = get_object_or_404(Supervision, slug=slug)
    form = SupervisionTerminForm(request.POST or None)
    return form_page(
        request,
        form,
        title=_("Termin hinzufügen: %(name)s") % {"name": supervision.name},
        cancel_url=supervision.get_absolute_url(),
        success_url=supervision.get_absolute_url(),
        success_message=_("Der Termin wurde hinzugefügt."),
        save=lambda form: form.save(
            titel=_("Supervision: %(name)s") % {"name": supervision.name},
            organisator=request.user,
            supervision=supervision,
            gremium=None,
        ),
    )


@fachstelle_required
def supervision_teilnahme(request, slug, pk):
    supervision = get_object_or_404(Supervision, slug=slug)
    termin = get_object_or_404(Termin.objects.select_related("ort"), pk=pk, supervision=supervision)
    form = AnwesenheitForm(request.POST or None, supervision=supervision, termin=termin)
    if request.method == "POST" and form.is_valid():
        count = set_attendance(termin=termin, present_users=form.cleaned_data["anwesend"])
        messages.success(
            request, _("Die Anwesenheit wurde gespeichert: %(n)d Personen.") % {"n": count}
        )
        return redirect(supervision)
    context = {"supervision": supervision, "termin": termin, "form": form}
    return render(
        request,
        "netzwerk/supervision/teilnahme.html",
        context,
        status=400 if form.errors else 200,
    )
