"""The holding area: submitted questionnaires wait in `WartendeRueckmeldung` and are written to
Rueckmeldung/Antwort in shuffled batches, so that neither a transaction id (`xmin`), nor the
physical order (`ctid`), nor a date finer than the batch's day ties an answer to the moment –
and so to the access code or the person – it came from.

A batch is written in one transaction (all its rows share one `xmin`), in random order, with
`eingereicht_am` = the day the batch is written. While the survey runs the beat task writes a
batch as soon as 2 × Mindestgruppe answers wait; a random Mindestgruppe of them stays behind to
mix with later ones, so every batch – the last one too – has at least the Mindestgruppe (when
the survey got that many at all). A submission writes the batch itself only once
`REQUEST_BATCH` × Mindestgruppe wait (a busy survey, or no beat running): the batch's cost is
then shared by many submissions instead of every other Mindestgruppe-th one paying it. At the
survey's end (the end action, or the beat task once the closing date has passed) everything
still waiting is written.
"""

import json
import random
import uuid

from django.db import connection, transaction
from django.utils import timezone

from quartiere.models import Quartier

from . import auswertung, struktur
from .models import (
    Antwort,
    Befragung,
    Rueckmeldung,
    WartendeRueckmeldung,
)

_random = random.SystemRandom()


def serialise(*, sprache, kanal, quartier, antworten):
    """The holding row's JSON: the Rueckmeldung's fields and its Antworten as id lists
    ([frage, zeile, option, zahl, text, quartier], see `antworten._antworten`)."""
    return {
        "sprache": sprache,
        "kanal": kanal,
        "quartier": quartier.pk if quartier else None,
        "antworten": antworten,
    }


# The INSERT and the count in one statement. The count's snapshot does not see the row the
# same statement inserts: + 1.
HOLD_SQL = """
    WITH neu AS (
        INSERT INTO befragung_wartenderueckmeldung (id, befragung_id, daten)
        VALUES (%s, %s, %s::jsonb) RETURNING 1
    )
    SELECT COUNT(*) + 1 FROM befragung_wartenderueckmeldung WHERE befragung_id = %s
"""


def hold(*, befragung, daten):
    """Put one questionnaire into the holding area (its own transaction); returns how many
    questionnaires of the survey wait now. On PostgreSQL the INSERT and the count are one
    statement, so that a submission costs one round trip here."""
    if connection.vendor != "postgresql":
        WartendeRueckmeldung.objects.create(befragung=befragung, daten=daten)
        return waiting(befragung)
    with connection.cursor() as cursor:
        cursor.execute(HOLD_SQL, [uuid.uuid4(), befragung.pk, json.dumps(daten), befragung.pk])
        return cursor.fetchone()[0]


# A submission writes the due batch once this many Mindestgruppen wait (the beat task: 2).
REQUEST_BATCH = 10


def waiting(befragung):
    return WartendeRueckmeldung.objects.filter(befragung=befragung).count()


def waiting_paper(befragung):
    return WartendeRueckmeldung.objects.filter(
        befragung=befragung, daten__kanal=Rueckmeldung.Kanal.PAPIER
    ).count()


def is_over(befragung, *, today=None):
    today = today or timezone.localdate()
    return befragung.status == Befragung.Status.BEENDET or (
        befragung.ende is not None and befragung.ende < today
    )


class _Valid:
    """The ids an answer may still point to (questions cannot change while a survey runs, but
    a Quartier may be deleted): anything else is dropped, never a failed batch."""

    def __init__(self, befragung, rows):
        quartiere = {row.daten.get("quartier") for row in rows}
        quartiere |= {values[5] for row in rows for values in row.daten["antworten"]}
        quartiere.discard(None)
        # From the form's structure cache when the request read the survey with its stand
        # (the same structure validated the answers); else three queries.
        fragen = struktur.fragen(befragung)
        self.fragen = {f.pk for f in fragen}
        self.optionen = {o.pk for f in fragen for o in f.optionen.all()}
        self.zeilen = {z.pk for f in fragen for z in f.zeilen.all()}
        # Only the Quartiere the batch names (none: no query).
        self.quartiere = (
            set(Quartier.objects.filter(pk__in=quartiere).values_list("pk", flat=True))
            if quartiere
            else set()
        )

    def quartier(self, pk):
        return pk if pk in self.quartiere else None

    def antwort(self, rueckmeldung, frage, zeile, option, zahl, text, quartier):
        """The Antwort row as a tuple of ANTWORT_SPALTEN, or None (a question, row or option
        of another survey, or nothing answered)."""
        if frage not in self.fragen or (zeile and zeile not in self.zeilen):
            return None
        if option and option not in self.optionen:
            return None
        text = text or ""
        quartier = self.quartier(quartier)
        if not (option or zahl is not None or text or quartier):
            return None
        return (_uuid(), rueckmeldung, frage, zeile, option, zahl, text, quartier)


# The rows are written as tuples with one executemany per table (psycopg pipelines it): a
# batch of 45 Rückmeldungen with 500 Antworten built as model instances for bulk_create cost
# about as much CPU as the 45 submissions themselves.
RUECKMELDUNG_SPALTEN = ("id", "befragung_id", "sprache", "kanal", "eingereicht_am", "quartier_id")
ANTWORT_SPALTEN = (
    "id",
    "rueckmeldung_id",
    "frage_id",
    "zeile_id",
    "option_id",
    "zahl",
    "text",
    "quartier_id",
)


def _uuid():
    """A random UUID as the database takes it (SQLite stores the hex string)."""
    value = uuid.uuid4()
    return value if connection.features.has_native_uuid_field else value.hex


def _insert(model, spalten, rows):
    if not rows:
        return
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (names from the model)
        quote(model._meta.db_table),
        ", ".join(quote(spalte) for spalte in spalten),
        ", ".join(["%s"] * len(spalten)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _write(befragung, rows, day):
    valid = _Valid(befragung, rows)
    _random.shuffle(rows)
    tag = connection.ops.adapt_datefield_value(day)
    rueckmeldungen, antworten = [], []
    for row in rows:
        daten = row.daten
        rueckmeldung = _uuid()
        rueckmeldungen.append(
            (
                rueckmeldung,
                befragung.pk,
                daten["sprache"],
                daten["kanal"],
                tag,
                valid.quartier(daten.get("quartier")),
            )
        )
        for values in daten["antworten"]:
            antwort = valid.antwort(rueckmeldung, *values)
            if antwort is not None:
                antworten.append(antwort)
    _insert(Rueckmeldung, RUECKMELDUNG_SPALTEN, rueckmeldungen)
    _insert(Antwort, ANTWORT_SPALTEN, antworten)
    auswertung.daten_geaendert(befragung)  # the cached result counts are old from the commit
    WartendeRueckmeldung.objects.filter(pk__in=[row.pk for row in rows]).delete()


def flush_after_submission(befragung, *, waiting):
    """After a submission: write a batch only when `REQUEST_BATCH` Mindestgruppen wait; below
    that (and for answers typed in after the survey's end) the beat task writes it."""
    if waiting >= REQUEST_BATCH * max(befragung.mindestgruppe, 1):
        return flush(befragung, waiting=waiting)
    return 0


def flush(befragung, *, final=None, today=None, waiting=None):
    """Write one batch if it is due; returns how many Rückmeldungen were written.

    `final` (default: whether the survey is over) writes everything that waits. `waiting` is
    the number that waits, when the caller knows it (`hold` returns it)."""
    today = today or timezone.localdate()
    if final is None:
        final = is_over(befragung, today=today)
    k = max(befragung.mindestgruppe, 1)
    if waiting is None:
        waiting = globals()["waiting"](befragung)
    if waiting < (1 if final else 2 * k):
        return 0  # the usual case after a submission: no lock taken
    with transaction.atomic():
        # Locked: two flushes at once write disjoint batches. A due batch skips the rows
        # another flush holds (no submission waits for it; the rest is counted again, and
        # that flush keeps a Mindestgruppe back of its own); the final one waits for them.
        rows = list(
            WartendeRueckmeldung.objects.select_for_update(skip_locked=not final).filter(
                befragung=befragung
            )
        )
        if not rows or (not final and len(rows) < 2 * k):
            return 0
        chosen = rows if final else _random.sample(rows, len(rows) - k)
        _write(befragung, chosen, today)
    return len(chosen)


def flush_all(*, today=None):
    """Beat: every survey with waiting answers gets its due batch (the rest, once it is over).
    Returns {slug: written} for the surveys where something was written."""
    today = today or timezone.localdate()
    written = {}
    for befragung in Befragung.objects.filter(wartende_rueckmeldungen__isnull=False).distinct():
        n = flush(befragung, today=today)
        if n:
            written[befragung.slug] = n
    return written
