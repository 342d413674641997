"""The raw counts of `auswerten()` in the cache, so that a results page read again (by the
same or another worker) does not count 970,000 answers once more.

Only raw counts are kept – never a suppressed result: the suppression runs on every request
over the counts, exactly as on a miss. The key holds everything the counts depend on:

- the survey (pk and creation time, so that a recreated database never meets old entries),
- a version that `daten_geaendert()` replaces after every written batch (befragung/freigabe.py,
  the only writer of Rückmeldungen and Antworten; on commit, so that no reader caches the
  batch's old state under the new version),
- the number of Rückmeldungen, queried on every request anyway (a write that bypasses the
  batch writer, e.g. a seed script, still changes the key),
- the survey's structure (questions, options, matrix rows: deleting one deletes answers),
- the breakdown (cross-tab question or filter dimension – not its value: every group of a
  dimension is one column of the same counts).

Entries expire after `TTL` seconds, which bounds what no key sees (a deleted Quartier sets
its answers' Quartier to NULL).
"""

import hashlib
import uuid
from functools import partial

from django.core.cache import cache
from django.db import transaction

TTL = 600
_PREFIX = "befragung:auswertung"


def _version_key(befragung_id):
    return f"{_PREFIX}:version:{befragung_id}"


def daten_geaendert(befragung):
    """The survey's Rückmeldungen changed: from the commit on, its cached counts are gone."""
    transaction.on_commit(partial(cache.delete, _version_key(befragung.pk)))


def _version(befragung):
    key = _version_key(befragung.pk)
    version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex
        # add: two first readers agree on one version (the loser reads the winner's).
        if not cache.add(key, version, timeout=None):
            version = cache.get(key) or version
    return version


def struktur(fragen):
    """A short digest of the questions with their options and rows (prefetched)."""
    parts = [
        (f.pk, tuple(o.pk for o in f.optionen.all()), tuple(z.pk for z in f.zeilen.all()))
        for f in fragen
    ]
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def zaehlungen(befragung, *, n, struktur, spalte, compute):
    """The counts of `compute()` from the cache, or computed and stored."""
    created = befragung.created_at.timestamp() if befragung.created_at else 0
    key = ":".join(
        map(str, (_PREFIX, befragung.pk, created, _version(befragung), n, struktur, spalte))
    )
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=TTL)
    return value
