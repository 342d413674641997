"""The gap and overlap rules of the gap analysis, against the hand-built data set in luecken_data."""

import pytest

from cockpit import luecken
from quartiere.models import Quartier

from ..factories import BedarfFactory, HandlungsfeldFactory
from . import luecken_data


@pytest.fixture
def data(db):
    return luecken_data.build()


def cells(matrix):
    """{(quartier name, column name): (angebote, bedarfe, luecke, parallel)} of a matrix."""
    return {
        (quartier.name, spalte.name): (z.angebote, z.bedarfe, z.luecke, z.parallelstruktur)
        for quartier, spalte, z in matrix.cells()
    }


def test_handlungsfeld_matrix_counts_active_angebote_and_open_bedarfe(data):
    matrix = luecken.matrices(schwelle=3).handlungsfelder
    assert [s.name for s in matrix.spalten] == [
        "Demografischer Wandel",
        "Integration",
        "Inklusion",
        "Soziale Teilhabe",
    ]
    assert [z.quartier.name for z in matrix.zeilen] == ["Kaltenweide Dorf", "Wiesenau"]
    assert cells(matrix) == {
        ("Wiesenau", "Demografischer Wandel"): (0, 1, True, False),
        # A4 is inactive; B1 is open.
        ("Wiesenau", "Integration"): (3, 1, False, True),
        # B3 is closed: no Bedarf, so no gap.
        ("Wiesenau", "Inklusion"): (0, 0, False, False),
        ("Wiesenau", "Soziale Teilhabe"): (1, 0, False, False),
        ("Kaltenweide Dorf", "Demografischer Wandel"): (0, 0, False, False),
        # B4 is discarded.
        ("Kaltenweide Dorf", "Integration"): (0, 0, False, False),
        ("Kaltenweide Dorf", "Inklusion"): (0, 0, False, False),
        ("Kaltenweide Dorf", "Soziale Teilhabe"): (2, 1, False, False),
    }
    assert matrix.luecken == 1
    assert matrix.parallelstrukturen == 1


def test_zielgruppe_matrix_counts_an_angebot_in_each_of_its_zielgruppen(data):
    matrix = luecken.matrices(schwelle=3).zielgruppen
    found = cells(matrix)
    assert found[("Wiesenau", "Zugewanderte")] == (3, 1, False, True)
    # A1 (also Zugewanderte) and A5; B3 is closed.
    assert found[("Wiesenau", "Familien")] == (2, 0, False, False)
    assert found[("Wiesenau", "Ältere/vereinsamte Menschen")] == (0, 1, True, False)
    assert found[("Kaltenweide Dorf", "Familien")] == (2, 0, False, False)
    assert found[("Kaltenweide Dorf", "Ältere/vereinsamte Menschen")] == (1, 0, False, False)
    # B5 has no Zielgruppe: it is in no cell of this matrix.
    assert sum(z.bedarfe for _q, _s, z in matrix.cells() if _q.name == "Kaltenweide Dorf") == 0
    assert matrix.luecken == 1


def test_totals_count_each_angebot_and_bedarf_once(data):
    auswertung = luecken.matrices(schwelle=3)
    hf, zg = auswertung.handlungsfelder, auswertung.zielgruppen
    rows = {z.quartier.name: (z.angebote, z.bedarfe) for z in hf.zeilen}
    assert rows == {"Wiesenau": (4, 2), "Kaltenweide Dorf": (2, 1)}
    assert (hf.angebote, hf.bedarfe) == (6, 3)
    assert [(s.spalte.name, s.angebote, s.bedarfe) for s in hf.summen] == [
        ("Demografischer Wandel", 0, 1),
        ("Integration", 3, 1),
        ("Inklusion", 0, 0),
        ("Soziale Teilhabe", 3, 1),
    ]
    # A1 has two Zielgruppen but is one Angebot of Wiesenau; B5 has no Zielgruppe.
    rows = {z.quartier.name: (z.angebote, z.bedarfe) for z in zg.zeilen}
    assert rows == {"Wiesenau": (4, 2), "Kaltenweide Dorf": (2, 0)}


def test_parallel_structure_is_the_triple_quartier_handlungsfeld_zielgruppe(data):
    # Wiesenau has 4 Angebote in Integration, but the triple with Familien only 1 (A1) and the
    # triple with Zugewanderte 3 (A1–A3; A4 is inactive).
    hf = luecken.matrices(schwelle=3).handlungsfelder
    zelle = next(z for q, s, z in hf.cells() if (q.name, s.name) == ("Wiesenau", "Integration"))
    assert [(e.name, n) for e, n in zelle.parallel] == [("Zugewanderte", 3)]
    assert luecken.parallel_triples(
        bereich={"angebot__quartier__in": [data.wiesenau.pk, data.kaltenweide.pk]},
        handlungsfelder=[h.pk for h in vars(data.hf).values()],
        zielgruppen=[z.pk for z in vars(data.zg).values()],
        schwelle=1,
    ) == {
        (data.wiesenau.pk, data.hf.integration.pk, data.zg.zugewanderte.pk): 3,
        (data.wiesenau.pk, data.hf.integration.pk, data.zg.familien.pk): 1,
        (data.wiesenau.pk, data.hf.teilhabe.pk, data.zg.familien.pk): 1,
        (data.kaltenweide.pk, data.hf.teilhabe.pk, data.zg.aeltere.pk): 1,
        (data.kaltenweide.pk, data.hf.teilhabe.pk, data.zg.familien.pk): 2,
    }


def test_threshold_two_marks_more_cells_than_three(data):
    at_three = luecken.matrices(schwelle=3)
    at_two = luecken.matrices(schwelle=2)
    marked = lambda m: {(q.name, s.name) for q, s, z in m.cells() if z.parallelstruktur}  # noqa: E731
    assert marked(at_three.handlungsfelder) == {("Wiesenau", "Integration")}
    assert marked(at_three.zielgruppen) == {("Wiesenau", "Zugewanderte")}
    assert marked(at_two.handlungsfelder) == {
        ("Wiesenau", "Integration"),
        ("Kaltenweide Dorf", "Soziale Teilhabe"),
    }
    assert marked(at_two.zielgruppen) == {
        ("Wiesenau", "Zugewanderte"),
        ("Kaltenweide Dorf", "Familien"),
    }


def test_threshold_defaults_to_the_setting(data, settings):
    settings.GWA_PARALLEL_THRESHOLD = 2
    auswertung = luecken.matrices()
    assert auswertung.schwelle == 2
    assert auswertung.handlungsfelder.parallelstrukturen == 2


def test_zielgruppe_subset_limits_the_triples_of_the_handlungsfeld_matrix(data):
    auswertung = luecken.matrices(zielgruppen=[data.zg.familien], schwelle=3)
    assert [s.name for s in auswertung.zielgruppen.spalten] == ["Familien"]
    # Integration × Zugewanderte is no longer part of the analysis; the counts stay.
    assert auswertung.handlungsfelder.parallelstrukturen == 0
    assert cells(auswertung.handlungsfelder)[("Wiesenau", "Integration")] == (3, 1, False, False)


def test_handlungsfeld_subset_and_quartier_filters(data):
    auswertung = luecken.matrices(handlungsfelder=[data.hf.integration], stadtteil=data.mitte)
    assert [s.name for s in auswertung.handlungsfelder.spalten] == ["Integration"]
    assert [z.quartier.name for z in auswertung.handlungsfelder.zeilen] == ["Wiesenau"]
    # Row totals count only the shown Handlungsfelder: A5 (Soziale Teilhabe) is left out.
    assert auswertung.handlungsfelder.zeilen[0].angebote == 3
    dorf = luecken.matrices(typologie=Quartier.Typologie.DOERFLICH)
    assert [z.quartier.name for z in dorf.zielgruppen.zeilen] == ["Kaltenweide Dorf"]


def test_inactive_handlungsfeld_stays_a_column_while_it_carries_an_open_bedarf(data):
    alt = HandlungsfeldFactory(name="Altes Handlungsfeld", aktiv=False, position=99)
    HandlungsfeldFactory(name="Ungenutzt", aktiv=False, position=98)
    BedarfFactory(quartier=data.wiesenau, handlungsfeld=alt)
    matrix = luecken.matrices().handlungsfelder
    assert [s.name for s in matrix.spalten][-1] == "Altes Handlungsfeld"
    assert "Ungenutzt" not in [s.name for s in matrix.spalten]
    assert cells(matrix)[("Wiesenau", "Altes Handlungsfeld")] == (0, 1, True, False)


def test_cell_lists_its_active_angebote_open_bedarfe_and_triples(data):
    inhalt = luecken.zelle(quartier=data.wiesenau, handlungsfeld=data.hf.integration, schwelle=3)
    assert [a.titel for a in inhalt.angebote] == [
        "Behördenlotsen",
        "Sprachcafé",
        "Willkommenstreff",
    ]
    assert [b.titel for b in inhalt.bedarfe] == ["Mehr Sprachkurse"]
    assert [
        (p.eintrag.name, sorted(a.titel for a in p.angebote)) for p in inhalt.parallelstrukturen
    ] == [("Zugewanderte", ["Behördenlotsen", "Sprachcafé", "Willkommenstreff"])]
    by_zielgruppe = luecken.zelle(
        quartier=data.kaltenweide, zielgruppe=data.zg.familien, schwelle=2
    )
    assert [a.titel for a in by_zielgruppe.angebote] == ["Dorfcafé", "Spielenachmittag"]
    assert by_zielgruppe.bedarfe == []
    assert [p.eintrag.name for p in by_zielgruppe.parallelstrukturen] == ["Soziale Teilhabe"]


def test_gap_cell_has_bedarfe_and_no_angebote(data):
    inhalt = luecken.zelle(quartier=data.wiesenau, zielgruppe=data.zg.aeltere)
    assert inhalt.luecke
    assert [b.titel for b in inhalt.bedarfe] == ["Besuchsdienst für Ältere"]
    assert inhalt.angebote == [] and inhalt.parallelstrukturen == []


def test_no_quartiere_gives_an_empty_analysis(db):
    auswertung = luecken.matrices()
    assert auswertung.ohne_quartiere and auswertung.ohne_daten
