"""Gremien (AGs, Runde Tische, Netzwerktreffen …) and who belongs to them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.models import TimestampedModel


class GremiumQuerySet(models.QuerySet):
    def active(self):
        return self.filter(aktiv=True)

    def with_related(self):
        return self.select_related("quartier", "organisator").prefetch_related("handlungsfelder")

    def for_person(self, person, *, on=None):
        """The Gremien in which `person` is a member today."""
        return self.filter(
            pk__in=Mitgliedschaft.objects.current(on=on).filter(person=person).values("gremium")
        )


class Gremium(TimestampedModel):
    class Art(models.TextChoices):
        AG = "ag", _("Arbeitsgruppe (AG)")
        RUNDER_TISCH = "runder_tisch", _("Runder Tisch")
        NETZWERKTREFFEN = "netzwerktreffen", _("Netzwerktreffen")
        ARBEITSKREIS = "arbeitskreis", _("Arbeitskreis")
        RESSORTUEBERGREIFEND = "ressortuebergreifend", _("ressortübergreifendes Arbeitstreffen")
        FACHAUSSCHUSS = "fachausschuss", _("Fachausschuss")
        BUERGERTREFFEN = "buergertreffen", _("Bürger:innentreffen")

    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=200, unique=True)
    art = models.CharField(_("Art"), max_length=30, choices=Art.choices)
    quartier = models.ForeignKey(
        "quartiere.Quartier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gremien",
        verbose_name=_("Quartier"),
        help_text=_("Leer lassen für ein stadtweites Gremium."),
    )
    handlungsfelder = models.ManyToManyField(
        "quartiere.Handlungsfeld",
        blank=True,
        related_name="gremien",
        verbose_name=_("Handlungsfelder"),
    )
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    organisator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisierte_gremien",
        verbose_name=_("Organisation (verantwortlich)"),
    )
    aktiv = models.BooleanField(_("aktiv"), default=True)

    objects = GremiumQuerySet.as_manager()

    class Meta:
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("netzwerk:gremium_detail", kwargs={"slug": self.slug})


class MitgliedschaftQuerySet(models.QuerySet):
    def current(self, *, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(von__isnull=True) | Q(von__lte=on)).filter(
            Q(bis__isnull=True) | Q(bis__gte=on)
        )


class Mitgliedschaft(TimestampedModel):
    class Rolle(models.TextChoices):
        SPRECHER = "sprecher", _("Sprecher:in")
        MITGLIED = "mitglied", _("Mitglied")
        GAST = "gast", _("Gast")

    gremium = models.ForeignKey(
        Gremium,
        on_delete=models.CASCADE,
        related_name="mitgliedschaften",
        verbose_name=_("Gremium"),
    )
    person = models.ForeignKey(
        "netzwerk.Person",
        on_delete=models.CASCADE,
        related_name="mitgliedschaften",
        verbose_name=_("Person"),
    )
    rolle = models.CharField(
        _("Rolle"), max_length=20, choices=Rolle.choices, default=Rolle.MITGLIED
    )
    von = models.DateField(_("von"), null=True, blank=True)
    bis = models.DateField(_("bis"), null=True, blank=True)

    objects = MitgliedschaftQuerySet.as_manager()

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["gremium", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(von__isnull=True) | Q(bis__isnull=True) | Q(bis__gte=F("von")),
                name="mitgliedschaft_von_vor_bis",
                violation_error_message=_("„bis“ darf nicht vor „von“ liegen."),
            ),
            models.UniqueConstraint(
                fields=["gremium", "person"],
                condition=Q(bis__isnull=True),
                name="mitgliedschaft_eine_offene",
                violation_error_message=_("Diese Person ist schon Mitglied in diesem Gremium."),
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.gremium} ({self.get_rolle_display()})"
