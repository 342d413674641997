"""Koordination of a Quartier: the history, assigning a person, ending and handing over."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gwa_portal.core.decorators import fachstelle_required
from gwa_portal.core.editing import form_page

from ..forms.koordination import AssignForm, EndForm, HandOverForm
from ..koordination import (
    assign_koordination,
    end_koordination,
    hand_over_koordination,
    history,
    open_koordinationen,
)
from ..models import Koordination, Quartier
from .navigation import crumbs

# Which form field a domain error belongs to, by its code.
ASSIGN_ERROR_FIELDS = {"role": "user", "overlap": "von"}
HAND_OVER_ERROR_FIELDS = {
    "same_user": "nachfolge",
    "role": "nachfolge",
    "overlap": "nachfolge",
    "before_start": "datum",
    "ended": "koordination",
}


def _koordination_crumbs(quartier):
    return crumbs((quartier.get_absolute_url(), quartier.name))


def _date(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _assign(quartier, data):
    neu = assign_koordination(quartier=quartier, user=data["user"], von=data["von"])
    return _("%(name)s koordiniert %(quartier)s ab dem %(von)s.") % {
        "name": neu.user.name,
        "quartier": quartier.name,
        "von": _date(neu.von),
    }


def _hand_over(quartier, data):
    alt = data["koordination"]
    neu = hand_over_koordination(koordination=alt, to=data["nachfolge"], on=data["datum"])
    return _(
        "%(quartier)s ist übergeben: %(neu)s koordiniert ab dem %(von)s, %(alt)s bis zum %(bis)s."
    ) % {
        "quartier": quartier.name,
        "neu": neu.user.name,
        "von": _date(neu.von),
        "alt": alt.user.name,
        "bis": _date(alt.bis),
    }


@fachstelle_required
def koordination(request, slug):
    """The history of one Quartier's Koordinationen, with forms to hand over and to assign.

    Both forms post here; the pressed button's `aktion` says which one.
    """
    quartier = get_object_or_404(Quartier.objects.with_stadtteil(), slug=slug)
    aktion = request.POST.get("aktion", "") if request.method == "POST" else None
    forms = {
        "zuordnen": AssignForm(request.POST if aktion == "zuordnen" else None, prefix="zuordnen"),
        "uebergeben": HandOverForm(
            request.POST if aktion == "uebergeben" else None,
            prefix="uebergabe",
            quartier=quartier,
        ),
    }
    actions = {
        "zuordnen": (_assign, ASSIGN_ERROR_FIELDS),
        "uebergeben": (_hand_over, HAND_OVER_ERROR_FIELDS),
    }
    if aktion in actions and forms[aktion].is_valid():
        act, error_fields = actions[aktion]
        form = forms[aktion]
        try:
            message = act(quartier, form.cleaned_data)
        except ValidationError as error:
            form.add_error(error_fields.get(error.code), error)
        else:
            messages.success(request, message)
            return redirect("quartiere:koordination", slug=quartier.slug)
    elif aktion is not None and aktion not in actions:
        messages.error(request, _("Bitte wählen Sie, was Sie tun möchten."))
    context = {
        "quartier": quartier,
        "koordinationen": history(quartier),
        "has_open": open_koordinationen(quartier).exists(),
        "assign_form": forms["zuordnen"],
        "hand_over_form": forms["uebergeben"],
        "breadcrumbs": _koordination_crumbs(quartier),
    }
    failed = aktion is not None
    return render(request, "quartiere/koordination.html", context, status=400 if failed else 200)


@fachstelle_required
def koordination_end(request, slug, pk):
    row = get_object_or_404(
        Koordination.objects.select_related("quartier", "user"), pk=pk, quartier__slug=slug
    )
    quartier = row.quartier
    koordination_url = reverse("quartiere:koordination", args=[quartier.slug])
    context = {
        "koordination": row,
        "quartier": quartier,
        "breadcrumbs": [
            *_koordination_crumbs(quartier),
            (koordination_url, _("Koordination")),
        ],
        "submit_label": _("Koordination beenden"),
    }
    if row.bis is not None and row.bis < timezone.localdate():
        # Already over: nothing to end, so a POST is refused without a form.
        return render(
            request,
            "quartiere/koordination_end.html",
            {**context, "title": _("Koordination beenden"), "ended": True},
            status=400 if request.method == "POST" else 200,
        )

    def end(form):
        try:
            return end_koordination(koordination=row, bis=form.cleaned_data["bis"])
        except ValidationError as error:
            form.add_error("bis", error)
            return None

    return form_page(
        request,
        EndForm(request.POST or None, koordination=row),
        template="quartiere/koordination_end.html",
        title=_("Koordination beenden"),
        cancel_url=koordination_url,
        success_url=koordination_url,
        success_message=lambda ended: (
            _("Die Koordination von %(name)s in %(quartier)s endet am %(bis)s.")
            % {"name": row.user.name, "quartier": quartier.name, "bis": _date(row.bis)}
        ),
        save=end,
        extra=context,
    )
