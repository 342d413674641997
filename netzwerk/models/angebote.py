"""Angebote: regular offers by Akteure in a Quartier (a café, a counselling hour, a course)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.models import TimestampedModel


class AngebotQuerySet(models.QuerySet):
    def active(self):
        return self.filter(aktiv=True)

    def with_related(self):
        return self.select_related("akteur", "quartier").prefetch_related(
            "handlungsfelder", "zielgruppen"
        )


class Angebot(TimestampedModel):
    titel = models.CharField(_("Titel"), max_length=200)
    akteur = models.ForeignKey(
        "netzwerk.Akteur",
        on_delete=models.PROTECT,
        related_name="angebote",
        verbose_name=_("Anbieter:in"),
    )
    quartier = models.ForeignKey(
        "quartiere.Quartier",
        on_delete=models.PROTECT,
        related_name="angebote",
        verbose_name=_("Quartier"),
    )
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    handlungsfelder = models.ManyToManyField(
        "quartiere.Handlungsfeld",
        blank=True,
        related_name="angebote",
        verbose_name=_("Handlungsfelder"),
    )
    zielgruppen = models.ManyToManyField(
        "quartiere.Zielgruppe",
        blank=True,
        related_name="angebote",
        verbose_name=_("Zielgruppen"),
    )
    zeitplan = models.CharField(
        _("Wann"), max_length=200, help_text=_("Zum Beispiel „jeden Dienstag, 15–17 Uhr“.")
    )
    ort = models.CharField(_("Wo"), max_length=200, blank=True)
    sprachen = models.CharField(
        _("Sprachen"),
        max_length=200,
        blank=True,
        default="Deutsch",
        help_text=_("Zum Beispiel „Deutsch, Türkisch, Arabisch“."),
    )
    barrierefreiheit = models.TextField(_("Hinweise zur Barrierefreiheit"), blank=True)
    kontakt = models.TextField(_("Kontakt"), blank=True)
    aktiv = models.BooleanField(_("aktiv"), default=True)

    objects = AngebotQuerySet.as_manager()

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        ordering = ["quartier", "titel"]
        indexes = [models.Index(fields=["quartier", "aktiv"], name="angebot_quartier_aktiv")]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("netzwerk:angebot_detail", kwargs={"pk": self.pk})
