"""iCalendar for Termine: the iMIP part of an invitation mail, and the subscribable feeds.

Built with the icalendar library. Times carry TZID=Europe/Berlin, and every calendar that uses
them gets a VTIMEZONE generated from zoneinfo, so that clients need no zone database of their own.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Parameters, vCalAddress, vText
from icalendar.enums import PARTSTAT, ROLE, STATUS
from icalendar.parser import Contentline

from .models import Einladung, Tagesordnungspunkt, Termin
from .tokens import rsvp_url

BERLIN = ZoneInfo("Europe/Berlin")
PRODID = "-//Stadt Langenhagen//GWA-Portal//DE"
ORGANIZER_NAME = "Fachstelle GWA"
# Feeds reach this far back, so that they stay small however long the portal runs.
FEED_HISTORY = datetime.timedelta(days=365)

PARTSTATS = {
    Einladung.Antwort.OFFEN: PARTSTAT.NEEDS_ACTION,
    Einladung.Antwort.ZUGESAGT: PARTSTAT.ACCEPTED,
    Einladung.Antwort.ABGESAGT: PARTSTAT.DECLINED,
    Einladung.Antwort.VIELLEICHT: PARTSTAT.TENTATIVE,
}


# Stand-ins for what differs per invitee, replaced in the calendar built once per Termin.
RSVP_SLOT = "rsvp-link-slot"
ATTENDEE_SLOT = "attendee-slot@invalid"


def invitation_calendar(einladung):
    """The iMIP calendar for one invitee: METHOD:REQUEST, or METHOD:CANCEL once cancelled.

    Returns (method, bytes). For many invitees, use one InvitationCalendars.
    """
    return InvitationCalendars().for_einladung(einladung)


class InvitationCalendars:
    """The iMIP calendars of a batch of invitations. Per Termin and sequence the calendar is
    built once (the VTIMEZONE and the agenda are most of the work); per invitee only the
    ATTENDEE line and the RSVP link in DESCRIPTION are rendered, by the icalendar library."""

    def __init__(self):
        self._templates = {}

    @staticmethod
    def key(termin):
        """What the calendar of a Termin is built from, beside its agenda."""
        return (termin.pk, termin.sequence, termin.status, termin.updated_at)

    def for_einladung(self, einladung, *, rsvp_link=None):
        """(method, bytes) for `einladung`, whose termin and person are loaded (`rsvp_link`:
        its RSVP link, when the caller has it already)."""
        termin = einladung.termin
        key = self.key(termin)
        if key not in self._templates:
            self._templates[key] = _InvitationTemplate(termin)
        return self._templates[key].render(einladung, rsvp_link or rsvp_url(einladung))


class _InvitationTemplate:
    """One Termin's invitation calendar as folded bytes, with slots for the per-invitee lines."""

    def __init__(self, termin):
        self.method = "CANCEL" if termin.is_cancelled else "REQUEST"
        event = termin_event(termin, rsvp_link=RSVP_SLOT)
        self.description = str(event.get("description", ""))
        event.add("attendee", vCalAddress.new(ATTENDEE_SLOT))
        self.pieces = []  # folded bytes, and None where an invitee's line goes
        static = []
        for line in calendar([event], method=self.method).content_lines():
            if not line:
                continue
            name = line.split(":", 1)[0].split(";", 1)[0]
            if name == "ATTENDEE" or (name == "DESCRIPTION" and RSVP_SLOT in line):
                self.pieces += [b"".join(static), name]
                static = []
            else:
                static.append(line.to_ical() + b"\r\n")
        self.pieces.append(b"".join(static))

    def render(self, einladung, rsvp_link):
        lines = {"ATTENDEE": _content_line("ATTENDEE", attendee(einladung))}
        if RSVP_SLOT in self.description:
            text = self.description.replace(RSVP_SLOT, rsvp_link)
            lines["DESCRIPTION"] = _content_line("DESCRIPTION", vText(text))
        return self.method, b"".join(
            lines[piece] if isinstance(piece, str) else piece for piece in self.pieces
        )


def _content_line(name, value):
    params = getattr(value, "params", None) or Parameters()
    return fold(Contentline.from_parts(name, params, value).encode()) + b"\r\n"


FOLD_LIMIT = 74  # octets per physical line, as the icalendar library folds (RFC 5545: < 75)


def fold(line):
    """The content line `line` (UTF-8 bytes, one line) folded as the icalendar library folds
    it (Contentline.to_ical), without its loop over every character: the longest run of
    whole characters up to FOLD_LIMIT octets per line, and a backslash or caret that would
    end a line (the start of an escape) moved to the next one."""
    pieces, start, size = [], 0, len(line)
    while size - start > FOLD_LIMIT:
        end = start + FOLD_LIMIT
        while line[end] & 0xC0 == 0x80:  # inside a UTF-8 sequence: break before it
            end -= 1
        if line[end - 1] in b"\\^" and end - 1 > start:
            end -= 1
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return b"\r\n ".join(pieces)


def feed_for_person(person):
    """Every Termin `person` is invited to (cancelled ones as STATUS:CANCELLED)."""
    einladungen = (
        Einladung.objects.filter(person=person, termin__ende__gte=timezone.now() - FEED_HISTORY)
        .select_related("termin", "termin__ort")
        .prefetch_related(agenda_prefetch("termin__tagesordnung"))
        .order_by("termin__beginn", "termin__pk")
    )
    events = [termin_event(e.termin, rsvp_link=rsvp_url(e)) for e in einladungen]
    name = _("%(name)s – Termine der Gemeinwesenarbeit") % {"name": person.name}
    return calendar(events, method="PUBLISH", name=name).to_ical()


def feed_for_quartier(quartier):
    """The public Termine of the Quartier and of its Gremien."""
    termine = (
        Termin.objects.public()
        .for_quartier(quartier)
        .filter(ende__gte=timezone.now() - FEED_HISTORY)
        .select_related("ort")
        .prefetch_related(agenda_prefetch("tagesordnung"))
        .order_by("beginn", "pk")
    )
    events = [termin_event(t) for t in termine]
    name = _("%(name)s – öffentliche Termine") % {"name": quartier.name}
    return calendar(events, method="PUBLISH", name=name).to_ical()


def agenda_prefetch(lookup):
    return Prefetch(lookup, queryset=Tagesordnungspunkt.objects.order_by("position"))


def calendar(events, *, method, name=None):
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name:
        cal.calendar_name = name
    for event in events:
        cal.add_component(event)
    if events:
        # A VTIMEZONE covering just the calendar's span keeps the mail part small.
        starts = [e.start for e in events]
        ends = [e.end for e in events]
        cal.add_missing_timezones(
            first_date=min(starts).date() - datetime.timedelta(days=366),
            last_date=max(ends).date() + datetime.timedelta(days=366),
        )
    return cal


def termin_event(termin, *, rsvp_link=None):
    event = Event.new(
        uid=termin.uid,
        sequence=termin.sequence,
        stamp=timezone.now(),
        start=timezone.localtime(termin.beginn, BERLIN),
        end=timezone.localtime(termin.ende, BERLIN),
        summary=termin.titel,
        description=description(termin, rsvp_link=rsvp_link),
        status=STATUS.CANCELLED if termin.is_cancelled else STATUS.CONFIRMED,
        organizer=vCalAddress.new(settings.GWA_ORGANIZER_EMAIL, cn=ORGANIZER_NAME),
        last_modified=termin.updated_at,
    )
    if termin.ort_id:
        event.add("location", termin.ort.adresse)
    elif termin.online_link:
        event.add("location", termin.online_link)
    if termin.online_link:
        event.add("url", termin.online_link)
    return event


def attendee(einladung):
    person = einladung.person
    return vCalAddress.new(
        person.email,
        cn=person.name,
        role=ROLE.REQ_PARTICIPANT,
        partstat=PARTSTATS[einladung.antwort],
        rsvp=True,
    )


def description(termin, *, rsvp_link=None):
    parts = []
    if termin.beschreibung:
        parts.append(termin.beschreibung.strip())
    agenda = list(termin.tagesordnung.all())
    if agenda:
        lines = [_("Tagesordnung:")]
        lines += [f"{top.position}. {top.titel}" for top in agenda]
        parts.append("\n".join(lines))
    if termin.online_link:
        parts.append(_("Online teilnehmen: %(link)s") % {"link": termin.online_link})
    if rsvp_link and not termin.is_cancelled:
        parts.append(_("Zusagen oder absagen: %(link)s") % {"link": rsvp_link})
    return "\n\n".join(parts)
