"""The RSVP link's token: a signed Einladung id, valid for nothing but that one RSVP page.

The signature has no time limit of its own: the link stays valid until the Termin has ended,
which the RSVP view checks on every use (a moved Termin moves the expiry with it).
"""

from django.core import signing
from django.urls import reverse

from gwa_portal.core.mail import absolute_url

from .models import Einladung

RSVP_SALT = "netzwerk.einladung.rsvp"


def rsvp_token(einladung):
    return signing.dumps(einladung.pk, salt=RSVP_SALT)


def einladung_for_token(token):
    """The Einladung the token was made for, or None for a tampered or unknown token."""
    try:
        pk = signing.loads(token, salt=RSVP_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return (
        Einladung.objects.select_related("termin", "termin__ort", "person")
        .filter(pk=pk, person__geloescht_am__isnull=True)
        .first()
    )


def rsvp_url(einladung):
    """The absolute RSVP link for mails and calendars."""
    return absolute_url(reverse("einladung_rsvp", kwargs={"token": rsvp_token(einladung)}))


def person_feed_url(person):
    """The absolute link to the person's calendar feed (secret: it is the person's token)."""
    return absolute_url(reverse("kalender_person", kwargs={"token": person.kalender_token}))
