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


# The Rückmeldung's fields a results filter breaks down by, copied into each of its answers.
GRUPPEN_FELDER = {
    "quartier_id": "rueckmeldung_quartier_id",
    "sprache": "rueckmeldung_sprache",
    "kanal": "rueckmeldung_kanal",
}


def _gruppen_uebernehmen(antworten):
    """Copy the Rückmeldung's Quartier, Sprache and Kanal into answers that lack them: from
    the Rückmeldung object where it is attached (the batch writer, the seeds), else one
    query for the rest."""
    missing = set()
    for antwort in antworten:
        if antwort.rueckmeldung_kanal:
            continue
        if Antwort.rueckmeldung.is_cached(antwort):
            _kopieren(antwort, antwort.rueckmeldung)
        elif antwort.rueckmeldung_id:
            missing.add(antwort.rueckmeldung_id)
    if missing:
        found = {r.pk: r for r in Rueckmeldung.objects.filter(pk__in=missing)}
        for antwort in antworten:
            if not antwort.rueckmeldung_kanal and antwort.rueckmeldung_id in found:
                _kopieren(antwort, found[antwort.rueckmeldung_id])


def _kopieren(antwort, rueckmeldung):
    for feld, spalte in GRUPPEN_FELDER.items():
        setattr(antwort, spalte, getattr(rueckmeldung, feld))


class AntwortQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        _gruppen_uebernehmen(objs)
        return super().bulk_create(objs, *args, **kwargs)


class Antwort(models.Model):
    """One answer value: an option (single/multiple choice, yes/no, matrix row), a number
    (scale, number), a text, or a Quartier. A multiple choice has one row per chosen option.

    `rueckmeldung_quartier/_sprache/_kanal` repeat the Rückmeldung's fields (filled on every
    create, see `GRUPPEN_FELDER`), so that a results breakdown by them reads one index and
    joins no Rückmeldung (befragung.auswertung.abfragen). They tie an answer to nothing its
    Rückmeldung does not already."""

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
    rueckmeldung_quartier = models.ForeignKey(
        "quartiere.Quartier",
        on_delete=models.SET_NULL,  # as the Rückmeldung's own
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        editable=False,
        verbose_name=_("Quartier der Rückmeldung"),
    )
    rueckmeldung_sprache = models.CharField(
        _("Sprache der Rückmeldung"), max_length=5, blank=True, default="", editable=False
    )
    rueckmeldung_kanal = models.CharField(
        _("Kanal der Rückmeldung"), max_length=10, blank=True, default="", editable=False
    )

    objects = AntwortQuerySet.as_manager()

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
            # The same GROUP BY per group of a filter's dimension (Quartier, Sprache, Kanal
            # of the Rückmeldung), index-only and without a join.
            models.Index(
                fields=[
                    "frage",
                    "zeile",
                    "option",
                    "zahl",
                    "quartier",
                    "rueckmeldung_quartier",
                    "rueckmeldung_sprache",
                    "rueckmeldung_kanal",
                ],
                name="antwort_werte_gruppen",
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

    def save(self, *args, **kwargs):
        _gruppen_uebernehmen([self])
        super().save(*args, **kwargs)
