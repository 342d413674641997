"""Minutes of a Termin, with decisions and the tasks (Aufgaben) agreed there."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.models import TimestampedModel


class Protokoll(TimestampedModel):
    termin = models.OneToOneField(
        "netzwerk.Termin",
        on_delete=models.CASCADE,
        related_name="protokoll",
        verbose_name=_("Termin"),
    )
    text = models.TextField(_("Verlauf"), blank=True)
    beschluesse = models.TextField(_("Beschlüsse"), blank=True)
    verfasst_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verfasst von"),
    )
    freigegeben_am = models.DateTimeField(_("freigegeben am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Protokoll")
        verbose_name_plural = _("Protokolle")

    def __str__(self):
        return _("Protokoll: %(termin)s") % {"termin": self.termin}

    @property
    def is_released(self):
        return self.freigegeben_am is not None

    def get_absolute_url(self):
        return reverse("netzwerk:protokoll_detail", kwargs={"pk": self.termin_id})


class ProtokollversandQuerySet(models.QuerySet):
    def unsent(self):
        """The outbox: rows of released Protokolle not yet mailed to a reachable person."""
        return self.filter(
            sent_at__isnull=True,
            protokoll__freigegeben_am__isnull=False,
            person__geloescht_am__isnull=True,
        ).exclude(person__email="")


class Protokollversand(models.Model):
    """The outbox of a released Protokoll: one row per recipient, mailed at most once."""

    protokoll = models.ForeignKey(
        Protokoll, on_delete=models.CASCADE, related_name="versand", verbose_name=_("Protokoll")
    )
    person = models.ForeignKey(
        "netzwerk.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("Person")
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    sent_at = models.DateTimeField(_("versandt am"), null=True, blank=True)

    objects = ProtokollversandQuerySet.as_manager()

    class Meta:
        verbose_name = _("Protokollversand")
        verbose_name_plural = _("Protokollversand")
        constraints = [
            models.UniqueConstraint(fields=["protokoll", "person"], name="protokollversand_einmal"),
        ]

    def __str__(self):
        return f"{self.protokoll} → {self.person}"


class AufgabeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(erledigt=False)

    def overdue(self, *, today=None):
        return self.open().filter(faellig_am__lt=today or timezone.localdate())

    def released(self):
        """Aufgaben count once their Protokoll is released; drafts may still change."""
        return self.filter(protokoll__freigegeben_am__isnull=False)

    def with_related(self):
        return self.select_related(
            "verantwortlich",
            "protokoll__termin__gremium",
            "protokoll__termin__quartier",
        )


class Aufgabe(TimestampedModel):
    protokoll = models.ForeignKey(
        Protokoll, on_delete=models.CASCADE, related_name="aufgaben", verbose_name=_("Protokoll")
    )
    beschreibung = models.CharField(_("Aufgabe"), max_length=300)
    verantwortlich = models.ForeignKey(
        "netzwerk.Person",
        on_delete=models.PROTECT,
        related_name="aufgaben",
        verbose_name=_("verantwortlich"),
    )
    faellig_am = models.DateField(_("fällig am"), null=True, blank=True)
    erledigt = models.BooleanField(_("erledigt"), default=False)
    erledigt_am = models.DateField(_("erledigt am"), null=True, blank=True)
    erinnert_am = models.DateField(_("zuletzt erinnert am"), null=True, blank=True)

    objects = AufgabeQuerySet.as_manager()

    class Meta:
        verbose_name = _("Aufgabe")
        verbose_name_plural = _("Aufgaben")
        ordering = [models.F("faellig_am").asc(nulls_last=True), "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(erledigt=True) | Q(erledigt_am__isnull=True),
                name="aufgabe_erledigt_am_nur_wenn_erledigt",
            ),
        ]

    def __str__(self):
        return self.beschreibung
