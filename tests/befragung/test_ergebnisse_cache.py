"""The cache of the raw result counts (befragung/auswertung/zwischenspeicher.py): a second view
counts no answer again and shows the same suppressed figures; a written batch, a Rückmeldung
more or a changed question ends the cached counts."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from befragung import freigabe
from befragung.auswertung import Filter, auswerten, daten_geaendert, zwischenspeicher
from befragung.models import Antwort, Rueckmeldung

from .ergebnisse_data import add, known_data

pytestmark = pytest.mark.django_db

ANSWER_SCAN = '"befragung_antwort" a'  # the grouped queries of befragung.auswertung.abfragen


@pytest.fixture
def data():
    return known_data()


def figures(ergebnis):
    """Everything a view can show, suppressed cells as "x"."""

    def cell(zelle):
        return "x" if zelle.unterdrueckt else zelle.n

    return (
        ergebnis.unterdrueckt,
        [cell(z) for z in ergebnis.gesamt],
        [
            (
                f.frage.name,
                cell(f.texte) if f.texte else None,
                f.kennzahlen,
                [
                    (
                        [cell(z) for z in t.basis],
                        [(k.label, [cell(z) for z in k.zellen]) for k in t.kategorien],
                        t.mittelwerte,
                    )
                    for t in f.tabellen
                ],
            )
            for f in ergebnis.fragen
        ],
    )


def counted(befragung, filter=None):
    """(figures, whether the answers were counted in SQL)."""
    with CaptureQueriesContext(connection) as queries:
        ergebnis = auswerten(befragung, filter)
    return figures(ergebnis), any(ANSWER_SCAN in q["sql"] for q in queries.captured_queries)


def test_a_second_view_counts_nothing_again_and_suppresses_alike(data):
    befragung, f, _o, _z, q = data
    shown = []
    for filter in (None, Filter(kreuz=f["gern"]), Filter(quartier=q["a"]), Filter(kanal="papier")):
        cold, scanned = counted(befragung, filter)
        assert scanned
        warm, scanned = counted(befragung, filter)
        assert not scanned
        assert warm == cold
        shown.append(warm)
    # Suppression still runs on the cached counts: c (2) and b are hidden as on a miss.
    wohnen = {t[0]: t for t in shown[0][2]}["wohnen"][3][0][1]
    assert wohnen == [("A", [19]), ("B", ["x"]), ("C", ["x"])]


def test_every_group_of_a_dimension_reads_the_same_cached_breakdown(data):
    befragung, *_ = data
    alpha, scanned = counted(befragung, Filter(kanal="online"))
    assert scanned
    beta, scanned = counted(befragung, Filter(kanal="papier"))
    assert not scanned
    cache.clear()
    assert counted(befragung, Filter(kanal="papier")) == (beta, True)
    assert alpha[1] == [23] and beta[1] == [10]


def test_a_written_batch_replaces_the_version_on_commit(data, django_capture_on_commit_callbacks):
    befragung, f, o, _z, _q = data
    befragung.status = befragung.Status.LAEUFT
    befragung.save()
    before = zwischenspeicher._version(befragung)
    daten = freigabe.serialise(
        sprache="de",
        kanal="online",
        quartier=None,
        antworten=[[f["wohnen"].pk, None, o["wohnen"]["a"].pk, None, "", None]],
    )
    for _ in range(6):
        freigabe.hold(befragung=befragung, daten=daten)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert freigabe.flush(befragung, final=True) == 6
    # Not before the commit: a reader in between would cache the old counts as new.
    assert zwischenspeicher._version(befragung) == before
    for callback in callbacks:
        callback()
    assert zwischenspeicher._version(befragung) != before
    ergebnis, scanned = counted(befragung)
    assert scanned and ergebnis[1] == [39]


def test_a_changed_answer_is_counted_after_the_version_changes(
    data, django_capture_on_commit_callbacks
):
    befragung, f, o, _z, _q = data
    counted(befragung)
    # A change that keeps the number of Rückmeldungen: only the version tells.
    Antwort.objects.filter(frage=f["wohnen"], option=o["wohnen"]["c"]).update(
        option=o["wohnen"]["a"]
    )
    stale, scanned = counted(befragung)
    assert not scanned
    assert {t[0]: t for t in stale[2]}["wohnen"][3][0][1][0] == ("A", [19])
    with django_capture_on_commit_callbacks(execute=True):
        daten_geaendert(befragung)
    fresh, scanned = counted(befragung)
    assert scanned
    wohnen = {t[0]: t for t in fresh[2]}["wohnen"][3][0][1]
    assert dict(wohnen)["A"] == [21]


def test_a_rueckmeldung_more_or_a_deleted_option_is_counted_without_a_version(data):
    befragung, f, o, *_ = data
    counted(befragung)
    # Written past the batch writer (a seed script): the number of Rückmeldungen changes.
    add(befragung, 5, answers=lambda i: [{"frage": f["gern"], "option": o["gern"]["ja"]}])
    ergebnis, scanned = counted(befragung)
    assert scanned and ergebnis[1] == [38]
    # Deleting an option deletes its answers: the questions' structure is part of the key.
    o["wohnen"]["c"].delete()
    _ergebnis, scanned = counted(befragung)
    assert scanned
    assert Rueckmeldung.objects.filter(befragung=befragung).count() == 38
