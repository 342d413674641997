"""Kennzahlen: one figure per Quartier, Merkmal and year, shown as a time series."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.models import TimestampedModel

FIRST_YEAR = 1990
LAST_YEAR = 2100


class Merkmal(models.TextChoices):
    """The figures the Fachstelle tracks; the key is also the CSV column value."""

    EINWOHNER = "einwohner", _("Einwohner:innen")
    ALTER_0_17 = "alter_0_17", _("Alter 0–17")
    ALTER_18_64 = "alter_18_64", _("Alter 18–64")
    ALTER_65_PLUS = "alter_65_plus", _("Alter 65+")
    ALTER_80_PLUS = "alter_80_plus", _("Alter 80+")
    EINPERSONEN_65_PLUS = "einpersonen_65_plus", _("Einpersonenhaushalte 65+")
    ANTEIL_NICHTDEUTSCH = "anteil_nichtdeutsch", _("Anteil nichtdeutsche Staatsangehörigkeit (%)")
    TRANSFERQUOTE = "transferquote", _("Transferleistungsquote (%)")

    @classmethod
    def percentages(cls):
        return [cls.ANTEIL_NICHTDEUTSCH, cls.TRANSFERQUOTE]


class KennzahlQuerySet(models.QuerySet):
    def series(self, quartier):
        """All figures of one Quartier, ordered for a time-series chart (Merkmal, then year)."""
        return self.filter(quartier=quartier).order_by("merkmal", "jahr")


class Kennzahl(TimestampedModel):
    quartier = models.ForeignKey(
        "quartiere.Quartier",
        on_delete=models.CASCADE,
        related_name="kennzahlen",
        verbose_name=_("Quartier"),
    )
    jahr = models.PositiveSmallIntegerField(
        _("Jahr"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    merkmal = models.CharField(_("Merkmal"), max_length=40, choices=Merkmal.choices)
    wert = models.DecimalField(
        _("Wert"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    quelle = models.CharField(
        _("Quelle"),
        max_length=200,
        blank=True,
        help_text=_("Zum Beispiel „Einwohnermelderegister, Stand 31.12.“ oder „Demo-Zahlen“."),
    )

    objects = KennzahlQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kennzahl")
        verbose_name_plural = _("Kennzahlen")
        ordering = ["quartier", "merkmal", "jahr"]
        constraints = [
            models.UniqueConstraint(
                fields=["quartier", "merkmal", "jahr"],
                name="kennzahl_einmal_pro_quartier_merkmal_jahr",
                violation_error_message=_(
                    "Für dieses Quartier, dieses Merkmal und dieses Jahr gibt es schon einen Wert."
                ),
            ),
            models.CheckConstraint(
                condition=Q(jahr__gte=FIRST_YEAR, jahr__lte=LAST_YEAR),
                name="kennzahl_jahr_plausibel",
                violation_error_message=_("Das Jahr muss zwischen 1990 und 2100 liegen."),
            ),
            models.CheckConstraint(
                condition=Q(wert__gte=0),
                name="kennzahl_wert_nicht_negativ",
                violation_error_message=_("Der Wert darf nicht negativ sein."),
            ),
            models.CheckConstraint(
                condition=~Q(merkmal__in=Merkmal.percentages()) | Q(wert__lte=100),
                name="kennzahl_prozent_hoechstens_100",
                violation_error_message=_("Ein Anteil in Prozent darf höchstens 100 sein."),
            ),
        ]

    def __str__(self):
        return f"{self.quartier} {self.jahr}: {self.get_merkmal_display()} = {self.wert}"

    @property
    def is_percentage(self):
        return self.merkmal in Merkmal.percentages()
