"""Handlungsfelder and Zielgruppen: the small taxonomies that activities, needs and offers share."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.models import TimestampedModel


class TaxonomieQuerySet(models.QuerySet):
    def active(self):
        return self.filter(aktiv=True)


class Taxonomie(TimestampedModel):
    """The fields both taxonomies share; each keeps its own table."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("Reihenfolge"), default=0, help_text=_("Kleinere Zahlen stehen weiter oben.")
    )
    aktiv = models.BooleanField(
        _("aktiv"),
        default=True,
        help_text=_(
            "Inaktive Einträge bleiben an alten Daten erhalten, stehen aber nicht mehr zur Auswahl."
        ),
    )

    objects = TaxonomieQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Handlungsfeld(Taxonomie):
    class Meta(Taxonomie.Meta):
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")


class Zielgruppe(Taxonomie):
    class Meta(Taxonomie.Meta):
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")
