"""Geography of the city (Stadtteile, Quartiere) and who coordinates which Quartier when."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.models import TimestampedModel
from gwa_portal.core.queries import count_per_row

from ..geo import validate_grenze
from .aktivitaeten import Aktivitaet
from .planung import Bedarf

# Paths under /quartiere/ that are not Quartier pages; a Quartier may not take these slugs.
RESERVED_SLUGS = frozenset(
    {
        "neu",
        "stadtteile",
        "handlungsfelder",
        "zielgruppen",
        "kennzahlen",
        "aktivitaeten",
        "bedarfe",
        "massnahmen",
    }
)


def validate_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _(
                "„%(slug)s“ ist für eine Seite des Portals reserviert. Bitte wählen Sie einen anderen Kurznamen."
            )
            % {"slug": value}
        )


class Stadtteil(TimestampedModel):
    class Art(models.TextChoices):
        KERNSTADT = "kernstadt", _("Kernstadt-Bezirk")
        ORTSTEIL = "ortsteil", _("Ortsteil (Ortschaft)")

    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=100, unique=True)
    art = models.CharField(_("Art"), max_length=20, choices=Art.choices)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    einwohner = models.PositiveIntegerField(_("Einwohner:innen"), null=True, blank=True)
    einwohner_stand = models.CharField(_("Stand der Einwohnerzahl"), max_length=20, blank=True)
    einwohner_geschaetzt = models.BooleanField(_("Einwohnerzahl geschätzt"), default=False)

    class Meta:
        verbose_name = _("Stadtteil")
        verbose_name_plural = _("Stadtteile")
        ordering = ["art", "name"]

    def __str__(self):
        return self.name


class QuartierQuerySet(models.QuerySet):
    def with_stadtteil(self):
        return self.select_related("stadtteil")

    def with_current_koordinationen(self, *, on=None):
        """Prefetch today's Koordinationen (with users) as `current_koordinationen`."""
        return self.prefetch_related(
            Prefetch(
                "koordinationen",
                queryset=Koordination.objects.current(on=on).select_related("user"),
                to_attr="current_koordinationen",
            )
        )

    def with_open_bedarfe(self):
        """Annotate `has_open_bedarfe` (a Bedarf that is open or in progress)."""
        return self.annotate(
            has_open_bedarfe=Exists(Bedarf.objects.open().filter(quartier=OuterRef("pk")))
        )

    def with_recent_activity_count(self, *, since):
        """Annotate `aktivitaeten_neu`: the Aktivitäten since `since`, one subquery per page."""
        return self.annotate(
            aktivitaeten_neu=count_per_row(Aktivitaet.objects.filter(datum__gte=since), "quartier")
        )

    def coordinated_by(self, user, *, on=None):
        on = on or timezone.localdate()
        # One filter() call, so that all conditions apply to the same Koordination row.
        return self.filter(
            Q(koordinationen__bis__isnull=True) | Q(koordinationen__bis__gte=on),
            koordinationen__user=user,
            koordinationen__von__lte=on,
        ).distinct()


class Quartier(TimestampedModel):
    class Typologie(models.TextChoices):
        URBAN = "urban", _("urban")
        SUBURBAN = "suburban", _("suburban")
        DOERFLICH = "doerflich", _("dörflich")

    name = models.CharField(_("Name"), max_length=120, unique=True)
    slug = models.SlugField(
        _("Kurzname"),
        max_length=120,
        unique=True,
        validators=[validate_not_reserved],
        help_text=_(
            "Teil der Adresse, z. B. „alte-mitte“: Kleinbuchstaben, Ziffern, Bindestriche."
        ),
    )
    stadtteil = models.ForeignKey(
        Stadtteil, on_delete=models.PROTECT, related_name="quartiere", verbose_name=_("Stadtteil")
    )
    typologie = models.CharField(_("Typologie"), max_length=20, choices=Typologie.choices)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    kontakt_oeffentlich = models.TextField(
        _("öffentlicher Kontakt"),
        blank=True,
        help_text=_("Erscheint auf der öffentlichen Seite des Quartiers."),
    )
    koordination_oeffentlich = models.BooleanField(
        _("Namen der Koordination öffentlich zeigen"), default=False
    )
    grenze = models.JSONField(
        _("Grenze (GeoJSON)"),
        null=True,
        blank=True,
        validators=[validate_grenze],
        help_text=_("GeoJSON-Polygon oder -MultiPolygon in WGS84 (Länge, Breite)."),
    )
    grenze_vereinfacht = models.BooleanField(
        _("Grenze ist vereinfacht"),
        default=True,
        help_text=_("Grobe Umrisse, keine amtliche Abgrenzung."),
    )
    schwerpunkte = models.TextField(_("Schwerpunkte"), blank=True)

    objects = QuartierQuerySet.as_manager()

    class Meta:
        verbose_name = _("Quartier")
        verbose_name_plural = _("Quartiere")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The boundary feeds the public map; never store one that the map cannot draw.
        validate_grenze(self.grenze)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("quartiere:detail", kwargs={"slug": self.slug})


class KoordinationQuerySet(models.QuerySet):
    def current(self, *, on=None):
        on = on or timezone.localdate()
        return self.filter(von__lte=on).filter(Q(bis__isnull=True) | Q(bis__gte=on))


class Koordination(TimestampedModel):
    """A user coordinates a Quartier from `von` to `bis`; a handover is a new row."""

    quartier = models.ForeignKey(
        Quartier,
        on_delete=models.CASCADE,
        related_name="koordinationen",
        verbose_name=_("Quartier"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="koordinationen",
        verbose_name=_("Koordinator:in"),
    )
    von = models.DateField(_("von"))
    bis = models.DateField(_("bis"), null=True, blank=True)

    objects = KoordinationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Koordination")
        verbose_name_plural = _("Koordinationen")
        ordering = ["-von"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bis__isnull=True) | Q(bis__gte=models.F("von")),
                name="koordination_von_vor_bis",
                violation_error_message=_("„bis“ darf nicht vor „von“ liegen."),
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.quartier} ({self.von:%d.%m.%Y}–{self.bis or ''})"
