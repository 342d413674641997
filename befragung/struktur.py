"""A survey's questions with their options, rows and conditions, kept per process.

The public form needs them on every request, and they hardly ever change (the questions only
in a draft, translations also later). A cache entry holds for one *stand*: the count and the
latest `updated_at` of the survey's Fragen, Antwortoptionen and Matrixzeilen, read by the same
query that fetches the Befragung (`mit_stand`). Every edit – through the Baukasten, the admin or
an import – adds, removes or saves a row and so changes the stand: the next request of every
process builds the structure anew. Writes that bypass `save()` (`QuerySet.update`) set
`updated_at` themselves (see `baukasten.py`).
"""

import threading
from collections import OrderedDict

from django.db.models.expressions import RawSQL

# Surveys kept per process; a city runs a handful at a time.
MAX_SURVEYS = 32

_cache = OrderedDict()
_lock = threading.Lock()


# One scalar subquery: "<rows>/<latest updated_at>" over the survey's three structure tables.
# Counting them together suffices: an added or saved row raises the latest time, a deleted one
# lowers the count. (Constant SQL: the ORM's six subqueries cost more to build than to run.)
STAND_SQL = """
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
"""


def mit_stand(queryset):
    """The Befragung queryset with the structure's stand read along (no extra query)."""
    return queryset.annotate(_struktur_stand=RawSQL(STAND_SQL, ()))  # noqa: S611 (constant)


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
    with _lock:
        entry = _cache.get(befragung.pk)
        if entry is not None and entry[0] == current:
            _cache.move_to_end(befragung.pk)
            return entry[1]
    loaded = load_fragen(befragung)
    for frage in loaded:
        # Not kept: a cached question must not hold on to one request's Befragung.
        frage._state.fields_cache.pop("befragung", None)
    with _lock:
        _cache[befragung.pk] = (current, loaded)
        _cache.move_to_end(befragung.pk)
        while len(_cache) > MAX_SURVEYS:
            _cache.popitem(last=False)
    return loaded


def clear():
    """Forget every cached structure (tests)."""
    with _lock:
        _cache.clear()
