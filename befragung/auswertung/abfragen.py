"""The grouped queries behind `auswerten()`: every answer value of a survey counted per column
in one pass, and the respondents of its multiple-choice questions.

Plain SQL, because the cross-tab joins an answer to the same Rückmeldung's answer to the
cross-tab question directly on `rueckmeldung_id`; the ORM's path would go through the
Rückmeldung table and join 970,000 answers twice. Both queries read only the covering index
`antwort_werte` (migration 0005) unless a filter needs the Rückmeldung's field.
"""

from django.db import connection

from ..models import Antwort, Rueckmeldung
from .unterdrueckung import DIMENSIONEN

# The value of an answer; with the column (`spalte`) the key of one counted cell.
WERT_FIELDS = ("frage_id", "zeile_id", "option_id", "zahl", "quartier_id")


def _source(filter, befragung_id):
    """(FROM clause, the column's expression, params) for the answers `a`: with a cross-tab
    joined to the same Rückmeldung's answer `k` to its question (at most one: a single-choice
    question), with a filter joined to the Rückmeldung `r`."""
    qn = connection.ops.quote_name
    antwort = qn(Antwort._meta.db_table)
    if filter.kreuz is not None:
        join = (
            f"{antwort} a LEFT JOIN {antwort} k"
            " ON k.rueckmeldung_id = a.rueckmeldung_id AND k.frage_id = %s"
        )
        return join, "k.option_id", [filter.kreuz.pk]
    if filter.dimension is not None:
        feld = filter.dimension[0]
        if feld not in DIMENSIONEN:
            raise ValueError(f"No results column by {feld!r}.")
        column = qn(Rueckmeldung._meta.get_field(feld.removesuffix("_id")).column)
        # The survey's own Rückmeldungen only: a smaller hash table to join.
        join = (
            f"{antwort} a JOIN {qn(Rueckmeldung._meta.db_table)} r"
            " ON r.id = a.rueckmeldung_id AND r.befragung_id = %s"
        )
        return join, f"r.{column}", [befragung_id]
    return f"{antwort} a", "NULL", []


def _fetch(select, fragen_ids, filter, group_by, befragung_id):
    if not fragen_ids:
        return []
    source, spalte, params = _source(filter, befragung_id)
    placeholders = ", ".join(["%s"] * len(fragen_ids))
    # Only table and column names from the models and fixed clauses are formatted in; every
    # value is a parameter.
    sql = (
        f"SELECT {select.format(spalte=spalte)} FROM {source}"  # noqa: S608
        f" WHERE a.frage_id IN ({placeholders}) GROUP BY {group_by}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *fragen_ids])
        return cursor.fetchall()


def werte(fragen_ids, filter, befragung_id):
    """[(frage_id, zeile_id, option_id, zahl, quartier_id, spalte, n)]: the answers per value
    and column. A free text counts as the value (None, None, None, None): its answers."""
    fields = ", ".join(f"a.{f}" for f in WERT_FIELDS)
    return _fetch(
        f"{fields}, {{spalte}}, COUNT(*)", fragen_ids, filter, "1, 2, 3, 4, 5, 6", befragung_id
    )


def befragte(fragen_ids, filter, befragung_id):
    """[(frage_id, spalte, n)]: the respondents per question and column, for the questions
    where one Rückmeldung may give several answers (multiple choice)."""
    return _fetch(
        "a.frage_id, {spalte}, COUNT(DISTINCT a.rueckmeldung_id)",
        fragen_ids,
        filter,
        "1, 2",
        befragung_id,
    )
