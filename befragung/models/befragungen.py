"""Befragungen: a survey with its scope, languages, period and workflow."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.models import TimestampedModel

from .sprachen import SPRACHEN
from .texte import TexteMixin, text_in, validate_texte

# The smallest group any result may show: below it, answers could be told apart.
MINDESTGRUPPE = 5


def default_sprachen():
    return ["de"]


class BefragungQuerySet(models.QuerySet):
    def running(self, *, today=None):
        """Open for answers today: status „läuft“ and today within the period."""
        today = today or timezone.localdate()
        return self.filter(status=Befragung.Status.LAEUFT).filter(
            Q(beginn__isnull=True) | Q(beginn__lte=today),
            Q(ende__isnull=True) | Q(ende__gte=today),
        )


class Befragung(TexteMixin, TimestampedModel):
    class Modus(models.TextChoices):
        OFFEN = "offen", _("offen (ohne Zugangscode)")
        ZUGANGSCODE = "zugangscode", _("mit Zugangscode")

    class Status(models.TextChoices):
        ENTWURF = "entwurf", _("Entwurf")
        LAEUFT = "laeuft", _("läuft")
        BEENDET = "beendet", _("beendet")

    TEXT_FIELDS = ("titel", "beschreibung", "datenschutz", "danke")

    slug = models.SlugField(
        _("Kurzname"),
        max_length=100,
        unique=True,
        help_text=_("Teil der Adresse, z. B. „lebensqualitaet-2024“."),
    )
    titel = models.JSONField(_("Titel"), default=dict, validators=[validate_texte])
    beschreibung = models.JSONField(_("Einleitung"), default=dict, blank=True)
    datenschutz = models.JSONField(_("Datenschutzhinweis"), default=dict, blank=True)
    danke = models.JSONField(_("Dankeschön-Text"), default=dict, blank=True)
    sprachen = models.JSONField(
        _("Sprachen"),
        default=default_sprachen,
        help_text=_("Deutsch ist immer dabei."),
    )
    quartiere = models.ManyToManyField(
        "quartiere.Quartier",
        blank=True,
        related_name="befragungen",
        verbose_name=_("Quartiere"),
        help_text=_("Leer lassen für eine stadtweite Befragung."),
    )
    modus = models.CharField(
        _("Teilnahme"), max_length=20, choices=Modus.choices, default=Modus.OFFEN
    )
    beginn = models.DateField(_("Beginn"), null=True, blank=True)
    ende = models.DateField(_("Ende"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.ENTWURF
    )
    mindestgruppe = models.PositiveSmallIntegerField(
        _("Mindestgruppengröße"),
        default=MINDESTGRUPPE,
        validators=[MinValueValidator(MINDESTGRUPPE), MaxValueValidator(100)],
        help_text=_(
            "Auswertungen mit weniger Antworten werden nicht gezeigt (Datenschutz). "
            "Mindestens 5; nur die Fachstelle kann sie erhöhen."
        ),
    )
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="befragungen",
        verbose_name=_("angelegt von"),
    )

    objects = BefragungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Befragung")
        verbose_name_plural = _("Befragungen")
        ordering = ["-beginn", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(beginn__isnull=True) | Q(ende__isnull=True) | Q(ende__gte=F("beginn")),
                name="befragung_beginn_vor_ende",
                violation_error_message=_("Das Ende darf nicht vor dem Beginn liegen."),
            ),
            models.CheckConstraint(
                condition=Q(mindestgruppe__gte=MINDESTGRUPPE),
                name="befragung_mindestgruppe_mindestens_5",
                violation_error_message=_("Die Mindestgruppengröße ist mindestens 5."),
            ),
        ]

    def __str__(self):
        return text_in(self.titel, "de") or self.slug

    def get_absolute_url(self):
        return reverse("befragung:detail", kwargs={"slug": self.slug})

    def get_public_url(self):
        return reverse("befragung:formular", kwargs={"slug": self.slug})

    @property
    def all_sprachen(self):
        """German first, then the others in the fixed order of SPRACHEN."""
        chosen = set(self.sprachen or []) | {"de"}
        return [code for code in SPRACHEN if code in chosen]

    def is_open(self, *, today=None):
        today = today or timezone.localdate()
        return (
            self.status == self.Status.LAEUFT
            and (self.beginn is None or self.beginn <= today)
            and (self.ende is None or self.ende >= today)
        )


class BefragungBedarf(TimestampedModel):
    """A Bedarf found through a survey result; the link lives here, since quartiere imports
    nothing from befragung."""

    befragung = models.ForeignKey(
        Befragung, on_delete=models.CASCADE, related_name="bedarfe", verbose_name=_("Befragung")
    )
    bedarf = models.OneToOneField(
        "quartiere.Bedarf",
        on_delete=models.CASCADE,
        related_name="befragung_link",
        verbose_name=_("Bedarf"),
    )
    frage = models.ForeignKey(
        "befragung.Frage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Frage"),
    )

    class Meta:
        verbose_name = _("Bedarf aus Befragung")
        verbose_name_plural = _("Bedarfe aus Befragungen")

    def __str__(self):
        return f"{self.befragung} → {self.bedarf}"
