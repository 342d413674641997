"""Access codes (only their hashes) and mailed survey invitations to partner contacts."""

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.models import TimestampedModel


def hash_code(befragung_id, code):
    """HMAC of the normalised code, keyed per survey: the database never holds a code."""
    normalised = "".join(code.split()).upper().replace("-", "")
    key = f"{settings.SECRET_KEY}:befragung:{befragung_id}".encode()
    return hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()


class Zugangscode(models.Model):
    """A code's hash and whether it was used. No timestamps: nothing tells when it was used."""

    befragung = models.ForeignKey(
        "befragung.Befragung",
        on_delete=models.CASCADE,
        related_name="zugangscodes",
        verbose_name=_("Befragung"),
    )
    code_hash = models.CharField(_("Prüfsumme"), max_length=64, unique=True)
    benutzt = models.BooleanField(_("benutzt"), default=False)

    class Meta:
        verbose_name = _("Zugangscode")
        verbose_name_plural = _("Zugangscodes")

    def __str__(self):
        return f"{self.befragung} ({_('benutzt') if self.benutzt else _('frei')})"


class Befragungseinladung(TimestampedModel):
    """A partner contact invited by mail to a code survey (the outbox). Per Person it keeps only
    "invited" (`sent_at`) and "took part" (`teilgenommen`, no time). The hash of the mailed code
    is kept only while that code is unused: spending it clears the hash and sets the flag, so no
    row ties a Person to a used code, and no code ever names its answers."""

    befragung = models.ForeignKey(
        "befragung.Befragung",
        on_delete=models.CASCADE,
        related_name="einladungen",
        verbose_name=_("Befragung"),
    )
    person = models.ForeignKey(
        "netzwerk.Person",
        on_delete=models.CASCADE,
        related_name="befragungseinladungen",
        verbose_name=_("Person"),
    )
    code_hash = models.CharField(_("Prüfsumme des ungenutzten Codes"), max_length=64, blank=True)
    teilgenommen = models.BooleanField(_("teilgenommen"), default=False)
    sent_at = models.DateTimeField(_("versandt am"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("erinnert am"), null=True, blank=True)
    # The outbox intent of a reminder: set by the button, before Celery is asked.
    reminder_requested_at = models.DateTimeField(
        _("Erinnerung angefordert am"), null=True, blank=True
    )
    send_error = models.CharField(_("letzter Versandfehler"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Einladung zur Befragung")
        verbose_name_plural = _("Einladungen zu Befragungen")
        constraints = [
            models.UniqueConstraint(
                fields=["befragung", "person"], name="befragungseinladung_einmal"
            ),
        ]

    def __str__(self):
        return f"{self.person} → {self.befragung}"
