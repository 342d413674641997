"""Subscribable calendars: a person's own Termine (by their secret token) and a Quartier's
public Termine. Both are plain iCalendar (METHOD:PUBLISH) and need no login.

The secret feed link can be replaced by its owner (Meine Kontaktdaten) and by the Fachstelle
(the Person's page): the old URL answers 404 from then on.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from gwa_portal.core import rules as core_rules
from gwa_portal.core.decorators import require
from quartiere.models import Quartier

from .. import ical, rules
from ..models import Person
from ..tokens import renew_calendar_token


def ics_response(content, *, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
@cache_control(private=True, no_store=True)
def person_feed(request, token):
    person = get_object_or_404(Person.objects.active(), kalender_token=token)
    return ics_response(ical.feed_for_person(person), filename="termine.ics")


@require_GET
@cache_control(public=True, max_age=15 * 60)
def quartier_feed(request, slug):
    quartier = get_object_or_404(Quartier, slug=slug)
    return ics_response(ical.feed_for_quartier(quartier), filename=f"{quartier.slug}.ics")


@require_POST
@require(rules.can_edit_own_contact)
def renew_own_feed(request):
    person = Person.objects.active().filter(user=request.user).first()
    if person is None:
        raise Http404
    renew_calendar_token(person)
    messages.success(
        request,
        _(
            "Ihr Kalender-Link wurde erneuert. Der bisherige Link funktioniert nicht mehr: "
            "Bitte abonnieren Sie den neuen Link in Ihrem Kalender."
        ),
    )
    return redirect("netzwerk:meine_kontaktdaten")


@require_POST
@require(core_rules.is_fachstelle)
def renew_person_feed(request, pk):
    person = get_object_or_404(Person.objects.active(), pk=pk)
    renew_calendar_token(person)
    messages.success(
        request,
        _(
            "Der Kalender-Link von %(name)s wurde erneuert. Der bisherige Link funktioniert "
            "nicht mehr; den neuen erhält die Person mit der nächsten Einladung."
        )
        % {"name": person.name},
    )
    return redirect(person)
