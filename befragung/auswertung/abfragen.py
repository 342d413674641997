"""The grouped queries behind `auswerten()`: every answer value of a survey counted per column
in one pass, and the respondents of its multiple-choice questions.

Plain SQL, because the cross-tab joins an answer to the same Rückmeldung's answer to the
cross-tab question directly on `rueckmeldung_id`; the ORM's path would go through the
Rückmeldung table and join 970,000 answers twice. The values are counted from the covering
index `antwort_werte` (migration 0005) alone unless a column needs a join; the respondents
of a multiple choice are the distinct (question, Rückmeldung) pairs, read in order from the
index `antwort_frage_rueckmeldung` (migration 0006) and joined only once each.
"""

from django.db import connection

from ..models import Antwort, Rueckmeldung
from .unterdrueckung import DIMENSIONEN

# The value of an answer; with the column (`spalte`) the key of one counted cell.
WERT_FIELDS = ("frage_id", "zeile_id", "option_id", "zahl", "quartier_id")


def _column(filter, befragung_id, links):
    """(JOIN clause, the column's expression, params) for the rows `links` (with a
    `rueckmeldung_id`): with a cross-tab joined to the same Rückmeldung's answer `k` to its
    question (at most one: a single-choice question), with a filter joined to the
    Rückmeldung `r`."""
    qn = connection.ops.quote_name
    if filter.kreuz is not None:
        # Grouped by Rückmeldung, so that PostgreSQL knows the key to be unique and hashes
        # these 45,000 rows, never the 970,000 answers (a plan a statistics sample could
        # otherwise pick); read from the index antwort_frage_rueckmeldung alone.
        join = (
            " LEFT JOIN (SELECT rueckmeldung_id, MIN(option_id) AS option_id"  # noqa: S608
            f" FROM {qn(Antwort._meta.db_table)} WHERE frage_id = %s GROUP BY rueckmeldung_id) k"
            f" ON k.rueckmeldung_id = {links}.rueckmeldung_id"
        )
        return join, "k.option_id", [filter.kreuz.pk]
    if filter.dimension is not None:
        feld = filter.dimension[0]
        if feld not in DIMENSIONEN:
            raise ValueError(f"No results column by {feld!r}.")
        column = qn(Rueckmeldung._meta.get_field(feld.removesuffix("_id")).column)
        # The survey's own Rückmeldungen only: a smaller hash table to join.
        join = (
            f" JOIN {qn(Rueckmeldung._meta.db_table)} r"
            f" ON r.id = {links}.rueckmeldung_id AND r.befragung_id = %s"
        )
        return join, f"r.{column}", [befragung_id]
    return "", "NULL", []


def _run(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def werte(fragen_ids, filter, befragung_id):
    """[(frage_id, zeile_id, option_id, zahl, quartier_id, spalte, n)]: the answers per value
    and column. A free text counts as the value (None, None, None, None): its answers."""
    if not fragen_ids:
        return []
    join, spalte, params = _column(filter, befragung_id, "a")
    fields = ", ".join(f"a.{f}" for f in WERT_FIELDS)
    placeholders = ", ".join(["%s"] * len(fragen_ids))
    # Only table and column names from the models and fixed clauses are formatted in; every
    # value is a parameter.
    sql = (
        f"SELECT {fields}, {spalte}, COUNT(*)"  # noqa: S608
        f" FROM {connection.ops.quote_name(Antwort._meta.db_table)} a{join}"
        f" WHERE a.frage_id IN ({placeholders}) GROUP BY 1, 2, 3, 4, 5, 6"
    )
    return _run(sql, [*params, *fragen_ids])


def befragte(fragen_ids, filter, befragung_id):
    """[(frage_id, spalte, n)]: the respondents per question and column, for the questions
    where one Rückmeldung may give several answers (multiple choice)."""
    if not fragen_ids:
        return []
    join, spalte, params = _column(filter, befragung_id, "d")
    placeholders = ", ".join(["%s"] * len(fragen_ids))
    # The pairs first (a GROUP BY over the ordered index, no sort), then the join: once per
    # respondent rather than once per chosen option, and no COUNT(DISTINCT) sort after it.
    sql = (
        f"SELECT d.frage_id, {spalte}, COUNT(*) FROM ("  # noqa: S608
        f"SELECT a.frage_id, a.rueckmeldung_id"
        f" FROM {connection.ops.quote_name(Antwort._meta.db_table)} a"
        f" WHERE a.frage_id IN ({placeholders}) GROUP BY 1, 2"
        f") d{join} GROUP BY 1, 2"
    )
    return _run(sql, [*fragen_ids, *params])
