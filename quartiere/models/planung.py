"""Bedarfe found in the Quartiere and the Massnahmen that answer them."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.models import TimestampedModel


class BedarfQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Bedarf.OPEN_STATUSES)

    def with_related(self):
        return self.select_related("quartier", "handlungsfeld").prefetch_related("zielgruppen")


class Bedarf(TimestampedModel):
    class Quelle(models.TextChoices):
        BEFRAGUNG = "befragung", _("Befragung")
        BUERGERTREFFEN = "buergertreffen", _("Bürger:innentreffen")
        KOORDINATION = "koordination", _("Koordination")
        GREMIUM = "gremium", _("Gremium")

    class Prioritaet(models.IntegerChoices):
        HOCH = 1, _("hoch")
        MITTEL = 2, _("mittel")
        NIEDRIG = 3, _("niedrig")

    class Status(models.TextChoices):
        OFFEN = "offen", _("offen")
        IN_BEARBEITUNG = "in_bearbeitung", _("in Bearbeitung")
        ERLEDIGT = "erledigt", _("erledigt")
        VERWORFEN = "verworfen", _("verworfen")

    OPEN_STATUSES = (Status.OFFEN, Status.IN_BEARBEITUNG)

    quartier = models.ForeignKey(
        "quartiere.Quartier",
        on_delete=models.PROTECT,
        related_name="bedarfe",
        verbose_name=_("Quartier"),
    )
    titel = models.CharField(_("Titel"), max_length=200)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    quelle = models.CharField(_("Quelle"), max_length=20, choices=Quelle.choices)
    quelle_hinweis = models.CharField(
        _("Hinweis zur Quelle"),
        max_length=300,
        blank=True,
        help_text=_("Zum Beispiel die Befragung, das Treffen oder das Gremium mit Datum."),
    )
    handlungsfeld = models.ForeignKey(
        "quartiere.Handlungsfeld",
        on_delete=models.PROTECT,
        related_name="bedarfe",
        verbose_name=_("Handlungsfeld"),
    )
    zielgruppen = models.ManyToManyField(
        "quartiere.Zielgruppe", blank=True, related_name="bedarfe", verbose_name=_("Zielgruppen")
    )
    prioritaet = models.PositiveSmallIntegerField(
        _("Priorität"), choices=Prioritaet.choices, default=Prioritaet.MITTEL
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.OFFEN
    )
    erkannt_am = models.DateField(_("erkannt am"), default=timezone.localdate)
    erfasst_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("erfasst von"),
    )

    objects = BedarfQuerySet.as_manager()

    class Meta:
        verbose_name = _("Bedarf")
        verbose_name_plural = _("Bedarfe")
        ordering = ["prioritaet", "-erkannt_am", "titel"]
        indexes = [models.Index(fields=["quartier", "status"], name="bedarf_quartier_status")]

    def __str__(self):
        return f"{self.titel} ({self.quartier})"

    def get_absolute_url(self):
        return reverse("quartiere:bedarf_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES


class MassnahmeQuerySet(models.QuerySet):
    def public(self):
        return self.filter(oeffentlich=True)

    def for_quartier(self, quartier):
        return self.filter(quartiere=quartier)

    def with_related(self):
        return self.prefetch_related("quartiere", "bedarfe")


class Massnahme(TimestampedModel):
    class Status(models.TextChoices):
        GEPLANT = "geplant", _("geplant")
        LAUFEND = "laufend", _("laufend")
        ABGESCHLOSSEN = "abgeschlossen", _("abgeschlossen")

    titel = models.CharField(_("Titel"), max_length=200)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    quartiere = models.ManyToManyField(
        "quartiere.Quartier", related_name="massnahmen", verbose_name=_("Quartiere")
    )
    bedarfe = models.ManyToManyField(
        Bedarf,
        blank=True,
        related_name="massnahmen",
        verbose_name=_("beantwortet die Bedarfe"),
    )
    verantwortlich = models.CharField(_("verantwortlich"), max_length=200, blank=True)
    beginn = models.DateField(_("Beginn"), null=True, blank=True)
    ende = models.DateField(_("Ende"), null=True, blank=True)
    budget = models.DecimalField(
        _("Budget (Euro)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.GEPLANT
    )
    oeffentlich = models.BooleanField(
        _("öffentlich"),
        default=False,
        help_text=_("Öffentliche Maßnahmen erscheinen auf der öffentlichen Seite des Quartiers."),
    )

    objects = MassnahmeQuerySet.as_manager()

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        ordering = ["status", "-beginn", "titel"]
        constraints = [
            models.CheckConstraint(
                condition=Q(beginn__isnull=True) | Q(ende__isnull=True) | Q(ende__gte=F("beginn")),
                name="massnahme_beginn_vor_ende",
                violation_error_message=_("Das Ende darf nicht vor dem Beginn liegen."),
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="massnahme_budget_nicht_negativ",
                violation_error_message=_("Das Budget darf nicht negativ sein."),
            ),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("quartiere:massnahme_detail", kwargs={"pk": self.pk})
