"""The iCalendar of an invitation and the feeds, read back with the icalendar library."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.utils import timezone
from icalendar import Calendar
from icalendar.parser import Contentline

from netzwerk import einladungen, ical
from netzwerk.models import Einladung

from ..factories import (
    EinladungFactory,
    GremiumFactory,
    OrtFactory,
    PersonFactory,
    QuartierFactory,
    TagesordnungspunktFactory,
    TerminFactory,
)

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


def parse(data):
    return Calendar.from_ical(data)


def future_summer_termin(**kwargs):
    """A Termin next summer at 18:00 Berlin time (CEST, UTC+2)."""
    year = timezone.localdate().year + 1
    return TerminFactory(beginn=berlin(year, 7, 1, 18), ende=berlin(year, 7, 1, 20), **kwargs)


def test_invitation_is_a_request_with_uid_sequence_and_berlin_times():
    termin = future_summer_termin(ort=OrtFactory(name="Haus der Begegnung", strasse="Weg 1"))
    TagesordnungspunktFactory(termin=termin, position=1, titel="Begrüßung")
    einladung = EinladungFactory(termin=termin, person=PersonFactory(name="Ada Beispiel"))

    method, data = ical.invitation_calendar(einladung)

    cal = parse(data)
    assert method == "REQUEST"
    assert cal["METHOD"] == "REQUEST"
    assert "GWA-Portal" in str(cal["PRODID"])
    [event] = cal.events
    assert str(event["UID"]) == termin.uid
    assert event["SEQUENCE"] == 0
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.start == berlin(termin.beginn.year, 7, 1, 18)
    assert event.start.utcoffset() == datetime.timedelta(hours=2)
    assert event.end == berlin(termin.beginn.year, 7, 1, 20)
    assert [tz.tz_name for tz in cal.timezones] == ["Europe/Berlin"]
    assert str(event["SUMMARY"]) == termin.titel
    assert "Haus der Begegnung, Weg 1" in str(event["LOCATION"])
    assert "1. Begrüßung" in str(event["DESCRIPTION"])
    assert "/einladung/" in str(event["DESCRIPTION"])
    assert str(event["STATUS"]) == "CONFIRMED"


@override_settings(GWA_ORGANIZER_EMAIL="fachstelle@stadt.example")
def test_invitation_names_organizer_and_the_one_attendee_with_their_answer():
    einladung = EinladungFactory(
        person=PersonFactory(name="Ada Beispiel", email="ada@example.org"),
        antwort=Einladung.Antwort.VIELLEICHT,
    )
    EinladungFactory(termin=einladung.termin)  # someone else, who must not appear

    [event] = parse(ical.invitation_calendar(einladung)[1]).events

    assert str(event["ORGANIZER"]) == "mailto:fachstelle@stadt.example"
    assert event["ORGANIZER"].params["CN"] == "Fachstelle GWA"
    [attendee] = event.attendees
    assert str(attendee) == "mailto:ada@example.org"
    assert attendee.params["CN"] == "Ada Beispiel"
    assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
    assert attendee.params["PARTSTAT"] == "TENTATIVE"
    assert attendee.params["RSVP"] == "TRUE"


def test_online_termin_has_url_and_link_as_location():
    termin = TerminFactory(ort=None, online_link="https://meet.example.org/runder-tisch")
    event = parse(ical.invitation_calendar(EinladungFactory(termin=termin))[1]).events[0]
    assert str(event["URL"]) == "https://meet.example.org/runder-tisch"
    assert str(event["LOCATION"]) == "https://meet.example.org/runder-tisch"


def test_an_update_keeps_the_uid_and_raises_the_sequence():
    termin = future_summer_termin()
    einladung = EinladungFactory(termin=termin)
    before = type(termin).objects.get(pk=termin.pk)
    termin.beginn += datetime.timedelta(hours=1)
    termin.ende += datetime.timedelta(hours=1)
    termin.save()
    einladungen.record_change(termin=termin, before=before)
    einladung.refresh_from_db()

    [event] = parse(ical.invitation_calendar(einladung)[1]).events

    assert str(event["UID"]) == termin.uid
    assert event["SEQUENCE"] == 1
    assert event.start.hour == 19


def test_a_cancelled_termin_gives_method_cancel_and_status_cancelled():
    einladung = EinladungFactory()
    einladungen.cancel(termin=einladung.termin)
    einladung.refresh_from_db()

    method, data = ical.invitation_calendar(einladung)

    cal = parse(data)
    assert method == cal["METHOD"] == "CANCEL"
    [event] = cal.events
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert str(event["UID"]) == einladung.termin.uid


def test_winter_times_have_the_standard_offset():
    year = timezone.localdate().year + 1
    termin = TerminFactory(beginn=berlin(year, 1, 15, 9), ende=berlin(year, 1, 15, 11))
    event = parse(ical.invitation_calendar(EinladungFactory(termin=termin))[1]).events[0]
    assert event.start.utcoffset() == datetime.timedelta(hours=1)
    assert event.start.hour == 9


def test_person_feed_is_a_publish_calendar_of_their_termine_only():
    person = PersonFactory()
    mine = EinladungFactory.create_batch(2, person=person)
    cancelled = EinladungFactory(person=person)
    einladungen.cancel(termin=cancelled.termin)
    other = EinladungFactory()

    cal = parse(ical.feed_for_person(person))

    assert cal["METHOD"] == "PUBLISH"
    uids = {str(e["UID"]): e for e in cal.events}
    assert set(uids) == {e.termin.uid for e in [*mine, cancelled]}
    assert other.termin.uid not in uids
    assert str(uids[cancelled.termin.uid]["STATUS"]) == "CANCELLED"
    assert not any("ATTENDEE" in e for e in cal.events)
    assert [tz.tz_name for tz in cal.timezones] == ["Europe/Berlin"]


def test_quartier_feed_has_public_termine_of_quartier_and_its_gremien():
    quartier = QuartierFactory()
    own = TerminFactory(quartier=quartier, gremium=None, oeffentlich=True)
    of_gremium = TerminFactory(gremium=GremiumFactory(quartier=quartier), oeffentlich=True)
    TerminFactory(quartier=quartier, gremium=None, oeffentlich=False)
    cancelled = TerminFactory(quartier=quartier, gremium=None, oeffentlich=True)
    einladungen.cancel(termin=cancelled)
    TerminFactory(oeffentlich=True)  # another Quartier

    cal = parse(ical.feed_for_quartier(quartier))

    assert cal["METHOD"] == "PUBLISH"
    assert {str(e["UID"]) for e in cal.events} == {own.uid, of_gremium.uid}
    assert quartier.name in str(cal.calendar_name)


def test_an_empty_feed_is_still_a_valid_calendar():
    cal = parse(ical.feed_for_quartier(QuartierFactory()))
    assert cal.events == []
    assert str(cal["VERSION"]) == "2.0"


@pytest.mark.parametrize(
    "line",
    [
        "",
        "X" * 74,
        "X" * 75,
        "X" * 200,
        "ATTENDEE;CN=" + "ä" * 40 + ":mailto:a@example.org",  # a character across the limit
        "DESCRIPTION:" + "x" * 61 + "😀" * 10,
        "DESCRIPTION:" + "x" * 61 + "\\n" + "y" * 80,  # an escape at the fold
        "DESCRIPTION:" + "x" * 60 + "ü\\," + "y" * 80,
        "ATTENDEE;CN=" + "x" * 61 + "^n" + "y" * 10,
    ],
)
def test_content_lines_are_folded_as_the_icalendar_library_folds_them(line):
    assert ical.fold(line.encode()) == Contentline(line).to_ical()
