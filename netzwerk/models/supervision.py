"""Supervision groups. Only dates and attendance are stored here, never what was discussed."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.models import TimestampedModel


class Supervision(TimestampedModel):
    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=200, unique=True)
    supervisor = models.CharField(_("Supervisor:in"), max_length=200, blank=True)
    mitglieder = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="supervisionen",
        verbose_name=_("Mitglieder"),
    )

    class Meta:
        verbose_name = _("Supervisionsgruppe")
        verbose_name_plural = _("Supervisionsgruppen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("netzwerk:supervision_detail", kwargs={"slug": self.slug})
