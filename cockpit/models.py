"""Saved versions of the Sachstandsbericht: what was handed to a committee, frozen as it was."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.models import TimestampedModel


class BerichtsfassungQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("erstellt_von")


class Berichtsfassung(TimestampedModel):
    """A report as it was generated and handed on, so that its figures never change.

    The live report reflects today's data: a late-logged Aktivität or a Maßnahme whose status
    changed alters it. A Berichtsfassung keeps the rendered report and its tables exactly as
    they were, so the committee's version can be opened and exported again years later.
    """

    titel = models.CharField(_("Titel"), max_length=200)
    anlass = models.CharField(
        _("Anlass"),
        max_length=300,
        blank=True,
        help_text=_("Zum Beispiel: Sitzung des Sozialausschusses am 12.03.2025."),
    )
    von = models.DateField(_("Zeitraum von"))
    bis = models.DateField(_("Zeitraum bis"))
    quartiere = models.ManyToManyField(
        "quartiere.Quartier",
        blank=True,
        related_name="berichtsfassungen",
        verbose_name=_("Quartiere"),
        help_text=_("Leer: alle Quartiere."),
    )
    # Names as they were when saved; a Quartier may be renamed later.
    quartiere_text = models.CharField(_("Quartiere (Stand beim Speichern)"), max_length=2000)
    erstellt_am = models.DateField(_("Bericht erstellt am"))
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("gespeichert von"),
    )
    inhalt_html = models.TextField(_("Inhalt (HTML)"))
    tabellen = models.JSONField(_("Tabellen für CSV und XLSX"))

    objects = BerichtsfassungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Berichtsfassung")
        verbose_name_plural = _("Berichtsfassungen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(von__lte=F("bis")), name="berichtsfassung_von_vor_bis"
            ),
        ]

    def __str__(self):
        return f"{self.titel} ({self.von:%d.%m.%Y}–{self.bis:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("cockpit:fassung_detail", kwargs={"pk": self.pk})
