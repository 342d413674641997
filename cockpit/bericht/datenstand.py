"""A cache of report figures under the Datenstand (cockpit migration 0002): a version per area
(the Aktivitäten; the Termine with their Gremien and Teilnahmen) that every write to the area
changes, in the writer's transaction.

`cached(bereich, key, compute)` reads the version first and then computes: figures computed
after a write are never stored under the version before it (a reader that still sees that
version may only get figures that are as new or newer). Without the version row (a flushed
test database, or SQLite, where migration 0002 creates nothing) nothing is cached.
"""

from django.core.cache import cache
from django.db import connection

AKTIVITAETEN = "aktivitaeten"
TERMINE = "termine"  # with their Gremien and Teilnahmen
TIMEOUT = 24 * 60 * 60


def version(bereich):
    """The area's version, or None where the database keeps none (SQLite: no triggers)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM cockpit_datenstand WHERE bereich = %s", [bereich])
        row = cursor.fetchone()
    return row[0] if row else None


def cached(bereich, key, compute):
    """`compute()`, cached under `key` (a tuple of str()-able parts) and the Datenstand of
    `bereich`: one query on a hit, one more on a miss."""
    stand = version(bereich)
    if stand is None:
        return compute()
    cache_key = ":".join(["cockpit", "bericht", bereich, str(stand), *map(str, key)])
    result = cache.get(cache_key)
    if result is None:
        result = compute()
        cache.set(cache_key, result, TIMEOUT)
    return result
