"""The secrets in public links: the RSVP link's token and the person's calendar-feed token.

An RSVP token is random (no primary key in it), stored on its Einladung and valid for nothing
but that one RSVP page; the Fachstelle can replace it (`einladungen.renew_links`). It has no time
limit of its own: the link stays valid until the Termin has ended, which the RSVP view checks on
every use (a moved Termin moves the expiry with it).

Links mailed before the random tokens carried the Einladung's signed id (salt RSVP_SALT). They
no longer open anything; the RSVP page recognises them and points to the newest mail.
"""

from django.core import signing
from django.urls import reverse

from gwa_portal.core.mail import absolute_url

from .models import Einladung
from .models.verzeichnis import new_calendar_token

RSVP_SALT = "netzwerk.einladung.rsvp"


def rsvp_token(einladung):
    return einladung.rsvp_token


def einladung_for_token(token):
    """The Einladung the token belongs to, or None for an unknown or replaced token."""
    return (
        Einladung.objects.select_related("termin", "termin__ort", "person")
        .filter(rsvp_token=token, person__geloescht_am__isnull=True)
        .first()
    )


def is_old_signed_token(token):
    """Whether `token` is a genuine link of the old kind (a signed Einladung id)."""
    try:
        signing.loads(token, salt=RSVP_SALT)
    except signing.BadSignature:
        return False
    return True


def rsvp_url(einladung):
    """The absolute RSVP link for mails and calendars."""
    return absolute_url(reverse("einladung_rsvp", kwargs={"token": rsvp_token(einladung)}))


def person_feed_url(person):
    """The absolute link to the person's calendar feed (secret: it is the person's token)."""
    return absolute_url(reverse("kalender_person", kwargs={"token": person.kalender_token}))


def renew_calendar_token(person):
    """Give `person` a new feed token: the old feed URL answers 404 from now on."""
    person.kalender_token = new_calendar_token()
    person.save(update_fields=["kalender_token", "updated_at"])
