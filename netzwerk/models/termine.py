"""Termine (any gathering), their places and agenda, invitations (the outbox) and attendance."""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gwa_portal.core.models import TimestampedModel

# Reminder offsets in minutes before the start: 2 days and 2 hours.
DEFAULT_REMINDER_OFFSETS = [2 * 24 * 60, 2 * 60]


def default_reminder_offsets():
    return list(DEFAULT_REMINDER_OFFSETS)


def new_uid():
    return f"{uuid.uuid4()}@gwa-portal"


def new_rsvp_token():
    """The secret of an RSVP link: random, no primary key in it (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


class Ort(TimestampedModel):
    name = models.CharField(_("Name"), max_length=200, unique=True)
    strasse = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    plz = models.CharField(_("PLZ"), max_length=10, blank=True)
    stadt = models.CharField(_("Ort"), max_length=100, default="Langenhagen")
    quartier = models.ForeignKey(
        "quartiere.Quartier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orte",
        verbose_name=_("Quartier"),
    )
    barrierefrei = models.BooleanField(_("barrierefrei zugänglich"), default=False)
    hinweise = models.TextField(_("Hinweise zur Anfahrt und Barrierefreiheit"), blank=True)

    class Meta:
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def adresse(self):
        """One line for the calendar's LOCATION and the mails."""
        city = " ".join(part for part in [self.plz, self.stadt] if part)
        return ", ".join(part for part in [self.name, self.strasse, city] if part)


class TerminQuerySet(models.QuerySet):
    def upcoming(self, *, now=None):
        return self.filter(ende__gte=now or timezone.now()).order_by("beginn", "pk")

    def past(self, *, now=None):
        return self.filter(ende__lt=now or timezone.now()).order_by("-beginn", "-pk")

    def public(self):
        return self.filter(oeffentlich=True).exclude(status=Termin.Status.ABGESAGT)

    def with_related(self):
        return self.select_related("ort", "gremium", "gremium__quartier", "quartier")

    def with_rsvp_counts(self):
        """Annotate the number of invitations per answer.

        Correlated subqueries, not a JOIN with GROUP BY: on a paginated list PostgreSQL then
        counts only the rows of the page (after ORDER BY … LIMIT), not every Termin's
        invitations; the unique (termin, person) index serves each count."""
        answers = Einladung.Antwort

        def count(**filters):
            rows = (
                Einladung.objects.filter(termin=OuterRef("pk"), **filters)
                .order_by()
                .values("termin")
                .annotate(n=Count("pk"))
                .values("n")
            )
            return Coalesce(Subquery(rows, output_field=models.IntegerField()), 0)

        return self.annotate(
            einladungen_count=count(),
            zusagen_count=count(antwort=answers.ZUGESAGT),
            absagen_count=count(antwort=answers.ABGESAGT),
            vielleicht_count=count(antwort=answers.VIELLEICHT),
        )

    def for_quartier(self, quartier):
        """Termine of the Quartier itself or of one of its Gremien."""
        return self.filter(Q(quartier=quartier) | Q(gremium__quartier=quartier))


class Termin(TimestampedModel):
    class Status(models.TextChoices):
        GEPLANT = "geplant", _("geplant")
        ABGESAGT = "abgesagt", _("abgesagt")
        STATTGEFUNDEN = "stattgefunden", _("stattgefunden")

    titel = models.CharField(_("Titel"), max_length=200)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    beginn = models.DateTimeField(_("Beginn"))
    ende = models.DateTimeField(_("Ende"))
    ort = models.ForeignKey(
        Ort,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="termine",
        verbose_name=_("Ort"),
    )
    online_link = models.URLField(_("Online-Link"), blank=True)
    oeffentlich = models.BooleanField(
        _("öffentlich"),
        default=False,
        help_text=_("Öffentliche Termine erscheinen auf der öffentlichen Seite des Quartiers."),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.GEPLANT
    )
    kapazitaet = models.PositiveIntegerField(
        _("Plätze"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10_000)],
        help_text=_("Leer lassen, wenn die Zahl der Plätze nicht begrenzt ist."),
    )
    erinnerungen = models.JSONField(
        _("Erinnerungen (Minuten vorher)"),
        default=default_reminder_offsets,
        blank=True,
        help_text=_("Standard: 2 Tage und 2 Stunden vor Beginn."),
    )
    quartier = models.ForeignKey(
        "quartiere.Quartier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="termine",
        verbose_name=_("Quartier"),
    )
    gremium = models.ForeignKey(
        "netzwerk.Gremium",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="termine",
        verbose_name=_("Gremium"),
    )
    fortbildung = models.ForeignKey(
        "netzwerk.Fortbildung",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="termine",
        verbose_name=_("Fortbildung"),
    )
    supervision = models.ForeignKey(
        "netzwerk.Supervision",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="termine",
        verbose_name=_("Supervisionsgruppe"),
    )
    organisator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisierte_termine",
        verbose_name=_("angelegt von"),
    )
    uid = models.CharField(_("Kalender-UID"), max_length=100, unique=True, default=new_uid)
    sequence = models.PositiveIntegerField(
        _("Änderungsstand"),
        default=0,
        help_text=_(
            "Steigt bei jeder Änderung, die Eingeladene sehen müssen (iCalendar SEQUENCE)."
        ),
    )

    objects = TerminQuerySet.as_manager()

    class Meta:
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        ordering = ["beginn", "pk"]
        indexes = [
            models.Index(fields=["beginn"], name="termin_beginn"),
            models.Index(fields=["ende"], name="termin_ende"),
            # upcoming(): `ende >= now ORDER BY beginn` walks termin_beginn from the oldest
            # Termin and drops every past one after a heap fetch (33,490 rows, 187 ms at bench
            # scale 5); with `ende` in the index the condition is checked in the index (1 ms).
            models.Index(fields=["beginn", "ende"], name="termin_beginn_ende"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ende__gt=F("beginn")),
                name="termin_ende_nach_beginn",
                violation_error_message=_("Das Ende muss nach dem Beginn liegen."),
            ),
            models.CheckConstraint(
                # At least two of the three are empty.
                condition=Q(gremium__isnull=True, fortbildung__isnull=True)
                | Q(gremium__isnull=True, supervision__isnull=True)
                | Q(fortbildung__isnull=True, supervision__isnull=True),
                name="termin_hoechstens_ein_rahmen",
                violation_error_message=_(
                    "Ein Termin gehört zu höchstens einem Gremium, einer Fortbildung oder einer Supervisionsgruppe."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.titel} ({timezone.localtime(self.beginn):%d.%m.%Y %H:%M})"

    def get_absolute_url(self):
        return reverse("netzwerk:termin_detail", kwargs={"pk": self.pk})

    @property
    def is_cancelled(self):
        return self.status == self.Status.ABGESAGT

    @property
    def effective_quartier(self):
        return self.quartier or (self.gremium.quartier if self.gremium_id else None)


class Tagesordnungspunkt(TimestampedModel):
    termin = models.ForeignKey(
        Termin,
        on_delete=models.CASCADE,
        related_name="tagesordnung",
        verbose_name=_("Termin"),
    )
    position = models.PositiveSmallIntegerField(_("Nr."))
    titel = models.CharField(_("Titel"), max_length=200)
    beschreibung = models.TextField(_("Erläuterung"), blank=True)

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        ordering = ["termin", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["termin", "position"], name="tagesordnungspunkt_position_eindeutig"
            ),
        ]

    def __str__(self):
        return f"TOP {self.position}: {self.titel}"


class EinladungQuerySet(models.QuerySet):
    def unsent(self):
        """The outbox: rows whose last mailed sequence is behind the Termin's."""
        return self.filter(sent_sequence__lt=F("termin__sequence"))

    def with_person(self):
        return self.select_related("person", "person__akteur")


class Einladung(TimestampedModel):
    """A Person invited to a Termin. The row is the outbox: `sent_sequence` < Termin.sequence
    means the current state of the Termin has not been mailed to this person yet."""

    class Antwort(models.TextChoices):
        OFFEN = "offen", _("noch offen")
        ZUGESAGT = "zugesagt", _("zugesagt")
        ABGESAGT = "abgesagt", _("abgesagt")
        VIELLEICHT = "vielleicht", _("vielleicht")

    termin = models.ForeignKey(
        Termin, on_delete=models.CASCADE, related_name="einladungen", verbose_name=_("Termin")
    )
    person = models.ForeignKey(
        "netzwerk.Person",
        on_delete=models.CASCADE,
        related_name="einladungen",
        verbose_name=_("Person"),
    )
    antwort = models.CharField(
        _("Antwort"), max_length=20, choices=Antwort.choices, default=Antwort.OFFEN
    )
    kommentar = models.TextField(_("Kommentar"), blank=True, max_length=1000)
    beantwortet_am = models.DateTimeField(_("beantwortet am"), null=True, blank=True)
    # -1: nothing mailed yet; Termin.sequence starts at 0.
    sent_sequence = models.IntegerField(_("zuletzt versandter Änderungsstand"), default=-1)
    sent_at = models.DateTimeField(_("zuletzt versandt am"), null=True, blank=True)
    send_error = models.CharField(_("letzter Versandfehler"), max_length=300, blank=True)
    # Set and committed before the SMTP call, cleared after it: a row left with it was maybe
    # mailed (the worker died mid-send) and is never re-sent without a person's decision.
    sending_started_at = models.DateTimeField(_("Versand begonnen am"), null=True, blank=True)
    rsvp_token = models.CharField(
        _("Schlüssel des Antwort-Links"), max_length=64, unique=True, default=new_rsvp_token
    )

    objects = EinladungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["termin", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["termin", "person"],
                name="einladung_einmal_pro_person",
                violation_error_message=_("Diese Person ist zu diesem Termin schon eingeladen."),
            ),
        ]
        indexes = [models.Index(fields=["sent_sequence"], name="einladung_sent_sequence")]

    def __str__(self):
        return f"{self.person} → {self.termin}"


class Erinnerung(models.Model):
    """One reminder of one Einladung at one offset: created before sending (the outbox),
    unique per offset so that no reminder goes out twice."""

    einladung = models.ForeignKey(
        Einladung,
        on_delete=models.CASCADE,
        related_name="erinnerungen",
        verbose_name=_("Einladung"),
    )
    offset_minuten = models.PositiveIntegerField(_("Minuten vor Beginn"))
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    sent_at = models.DateTimeField(_("versandt am"), null=True, blank=True)
    # As Einladung.sending_started_at: committed before the SMTP call.
    sending_started_at = models.DateTimeField(_("Versand begonnen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Erinnerung")
        verbose_name_plural = _("Erinnerungen")
        constraints = [
            models.UniqueConstraint(
                fields=["einladung", "offset_minuten"], name="erinnerung_einmal_pro_offset"
            ),
        ]

    def __str__(self):
        return f"{self.einladung} ({self.offset_minuten} min)"


class Teilnahme(TimestampedModel):
    """Attendance, recorded after the meeting. It survives a person's erasure (aggregates)."""

    termin = models.ForeignKey(
        Termin, on_delete=models.CASCADE, related_name="teilnahmen", verbose_name=_("Termin")
    )
    person = models.ForeignKey(
        "netzwerk.Person",
        on_delete=models.CASCADE,
        related_name="teilnahmen",
        verbose_name=_("Person"),
    )

    class Meta:
        verbose_name = _("Teilnahme")
        verbose_name_plural = _("Teilnahmen")
        constraints = [
            models.UniqueConstraint(fields=["termin", "person"], name="teilnahme_einmal"),
        ]

    def __str__(self):
        return f"{self.person} bei {self.termin}"
