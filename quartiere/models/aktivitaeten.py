"""Aktivitäten: the coordinators' log of what they did in their Quartiere."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.models import TimestampedModel

MAX_STUNDEN = 24


class AktivitaetQuerySet(models.QuerySet):
    def with_related(self):
        """Everything a list row shows, in a constant number of queries."""
        return self.select_related("quartier", "autor").prefetch_related(
            "handlungsfelder", "zielgruppen"
        )

    def in_period(self, von=None, bis=None):
        qs = self
        if von:
            qs = qs.filter(datum__gte=von)
        if bis:
            qs = qs.filter(datum__lte=bis)
        return qs

    def totals(self):
        """Count, hours and participants in one aggregate query."""
        return self.aggregate(
            anzahl=Count("id"),
            stunden=Sum("stunden"),
            teilnehmende=Sum("teilnehmende"),
        )

    def totals_by_period(self, *, today):
        """Count, hours and participants this month and this year, in one aggregate query."""
        month = Q(datum__gte=today.replace(day=1), datum__lte=today)
        year = Q(datum__gte=today.replace(month=1, day=1), datum__lte=today)
        row = self.aggregate(
            monat_anzahl=Count("id", filter=month),
            monat_stunden=Sum("stunden", filter=month),
            monat_teilnehmende=Sum("teilnehmende", filter=month),
            jahr_anzahl=Count("id", filter=year),
            jahr_stunden=Sum("stunden", filter=year),
            jahr_teilnehmende=Sum("teilnehmende", filter=year),
        )
        return {
            period: {
                "anzahl": row[f"{period}_anzahl"],
                "stunden": row[f"{period}_stunden"] or 0,
                "teilnehmende": row[f"{period}_teilnehmende"] or 0,
            }
            for period in ("monat", "jahr")
        }

    def monthly_counts(self):
        """Rows of {monat, anzahl, stunden, teilnehmende} per calendar month, oldest first."""
        return (
            self.order_by()
            .annotate(monat=TruncMonth("datum"))
            .values("monat")
            .annotate(
                anzahl=Count("id"),
                stunden=Sum("stunden"),
                teilnehmende=Sum("teilnehmende"),
            )
            .order_by("monat")
        )


class Aktivitaet(TimestampedModel):
    class Art(models.TextChoices):
        TREFFEN = "treffen", _("Treffen")
        BERATUNG = "beratung", _("Beratung")
        AKTION = "aktion", _("Aktion/Veranstaltung")
        NETZWERKARBEIT = "netzwerkarbeit", _("Netzwerkarbeit")
        OEFFENTLICHKEITSARBEIT = "oeffentlichkeitsarbeit", _("Öffentlichkeitsarbeit")
        SONSTIGES = "sonstiges", _("Sonstiges")

    datum = models.DateField(_("Datum"))
    quartier = models.ForeignKey(
        "quartiere.Quartier",
        on_delete=models.PROTECT,
        related_name="aktivitaeten",
        verbose_name=_("Quartier"),
    )
    autor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="aktivitaeten",
        verbose_name=_("erfasst von"),
    )
    art = models.CharField(_("Art"), max_length=30, choices=Art.choices)
    kurzbeschreibung = models.CharField(
        _("Kurzbeschreibung"),
        max_length=200,
        help_text=_("Was ist passiert? Ein Satz genügt."),
    )
    handlungsfelder = models.ManyToManyField(
        "quartiere.Handlungsfeld",
        blank=True,
        related_name="aktivitaeten",
        verbose_name=_("Handlungsfelder"),
    )
    zielgruppen = models.ManyToManyField(
        "quartiere.Zielgruppe",
        blank=True,
        related_name="aktivitaeten",
        verbose_name=_("Zielgruppen"),
    )
    teilnehmende = models.PositiveIntegerField(
        _("Teilnehmende"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100_000)],
        help_text=_("Ungefähre Zahl genügt."),
    )
    stunden = models.DecimalField(
        _("Stunden"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_STUNDEN)],
        help_text=_("Ihre Arbeitszeit für diese Aktivität, z. B. 1,5."),
    )
    ergebnis = models.TextField(_("Ergebnis / nächste Schritte"), blank=True)
    # A lazy reference: quartiere imports nothing from netzwerk.
    partner = models.ManyToManyField(
        "netzwerk.Akteur",
        blank=True,
        related_name="aktivitaeten",
        verbose_name=_("Partner:innen"),
        help_text=_("Organisationen, mit denen Sie das gemacht haben."),
    )

    objects = AktivitaetQuerySet.as_manager()

    class Meta:
        verbose_name = _("Aktivität")
        verbose_name_plural = _("Aktivitäten")
        ordering = ["-datum", "-id"]
        indexes = [
            models.Index(fields=["quartier", "-datum"], name="aktivitaet_quartier_datum"),
            models.Index(fields=["autor", "-datum"], name="aktivitaet_autor_datum"),
            models.Index(fields=["-datum", "-id"], name="aktivitaet_datum"),
            # Covering the Sachstandsbericht's sums over a period (cockpit.bericht.aktivitaeten):
            # PostgreSQL reads the period's Aktivitäten from this index alone.
            models.Index(
                fields=["datum"],
                include=["id", "art", "teilnehmende", "stunden"],
                name="aktivitaet_datum_summen",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(stunden__isnull=True) | Q(stunden__gte=0, stunden__lte=MAX_STUNDEN),
                name="aktivitaet_stunden_0_bis_24",
                violation_error_message=_("Die Stunden müssen zwischen 0 und 24 liegen."),
            ),
        ]

    def __str__(self):
        return f"{self.datum:%d.%m.%Y} {self.quartier}: {self.kurzbeschreibung}"

    def get_absolute_url(self):
        return reverse("quartiere:aktivitaet_detail", kwargs={"pk": self.pk})


class AktivitaetSumme(models.Model):
    """Count, hours and participants of all Aktivitäten of a Quartier, kept by a PostgreSQL
    trigger on every INSERT, UPDATE, DELETE and TRUNCATE of the Aktivitäten (migration 0005),
    so bulk writes are counted too. The unfiltered list's totals read these rows (one per
    Quartier) instead of summing every Aktivität of the city (60 ms at bench scale 5)."""

    quartier = models.OneToOneField(
        "quartiere.Quartier", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    anzahl = models.BigIntegerField(default=0)
    stunden = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    teilnehmende = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("Summe der Aktivitäten")
        verbose_name_plural = _("Summen der Aktivitäten")

    def __str__(self):
        return f"{self.quartier_id}: {self.anzahl}"

    @staticmethod
    def kept():
        """Whether the database keeps these rows (the trigger exists on PostgreSQL only)."""
        return connection.vendor == "postgresql"

    @classmethod
    def totals(cls):
        """The same dict as `Aktivitaet.objects.totals()` over all Aktivitäten."""
        row = cls.objects.aggregate(
            anzahl=Sum("anzahl"), stunden=Sum("stunden"), teilnehmende=Sum("teilnehmende")
        )
        teilnehmende = row["teilnehmende"]
        return {
            "anzahl": int(row["anzahl"] or 0),
            "stunden": row["stunden"],
            "teilnehmende": None if teilnehmende is None else int(teilnehmende),
        }
