"""The mails of the Netzwerk: invitations with their calendar part, Termin reminders, released
Protokolle, Fortbildung move-ups and the weekly Aufgaben reminder."""

import email.policy

from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from gwa_portal.core.mail import absolute_url, build_mail

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
    """Builds the invitation mails of a batch (one task's chunk): the agenda and the calendar
    are read and built once per Termin and sequence, only the invitee's parts per mail."""

    def __init__(self):
        self.calendars = ical.InvitationCalendars()
        self._agendas = {}

    def mail(self, einladung):
        """The invitation (or update, or cancellation) for one invitee, with its iMIP part."""
        termin = einladung.termin
        key = (termin.pk, termin.sequence)
        if key not in self._agendas:
            self._agendas[key] = list(termin.tagesordnung.order_by("position"))
        method, calendar = self.calendars.for_einladung(einladung)
        context = mail_context(einladung, tagesordnung=self._agendas[key])
        return build_mail(
            to=einladung.person.email,
            template="netzwerk/email/einladung",
            context={**context, "is_update": einladung.sent_sequence >= 0},
            mail_class=CalendarMail,
            calendar=calendar,
            calendar_method=method,
        )


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
