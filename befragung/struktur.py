"""A survey's questions with their options, rows and conditions, kept per process.

The public form needs them on every request, and they hardly ever change (the questions only
in a draft, translations also later). A cache entry holds for one *stand*: the count and the
latest `updated_at` of the survey's Fragen, Antwortoptionen and Matrixzeilen, read by the same
query that fetches the Befragung (`mit_stand`). Every edit – through the Baukasten, the admin or
an import – adds, removes or saves a row and so changes the stand: the next request of every
process builds the structure anew. Writes that bypass `save()` (`QuerySet.update`) set
`updated_at` themselves (see `baukasten.py`).
"""

import functools
import threading
from collections import OrderedDict

from django.db import connection
from django.db.models.expressions import RawSQL

from .models import Befragung

# Surveys kept per process; a city runs a handful at a time.
MAX_SURVEYS = 32

_cache = OrderedDict()
_lock = threading.Lock()


# One scalar subquery: "<rows>/<latest updated_at>" over the survey's three structure tables.
# Counting them together suffices: an added or saved row raises the latest time, a deleted one
# lowers the count. On PostgreSQL per question, its options and rows through their foreign-key
# index (a LATERAL union): half the planning and execution time of a union of three joins, and
# it does not read the options of the city's other surveys. SQLite (`make run`) has no LATERAL
# and gets the union of three joins. (Constant SQL: the ORM's six subqueries cost more to build
# than to run.)
STAND_SQL = {
    "postgresql": """
    SELECT COUNT(*) || '/' || MAX(teile.u) FROM befragung_frage f
    CROSS JOIN LATERAL (
        SELECT f.updated_at AS u
        UNION ALL
        SELECT o.updated_at FROM befragung_antwortoption o WHERE o.frage_id = f.id
        UNION ALL
        SELECT z.updated_at FROM befragung_matrixzeile z WHERE z.frage_id = f.id
    ) teile
    WHERE f.befragung_id = befragung_befragung.id
""",
    "sqlite": """
    SELECT COUNT(*) || '/' || MAX(teile.u) FROM (
        SELECT f.updated_at AS u FROM befragung_frage f
        WHERE f.befragung_id = befragung_befragung.id
        UNION ALL
        SELECT o.updated_at FROM befragung_antwortoption o
        JOIN befragung_frage f ON f.id = o.frage_id
        WHERE f.befragung_id = befragung_befragung.id
        UNION ALL
        SELECT z.updated_at FROM befragung_matrixzeile z
        JOIN befragung_frage f ON f.id = z.frage_id
        WHERE f.befragung_id = befragung_befragung.id
    ) teile
""",
}

# The public form's one query: the Befragung by its slug (any status but Entwurf) with the
# stand. Written out and loaded by `oeffentlich`, because compiling the same ORM query (or
# mapping a raw query's columns) on every submission cost more CPU than PostgreSQL spends
# answering it.
_FELDER = Befragung._meta.concrete_fields
OEFFENTLICH_SQL = {
    vendor: f"""
    SELECT {", ".join(f'befragung_befragung."{f.column}"' for f in _FELDER)},
        ({stand_sql}) AS _struktur_stand
    FROM befragung_befragung WHERE slug = %s AND status <> %s
"""  # noqa: S608 (constant SQL, the values are parameters)
    for vendor, stand_sql in STAND_SQL.items()
}


@functools.cache
def _umwandlungen(vendor):
    """[(position, column, converters)] of the columns whose value the backend or the field
    converts (the JSON texts; on SQLite also dates and times), as the ORM's compiler does."""
    result = []
    for i, field in enumerate(_FELDER):
        column = field.get_col(Befragung._meta.db_table)
        converters = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        if converters:
            result.append((i, column, converters))
    return result


def mit_stand(queryset):
    """The Befragung queryset with the structure's stand read along (no extra query)."""
    return queryset.annotate(_struktur_stand=RawSQL(STAND_SQL[connection.vendor], ()))  # noqa: S611 (constant)


def oeffentlich(slug):
    """The Befragung with this slug that the public may know of (every status but Entwurf),
    with its stand (as `mit_stand`), or None."""
    with connection.cursor() as cursor:
        cursor.execute(OEFFENTLICH_SQL[connection.vendor], [slug, Befragung.Status.ENTWURF])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row[:-1])
    for i, column, converters in _umwandlungen(connection.vendor):
        for converter in converters:
            values[i] = converter(values[i], column, connection)
    befragung = Befragung.from_db(connection.alias, None, values)
    befragung._struktur_stand = row[-1]
    return befragung


def stand(befragung):
    """The stand read by `mit_stand` ("" for a survey without questions), or None when the
    Befragung was fetched without it."""
    if not hasattr(befragung, "_struktur_stand"):
        return None
    return befragung._struktur_stand or ""


def load_fragen(befragung):
    """The survey's questions with options, rows and condition in three queries."""
    return list(
        befragung.fragen.select_related("bedingung_option__frage")
        .prefetch_related("optionen", "zeilen")
        .order_by("position")
    )


def fragen(befragung):
    """The questions of `load_fragen`, from this process's cache while the stand holds.

    The list and its objects are shared by the requests of the process: read them, never
    change them."""
    current = stand(befragung)
    if current is None:
        return load_fragen(befragung)
    return _entry(befragung, current).fragen


class _Eintrag:
    """One survey's cached structure: its questions and what is built from them."""

    def __init__(self, stand, fragen):
        self.stand = stand
        self.fragen = fragen
        self.abgeleitet = {}


def _entry(befragung, current):
    with _lock:
        entry = _cache.get(befragung.pk)
        if entry is not None and entry.stand == current:
            _cache.move_to_end(befragung.pk)
            return entry
    loaded = load_fragen(befragung)
    for frage in loaded:
        # Not kept: a cached question must not hold on to one request's Befragung.
        frage._state.fields_cache.pop("befragung", None)
    entry = _Eintrag(current, loaded)
    with _lock:
        _cache[befragung.pk] = entry
        _cache.move_to_end(befragung.pk)
        while len(_cache) > MAX_SURVEYS:
            _cache.popitem(last=False)
    return entry


def abgeleitet(befragung, key, build):
    """`build(fragen)` over the survey's questions (`fragen`), kept with them in this
    process's cache under `key` while the stand holds (the form's fields per language, for
    instance); without a stand it is built on every call. Like the questions, the value is
    shared by the requests of the process: read it, never change it."""
    current = stand(befragung)
    if current is None:
        return build(load_fragen(befragung))
    entry = _entry(befragung, current)
    with _lock:
        if key in entry.abgeleitet:
            return entry.abgeleitet[key]
    value = build(entry.fragen)
    with _lock:
        return entry.abgeleitet.setdefault(key, value)


def clear():
    """Forget every cached structure (tests)."""
    with _lock:
        _cache.clear()
