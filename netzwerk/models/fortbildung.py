"""Training courses for the coordinators, with registration, waiting list and attendance."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.models import TimestampedModel


class Fortbildung(TimestampedModel):
    thema = models.CharField(_("Thema"), max_length=200)
    slug = models.SlugField(_("Kurzname"), max_length=200, unique=True)
    referent = models.CharField(_("Referent:in"), max_length=200, blank=True)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    stunden = models.DecimalField(
        _("Stunden"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("200"))],
        help_text=_("Fortbildungsstunden, die eine Teilnahme bescheinigt."),
    )
    kapazitaet = models.PositiveIntegerField(
        _("Plätze"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    anmeldeschluss = models.DateField(_("Anmeldeschluss"), null=True, blank=True)

    class Meta:
        verbose_name = _("Fortbildung")
        verbose_name_plural = _("Fortbildungen")
        ordering = ["thema"]
        constraints = [
            models.CheckConstraint(condition=Q(kapazitaet__gte=1), name="fortbildung_kapazitaet"),
            models.CheckConstraint(condition=Q(stunden__gt=0), name="fortbildung_stunden"),
        ]

    def __str__(self):
        return self.thema

    def get_absolute_url(self):
        return reverse("netzwerk:fortbildung_detail", kwargs={"slug": self.slug})


class Anmeldung(TimestampedModel):
    class Status(models.TextChoices):
        ANGEMELDET = "angemeldet", _("angemeldet")
        WARTELISTE = "warteliste", _("Warteliste")
        ABGEMELDET = "abgemeldet", _("abgemeldet")
        TEILGENOMMEN = "teilgenommen", _("teilgenommen")

    fortbildung = models.ForeignKey(
        Fortbildung,
        on_delete=models.CASCADE,
        related_name="anmeldungen",
        verbose_name=_("Fortbildung"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="anmeldungen",
        verbose_name=_("Teilnehmer:in"),
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices)
    # Set when the person moved up from the waiting list; the mail goes out once (outbox).
    nachgerueckt_am = models.DateTimeField(_("nachgerückt am"), null=True, blank=True)
    nachrueck_mail_am = models.DateTimeField(_("Nachrück-Mail versandt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["fortbildung", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["fortbildung", "user"], name="anmeldung_einmal"),
        ]

    def __str__(self):
        return f"{self.user} – {self.fortbildung} ({self.get_status_display()})"
