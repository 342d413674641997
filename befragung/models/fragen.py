"""Questions, their answer options and (for matrix questions) their rows."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.models import TimestampedModel

from .texte import TexteMixin, text_in, validate_texte


class Frage(TexteMixin, TimestampedModel):
    class Typ(models.TextChoices):
        EINFACH = "einfach", _("Einfachauswahl")
        MEHRFACH = "mehrfach", _("Mehrfachauswahl")
        SKALA = "skala", _("Skala")
        MATRIX = "matrix", _("Matrix")
        TEXT = "text", _("Freitext")
        ZAHL = "zahl", _("Zahl")
        QUARTIER = "quartier", _("Quartier")
        JANEIN = "janein", _("Ja/Nein")

    # Types whose answers are chosen from Antwortoption rows.
    WITH_OPTIONS = (Typ.EINFACH, Typ.MEHRFACH, Typ.MATRIX, Typ.JANEIN)
    TEXT_FIELDS = ("text", "hilfe", "skala_links", "skala_rechts")

    befragung = models.ForeignKey(
        "befragung.Befragung",
        on_delete=models.CASCADE,
        related_name="fragen",
        verbose_name=_("Befragung"),
    )
    position = models.PositiveSmallIntegerField(_("Nr."))
    seite = models.PositiveSmallIntegerField(
        _("Schritt"), default=1, help_text=_("Fragen mit gleicher Nummer stehen auf einer Seite.")
    )
    name = models.SlugField(
        _("Kennung"),
        max_length=60,
        help_text=_("Kurzer Name für Exporte, z. B. „zufriedenheit“ (Buchstaben, Ziffern, _)."),
    )
    typ = models.CharField(_("Art der Frage"), max_length=20, choices=Typ.choices)
    text = models.JSONField(_("Frage"), default=dict, validators=[validate_texte])
    hilfe = models.JSONField(_("Hinweis"), default=dict, blank=True)
    pflicht = models.BooleanField(_("Pflichtfrage"), default=False)
    skala_min = models.SmallIntegerField(_("Skala von"), null=True, blank=True)
    skala_max = models.SmallIntegerField(_("Skala bis"), null=True, blank=True)
    skala_links = models.JSONField(_("Beschriftung links"), default=dict, blank=True)
    skala_rechts = models.JSONField(_("Beschriftung rechts"), default=dict, blank=True)
    zahl_min = models.IntegerField(_("kleinste Zahl"), null=True, blank=True)
    zahl_max = models.IntegerField(_("größte Zahl"), null=True, blank=True)
    bedingung_option = models.ForeignKey(
        "befragung.Antwortoption",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bedingte_fragen",
        verbose_name=_("nur zeigen, wenn diese Antwort gewählt wurde"),
    )

    class Meta:
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")
        ordering = ["befragung", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["befragung", "position"], name="frage_position_eindeutig"
            ),
            models.UniqueConstraint(fields=["befragung", "name"], name="frage_name_eindeutig"),
            models.CheckConstraint(
                condition=Q(skala_min__isnull=True)
                | Q(skala_max__isnull=True)
                | Q(skala_max__gt=F("skala_min")),
                name="frage_skala_min_vor_max",
            ),
            models.CheckConstraint(
                condition=Q(zahl_min__isnull=True)
                | Q(zahl_max__isnull=True)
                | Q(zahl_max__gte=F("zahl_min")),
                name="frage_zahl_min_vor_max",
            ),
        ]

    def __str__(self):
        return f"{self.position}. {text_in(self.text, 'de')}"

    def clean(self):
        if self.typ == self.Typ.SKALA and (self.skala_min is None or self.skala_max is None):
            raise ValidationError(_("Eine Skala braucht einen kleinsten und einen größten Wert."))
        if (
            self.bedingung_option_id
            and self.bedingung_option.frage.befragung_id != self.befragung_id
        ):
            raise ValidationError(
                _("Die Bedingung muss sich auf eine Frage dieser Befragung beziehen.")
            )

    @property
    def has_options(self):
        return self.typ in self.WITH_OPTIONS

    def skala_werte(self):
        if self.skala_min is None or self.skala_max is None:
            return []
        return list(range(self.skala_min, self.skala_max + 1))


class Antwortoption(TexteMixin, TimestampedModel):
    TEXT_FIELDS = ("text",)

    frage = models.ForeignKey(
        Frage, on_delete=models.CASCADE, related_name="optionen", verbose_name=_("Frage")
    )
    position = models.PositiveSmallIntegerField(_("Nr."))
    name = models.SlugField(_("Kennung"), max_length=60)
    text = models.JSONField(_("Antwort"), default=dict, validators=[validate_texte])

    class Meta:
        verbose_name = _("Antwortmöglichkeit")
        verbose_name_plural = _("Antwortmöglichkeiten")
        ordering = ["frage", "position"]
        constraints = [
            models.UniqueConstraint(fields=["frage", "position"], name="option_position_eindeutig"),
            models.UniqueConstraint(fields=["frage", "name"], name="option_name_eindeutig"),
        ]

    def __str__(self):
        return text_in(self.text, "de")


class Matrixzeile(TexteMixin, TimestampedModel):
    """One item of a matrix question; every row is answered with one of the question's options."""

    TEXT_FIELDS = ("text",)

    frage = models.ForeignKey(
        Frage, on_delete=models.CASCADE, related_name="zeilen", verbose_name=_("Frage")
    )
    position = models.PositiveSmallIntegerField(_("Nr."))
    name = models.SlugField(_("Kennung"), max_length=60)
    text = models.JSONField(_("Aussage"), default=dict, validators=[validate_texte])

    class Meta:
        verbose_name = _("Matrixzeile")
        verbose_name_plural = _("Matrixzeilen")
        ordering = ["frage", "position"]
        constraints = [
            models.UniqueConstraint(fields=["frage", "position"], name="zeile_position_eindeutig"),
            models.UniqueConstraint(fields=["frage", "name"], name="zeile_name_eindeutig"),
        ]

    def __str__(self):
        return text_in(self.text, "de")
