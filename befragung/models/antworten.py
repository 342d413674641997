"""Anonymous answers. Unlinkable by construction: no user, no IP address, no code, no time of
day – only the date – and random primary keys, so that no ordering ties a used access code
to its answers. The audit trail does not record these tables."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class WartendeRueckmeldung(models.Model):
    """A submitted questionnaire waiting to be written to Rueckmeldung/Antwort in a shuffled
    batch (`befragung/freigabe.py`). No time, no date, no order: a random key and the answers
    as JSON. Rows are deleted when their batch is written; never audited, never shown one by
    one."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    befragung = models.ForeignKey(
        "befragung.Befragung",
        on_delete=models.CASCADE,
        related_name="wartende_rueckmeldungen",
        verbose_name=_("Befragung"),
    )
    daten = models.JSONField(_("Antworten"))

    class Meta:
        verbose_name = _("wartende Rückmeldung")
        verbose_name_plural = _("wartende Rückmeldungen")

    def __str__(self):
        return str(_("wartende Rückmeldung"))


class Rueckmeldung(models.Model):
    class Kanal(models.TextChoices):
        ONLINE = "online", _("online")
        PAPIER = "papier", _("Papier")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    befragung = models.ForeignKey(
        "befragung.Befragung",
        on_delete=models.CASCADE,
        related_name="rueckmeldungen",
        verbose_name=_("Befragung"),
    )
    sprache = models.CharField(_("Sprache"), max_length=5)
    kanal = models.CharField(_("Kanal"), max_length=10, choices=Kanal.choices)
    eingereicht_am = models.DateField(_("eingereicht am"))
    quartier = models.ForeignKey(
        "quartiere.Quartier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Quartier"),
    )

    class Meta:
        verbose_name = _("Rückmeldung")
        verbose_name_plural = _("Rückmeldungen")
        # Deliberately no ordering by anything that reflects the order of submission.
        indexes = [models.Index(fields=["befragung", "quartier"], name="rueckmeldung_quartier")]

    def __str__(self):
        return f"{self.befragung} ({self.eingereicht_am:%d.%m.%Y}, {self.get_kanal_display()})"


class Antwort(models.Model):
    """One answer value: an option (single/multiple choice, yes/no, matrix row), a number
    (scale, number), a text, or a Quartier. A multiple choice has one row per chosen option."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    rueckmeldung = models.ForeignKey(
        Rueckmeldung,
        on_delete=models.CASCADE,
        related_name="antworten",
        verbose_name=_("Rückmeldung"),
    )
    frage = models.ForeignKey(
        "befragung.Frage",
        on_delete=models.CASCADE,
        related_name="antworten",
        verbose_name=_("Frage"),
        # The indexes below all begin with the question; a fourth, on it alone, would only
        # cost every batch of answers its upkeep.
        db_index=False,
    )
    zeile = models.ForeignKey(
        "befragung.Matrixzeile",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="antworten",
        verbose_name=_("Matrixzeile"),
    )
    option = models.ForeignKey(
        "befragung.Antwortoption",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="antworten",
        verbose_name=_("Antwortmöglichkeit"),
    )
    zahl = models.IntegerField(_("Zahl"), null=True, blank=True)
    text = models.TextField(_("Text"), blank=True, max_length=5000)
    quartier = models.ForeignKey(
        "quartiere.Quartier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Quartier"),
    )

    class Meta:
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        indexes = [
            models.Index(fields=["frage", "option"], name="antwort_frage_option"),
            models.Index(fields=["frage", "zahl"], name="antwort_frage_zahl"),
            # The results' GROUP BY (befragung.auswertung.abfragen.werte): PostgreSQL counts
            # the answers from this index alone, already in group order. Keys only, so that
            # B-tree deduplication keeps it small (a tenth of the size with an INCLUDE).
            models.Index(
                fields=["frage", "zeile", "option", "zahl", "quartier"], name="antwort_werte"
            ),
            # The respondents of a multiple choice (befragung.auswertung.abfragen.befragte): the
            # distinct (question, Rückmeldung) pairs in index order, without a sort; with the
            # option, a cross-tab's own answers per Rückmeldung from the index alone.
            models.Index(
                fields=["frage", "rueckmeldung"],
                include=["option"],
                name="antwort_frage_rueckmeldung",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(option__isnull=False)
                | Q(zahl__isnull=False)
                | ~Q(text="")
                | Q(quartier__isnull=False),
                name="antwort_hat_einen_wert",
            ),
        ]

    def __str__(self):
        return (
            f"{self.frage_id}: {self.option_id or self.zahl or self.text[:30] or self.quartier_id}"
        )
