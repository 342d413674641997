"""Subscribable calendars: a person's own Termine (by their secret token) and a Quartier's
public Termine. Both are plain iCalendar (METHOD:PUBLISH) and need no login."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from quartiere.models import Quartier

from .. import ical
from ..models import Person


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
