"""The mails of the Netzwerk: invitations with their calendar part, Termin reminders, released
Protokolle, Fortbildung move-ups and the weekly Aufgaben reminder."""

import email.policy
import re
import secrets
from types import SimpleNamespace

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils.html import escape

from gwa_portal.core.mail import MailLayout, SerialisedMail, absolute_url, build_mail

from . import ical
from .tokens import person_feed_url, rsvp_url


class CalendarMail(EmailMultiAlternatives):
    """A mail whose last alternative is the iMIP calendar (RFC 6047): `text/calendar` with the
    `method` parameter, and base64 so that the CRLF line ends iCalendar requires survive
    (Django's text alternatives would normalise them and cannot carry the parameter)."""

    def __init__(self, *args, calendar, calendar_method, **kwargs):
        super().__init__(*args, **kwargs)
        self.calendar = calendar
        self.calendar_method = calendar_method

    def message(self, *, policy=email.policy.default):
        msg = super().message(policy=policy)
        msg.add_alternative(
            self.calendar,
            maintype="text",
            subtype="calendar",
            cte="base64",
            params={"charset": "utf-8", "method": self.calendar_method},
        )
        return msg


def mail_context(einladung, *, tagesordnung=None):
    termin = einladung.termin
    if tagesordnung is None:
        tagesordnung = list(termin.tagesordnung.order_by("position"))
    return {
        "einladung": einladung,
        "termin": termin,
        "person": einladung.person,
        "tagesordnung": tagesordnung,
        "rsvp_url": rsvp_url(einladung),
        "kalender_url": person_feed_url(einladung.person),
    }


class InvitationMails:
    """Builds the invitation mails of a batch (one task's chunk): the agenda, the calendar and
    the mail around the invitee's parts are built once per Termin and sequence; per mail only
    the invitee's name and links are put in and the parts encoded (`_InvitationTemplate`)."""

    def __init__(self):
        self.calendars = ical.InvitationCalendars()
        self._agendas = {}
        self._templates = {}
        self._rsvp_url = _Link(rsvp_url, lambda token: SimpleNamespace(rsvp_token=token))
        self._feed_url = _Link(person_feed_url, lambda token: SimpleNamespace(kalender_token=token))

    def mail(self, einladung):
        """The invitation (or update, or cancellation) for one invitee, with its iMIP part."""
        link = self._rsvp_url(einladung.rsvp_token, einladung)
        method, calendar = self.calendars.for_einladung(einladung, rsvp_link=link)
        key = (*self.calendars.key(einladung.termin), einladung.sent_sequence >= 0)
        if key not in self._templates:
            self._templates[key] = _InvitationTemplate.build(self._context(einladung), method)
        template = self._templates[key]
        if template is None or not template.layout.accepts(einladung.person.email):
            return self.built(einladung, method=method, calendar=calendar)
        feed = self._feed_url(einladung.person.kalender_token, einladung.person)
        return template.render(einladung, calendar, rsvp_link=link, feed_link=feed)

    def built(self, einladung, *, method=None, calendar=None):
        """The same mail, built and serialised by Django (the way of every other mail)."""
        if calendar is None:
            method, calendar = self.calendars.for_einladung(einladung)
        return build_mail(
            to=einladung.person.email,
            template="netzwerk/email/einladung",
            context=self._context(einladung),
            mail_class=CalendarMail,
            calendar=calendar,
            calendar_method=method,
        )

    def _context(self, einladung):
        termin = einladung.termin
        key = (termin.pk, termin.sequence)
        if key not in self._agendas:
            self._agendas[key] = list(termin.tagesordnung.order_by("position"))
        context = mail_context(einladung, tagesordnung=self._agendas[key])
        return {**context, "is_update": einladung.sent_sequence >= 0}


# Stand-ins for what differs per invitee, in the mail rendered once per Termin and sequence.
_TOKEN = secrets.token_hex(6)
NAME_SLOT, RSVP_SLOT, FEED_SLOT = (f"slot{_TOKEN}{what}x" for what in ("name", "rsvp", "feed"))
_SLOTS = re.compile(f"({NAME_SLOT}|{RSVP_SLOT}|{FEED_SLOT})")


class _Standin:
    """Answers the template's questions about the invitee (`answers`) with slots and notes
    every other question: a template that asks one can only be rendered per invitee."""

    def __init__(self, answers):
        self._answers = answers
        self.asked = set()

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        self.asked.add(name)
        if name in self._answers:
            return self._answers[name]
        raise AttributeError(name)


class _InvitationTemplate:
    """The invitation mail of one Termin and sequence, rendered once with slots for the
    invitee's name, RSVP link and feed link, and its MailLayout. `render` fills the slots
    (HTML-escaped in the HTML part, as the template's autoescape would) and serialises."""

    def __init__(self, subject, text, html, layout):
        self.subject = subject
        self.text = _SLOTS.split(text)
        self.html = _SLOTS.split(html)
        self.layout = layout

    @classmethod
    def build(cls, context, method):
        """The template, or None when the templates use more of the invitee than the slots."""
        person = _Standin({"name": NAME_SLOT})
        einladung = _Standin({})
        context = {
            **context,
            "person": person,
            "einladung": einladung,
            "rsvp_url": RSVP_SLOT,
            "kalender_url": FEED_SLOT,
        }
        prototype = build_mail(
            to="invitee@example.org",
            template="netzwerk/email/einladung",
            context=context,
            mail_class=CalendarMail,
            calendar=b"",
            calendar_method=method,
        )
        if person.asked - {"name"} or einladung.asked or _SLOTS.search(prototype.subject):
            return None
        [(html, _mimetype)] = prototype.alternatives
        return cls(prototype.subject, prototype.body, html, _layout(prototype, method))

    def render(self, einladung, calendar, *, rsvp_link, feed_link):
        person = einladung.person
        values = {NAME_SLOT: person.name, RSVP_SLOT: rsvp_link, FEED_SLOT: feed_link}
        text = _fill(self.text, values)
        html = _fill(self.html, {slot: escape(value) for slot, value in values.items()})
        data = self.layout.serialise(to=person.email, parts=[text, html, calendar])
        return SerialisedMail(
            data,
            envelope_to=[person.email],
            subject=self.subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[person.email],
            alternatives=[(html, "text/html")],
        )


# The layouts of this process: a layout holds only the headers, which follow from these keys.
_layouts = {}


def _layout(prototype, method):
    key = (prototype.subject, prototype.from_email, method, settings.DEFAULT_CHARSET)
    if key not in _layouts:
        if len(_layouts) >= 256:
            _layouts.clear()
        _layouts[key] = MailLayout(prototype)
    return _layouts[key]


_PLAIN_TOKEN = re.compile(r"[A-Za-z0-9_-]+")


class _Link:
    """A token link (`url(owner)`) reversed once, with the token put in per mail: a token of
    URL-safe characters appears in the URL as it is (others go through `url`)."""

    def __init__(self, url, owner_with):
        slot = f"token{_TOKEN}slot"
        self.url, self.parts = url, url(owner_with(slot)).split(slot)

    def __call__(self, token, owner):
        if len(self.parts) != 2 or not _PLAIN_TOKEN.fullmatch(token):
            return self.url(owner)
        return token.join(self.parts)


def _fill(pieces, values):
    """Join the pieces of `re.split` on the slots, with the slots (odd places) filled in."""
    return "".join(values[piece] if index % 2 else piece for index, piece in enumerate(pieces))


def invitation_mail(einladung):
    """The invitation mail of one invitee (for many, use one InvitationMails)."""
    return InvitationMails().mail(einladung)


def erinnerung_mail(erinnerung):
    """The reminder of a Termin, to one invitee."""
    einladung = erinnerung.einladung
    return build_mail(
        to=einladung.person.email,
        template="netzwerk/email/erinnerung",
        context=mail_context(einladung),
    )


def protokoll_mail(versand):
    """A released Protokoll, to one recipient."""
    protokoll = versand.protokoll
    return build_mail(
        to=versand.person.email,
        template="netzwerk/email/protokoll",
        context={
            "person": versand.person,
            "protokoll": protokoll,
            "termin": protokoll.termin,
            "aufgaben": protokoll.aufgaben.select_related("verantwortlich"),
            "url": absolute_url(protokoll.get_absolute_url()),
        },
    )


def nachrueck_mail(anmeldung):
    """Tells a coordinator that they moved up from the waiting list of a Fortbildung."""
    return build_mail(
        to=anmeldung.user.email,
        template="netzwerk/email/nachgerueckt",
        context={
            "anmeldung": anmeldung,
            "fortbildung": anmeldung.fortbildung,
            "url": absolute_url(anmeldung.fortbildung.get_absolute_url()),
        },
    )


def aufgaben_erinnerung_mail(*, person, aufgaben):
    """The weekly reminder of a Person's overdue Aufgaben."""
    return build_mail(
        to=person.email,
        template="netzwerk/email/aufgaben_erinnerung",
        context={
            "person": person,
            "aufgaben": aufgaben,
            "url": absolute_url(reverse("netzwerk:aufgabe_mine")),
        },
    )
