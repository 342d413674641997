"""The directory: organisations (Akteure) and their contact persons, with consent (DSGVO)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.models import TimestampedModel


def new_calendar_token():
    return secrets.token_urlsafe(32)


class Akteur(TimestampedModel):
    class Art(models.TextChoices):
        VEREIN = "verein", _("Verein")
        TRAEGER = "traeger", _("Träger")
        KIRCHE = "kirche", _("Kirche/Religionsgemeinschaft")
        SCHULE_KITA = "schule_kita", _("Schule/Kita")
        VERWALTUNG = "verwaltung", _("Verwaltung/Fachbereich")
        POLITIK = "politik", _("Politik")
        INITIATIVE = "initiative", _("Initiative")
        UNTERNEHMEN = "unternehmen", _("Unternehmen")

    name = models.CharField(_("Name"), max_length=200, unique=True)
    art = models.CharField(_("Art"), max_length=20, choices=Art.choices)
    quartiere = models.ManyToManyField(
        "quartiere.Quartier",
        blank=True,
        related_name="akteure",
        verbose_name=_("Quartiere"),
        help_text=_("Die Quartiere, in denen die Organisation tätig ist."),
    )
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    adresse = models.TextField(_("Adresse"), blank=True)
    web = models.URLField(_("Website"), blank=True)
    telefon = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    aktiv = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("Akteur:in")
        verbose_name_plural = _("Akteur:innen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("netzwerk:akteur_detail", kwargs={"pk": self.pk})

    def delete(self, *args, **kwargs):
        # Aktivitäten name their partners through a many-to-many link that the database would
        # drop silently; the coordinators' log must keep its partners, so deleting waits.
        aktivitaeten = list(self.aktivitaeten.all()[:100])
        if aktivitaeten:
            raise models.RestrictedError("Akteur:in is a partner of Aktivitäten", set(aktivitaeten))
        return super().delete(*args, **kwargs)


class PersonQuerySet(models.QuerySet):
    def active(self):
        """Persons that have not been erased."""
        return self.filter(geloescht_am__isnull=True)

    def with_akteur(self):
        return self.select_related("akteur")


class Person(TimestampedModel):
    """A contact person. Erasure (DSGVO) anonymises the row and keeps aggregates intact."""

    name = models.CharField(_("Name"), max_length=150)
    email = models.EmailField(_("E-Mail"), blank=True)
    telefon = models.CharField(_("Telefon"), max_length=50, blank=True)
    funktion = models.CharField(_("Funktion"), max_length=150, blank=True)
    akteur = models.ForeignKey(
        Akteur,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="personen",
        verbose_name=_("Akteur:in"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("Zugang im Portal"),
    )
    einwilligung_am = models.DateField(_("Einwilligung am"), null=True, blank=True)
    einwilligung_zweck = models.CharField(
        _("Zweck der Speicherung"),
        max_length=300,
        blank=True,
        help_text=_("Wofür die Kontaktdaten genutzt werden, z. B. „Einladungen zum Runden Tisch“."),
    )
    kalender_token = models.CharField(
        _("Kalender-Schlüssel"), max_length=64, unique=True, default=new_calendar_token
    )
    geloescht_am = models.DateTimeField(_("gelöscht am"), null=True, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["name", "pk"]
        # The Personen list (active ones by name, a page at a time) reads 25 rows from this
        # index instead of sorting every Person (143 ms at bench scale 5 -> 0.5 ms).
        indexes = [
            models.Index(
                fields=["name", "id"],
                condition=Q(geloescht_am__isnull=True),
                name="person_name_aktiv",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="person_email_eindeutig",
                violation_error_message=_("Es gibt schon eine Person mit dieser E-Mail-Adresse."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_erased(self):
        return self.geloescht_am is not None

    def get_absolute_url(self):
        return reverse("netzwerk:person_detail", kwargs={"pk": self.pk})
