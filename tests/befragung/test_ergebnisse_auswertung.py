"""The aggregation against a hand-built data set with known counts.

Data (mindestgruppe 5): 20 Rueckmeldungen in Alpha (de, online), 10 in Beta (en, Papier),
3 in Gamma that answer only the free text. „wohnen“: Alpha 12 a, 6 b, 2 c; Beta 7 a, 3 b.
„gern“: Alpha ja, Beta nein. „orte“ (multiple): x by all 30, y by 8 in Alpha and 2 in Beta.
„zufrieden“ (1–5): Alpha 10×5 and 10×4, Beta 10×1. „alter“: Alpha 30, Beta 70.
Matrix: r1 Alpha gut, Beta schlecht; r2 only Alpha, schlecht.
"""

import pytest

from befragung.auswertung import GESAMT, OHNE, Filter, Zelle, auswerten, suppress

from .ergebnisse_data import known_data

pytestmark = pytest.mark.django_db


def by_name(ergebnis):
    return {f.frage.name: f for f in ergebnis.fragen}


def cells(tabelle, column=0):
    """{category label: n or "x" when suppressed} of one column."""
    return {
        k.label: ("x" if k.zellen[column].unterdrueckt else k.zellen[column].n)
        for k in tabelle.kategorien
    }


@pytest.fixture
def data():
    return known_data()


def test_totals_and_bases_count_rueckmeldungen_not_answers(data):
    befragung, *_ = data
    ergebnis = auswerten(befragung)
    assert ergebnis.gesamt_zelle.n == 33
    fragen = by_name(ergebnis)
    assert fragen["wohnen"].tabellen[0].basis[0].n == 30
    assert fragen["orte"].tabellen[0].basis[0].n == 30  # 38 chosen options, 30 respondents
    assert fragen["wunsch"].texte.n == 23


def test_single_choice_counts_percentages_and_complementary_suppression(data):
    befragung, *_ = data
    tabelle = by_name(auswerten(befragung))["wohnen"].tabellen[0]
    # c (2) is below 5; b (9) is hidden too, else c = 30 − 19 − 9.
    assert cells(tabelle) == {"A": 19, "B": "x", "C": "x"}
    assert tabelle.kategorien[0].zellen[0].prozent == 63.3
    assert tabelle.kategorien[1].zellen[0].prozent is None


def test_multiple_choice_is_not_complemented_within_its_column(data):
    befragung, *_ = data
    tabelle = by_name(auswerten(befragung))["orte"].tabellen[0]
    assert cells(tabelle) == {"X": 30, "Y": 10}
    assert [k.zellen[0].prozent for k in tabelle.kategorien] == [100.0, 33.3]
    assert tabelle.summiert is False


def test_scale_counts_every_value_and_its_mean(data):
    befragung, *_ = data
    tabelle = by_name(auswerten(befragung))["zufrieden"].tabellen[0]
    assert cells(tabelle) == {"1": 10, "2": 0, "3": 0, "4": 10, "5": 10}
    assert tabelle.mittelwerte == [3.33]


def test_number_question_shows_count_mean_and_median(data):
    befragung, *_ = data
    kennzahlen = by_name(auswerten(befragung))["alter"].kennzahlen
    assert kennzahlen == {"n": 30, "mittelwert": 43.33, "median": 30.0, "unterdrueckt": False}


def test_quartier_and_matrix_questions(data):
    befragung, *_ = data
    fragen = by_name(auswerten(befragung))
    assert cells(fragen["quartier"].tabellen[0]) == {"Alpha": 20, "Beta": 10}
    r1, r2 = fragen["matrix"].tabellen
    assert (r1.titel, r1.basis[0].n, cells(r1)) == ("r1", 30, {"Gut": 20, "Schlecht": 10})
    assert (r2.basis[0].n, cells(r2)) == (20, {"Gut": 0, "Schlecht": 20})


@pytest.mark.parametrize(
    "make_filter",
    [
        lambda q: Filter(sprache="en"),
        lambda q: Filter(kanal="papier"),
    ],
    ids=["sprache", "kanal"],
)
def test_filters_restrict_to_the_matching_rueckmeldungen(data, make_filter):
    befragung, _f, _o, _z, q = data
    ergebnis = auswerten(befragung, make_filter(q))
    assert ergebnis.gesamt_zelle.n == 10
    tabelle = by_name(ergebnis)["wohnen"].tabellen[0]
    # b (3) is hidden; the complement is the next smallest non-zero cell, a (7).
    assert cells(tabelle) == {"A": "x", "B": "x", "C": 0}
    assert cells(by_name(ergebnis)["zufrieden"].tabellen[0])["1"] == 10


def test_a_filter_whose_rest_would_reveal_a_small_group_is_refused(data):
    befragung, _f, _o, _z, q = data
    # Beta (10) is big enough, but 33 − 20 (Alpha) − 10 would give Gamma's 3 away.
    ergebnis = auswerten(befragung, Filter(quartier=q["b"]))
    assert ergebnis.unterdrueckt and ergebnis.grund == "rest"
    assert ergebnis.gesamt_zelle.unterdrueckt and ergebnis.fragen == []


def test_a_filter_leaving_fewer_than_the_minimum_suppresses_everything(data):
    befragung, _f, _o, _z, q = data
    ergebnis = auswerten(befragung, Filter(quartier=q["c"]))
    assert ergebnis.unterdrueckt
    assert ergebnis.gesamt_zelle.n == 3 and ergebnis.gesamt_zelle.unterdrueckt
    assert ergebnis.fragen == []


def test_a_survey_below_the_minimum_shows_no_result(data):
    befragung, *_ = data
    befragung.mindestgruppe = 40
    assert auswerten(befragung).unterdrueckt


def test_cross_tab_breaks_every_question_down_by_the_chosen_answer(data):
    befragung, f, o, _z, _q = data
    ergebnis = auswerten(befragung, Filter(kreuz=f["gern"]))
    assert [s.key for s in ergebnis.spalten] == [
        GESAMT,
        o["gern"]["ja"].pk,
        o["gern"]["nein"].pk,
        OHNE,
    ]
    # Rueckmeldungen 33 = 20 ja + 10 nein + 3 without an answer: the 3 are hidden with their
    # whole column. The 10 stays: it is the „nein“ cell of the question itself (30 − 20).
    assert [("x" if z.unterdrueckt else z.n) for z in ergebnis.gesamt] == [33, 20, 10, "x"]
    fragen = by_name(ergebnis)
    orte = fragen["orte"].tabellen[0]
    assert [z.n for z in orte.basis] == [30, 20, 10, 0]
    # The hidden column's 0 would be 30 − 20 − 10, so the 10 is hidden in its place.
    assert [("x" if z.unterdrueckt else z.n) for z in orte.basis] == [30, 20, "x", "x"]
    # y: 10 = 8 + 2 + 0; the 2 is small, so the 8 is hidden with it (row complement).
    assert [("x" if z.unterdrueckt else z.n) for z in orte.kategorien[1].zellen] == [
        10,
        "x",
        "x",
        "x",
    ]
    wohnen = fragen["wohnen"].tabellen[0]
    # „wohnen“ comes before „gern“: wohnen × gern is shown in the cross-tab by „wohnen“ only,
    # so here its breakdown columns are hidden and the table points there.
    assert wohnen.verweis == f["wohnen"]
    assert [[("x" if z.unterdrueckt else z.n) for z in k.zellen] for k in wohnen.kategorien] == [
        [19, "x", "x", "x"],
        ["x", "x", "x", "x"],
        ["x", "x", "x", "x"],
    ]
    skala = fragen["zufrieden"].tabellen[0]
    assert skala.mittelwerte == [3.33, 4.5, None, None]


def test_each_pair_of_choice_questions_is_broken_down_in_one_cross_tab_only(data):
    befragung, f, _o, _z, _q = data
    by_wohnen = by_name(auswerten(befragung, Filter(kreuz=f["wohnen"])))["gern"].tabellen[0]
    assert by_wohnen.verweis is None
    # gern × wohnen: ja = 12 a + 6 b + 2 c (columns Gesamt, a, b, c), broken down here.
    assert [z.n for z in by_wohnen.kategorien[0].zellen][:4] == [20, 12, 6, 2]
    by_gern = by_name(auswerten(befragung, Filter(kreuz=f["gern"])))["wohnen"].tabellen[0]
    assert by_gern.verweis == f["wohnen"]
    assert all(z.unterdrueckt for k in by_gern.kategorien for z in k.zellen[1:])


def test_a_filter_and_a_cross_tab_are_not_combined(data):
    _befragung, f, _o, _z, q = data
    with pytest.raises(ValueError):
        Filter(quartier=q["a"], kreuz=f["gern"])
    with pytest.raises(ValueError):
        Filter(sprache="de", kanal="online")


def test_complementary_suppression_hides_the_next_smallest_cell_of_a_line():
    total, big, small, other = Zelle(n=20), Zelle(n=12), Zelle(n=2), Zelle(n=6)
    suppress([[total, big, small, other]], 5)
    assert [z.unterdrueckt for z in (total, big, small, other)] == [False, False, True, True]


def test_complementary_suppression_leaves_lines_with_two_hidden_cells_alone():
    line = [Zelle(n=20), Zelle(n=14), Zelle(n=3), Zelle(n=3)]
    suppress([line], 5)
    assert [z.unterdrueckt for z in line] == [False, False, True, True]


def test_complementary_suppression_cascades_across_lines():
    a, b, c, d = Zelle(n=10), Zelle(n=3), Zelle(n=7), Zelle(n=8)
    # Line 1: 13 = a + b; line 2: 17 = a + c ... a hidden by line 1 forces a second cell in line 2.
    line1 = [Zelle(n=13), a, b]
    line2 = [Zelle(n=25), a, c, d]
    suppress([line1, line2], 5)
    assert b.unterdrueckt and a.unterdrueckt and c.unterdrueckt and not d.unterdrueckt


def test_aggregation_uses_a_constant_number_of_queries(data, django_assert_max_num_queries):
    befragung, f, *_ = data
    with django_assert_max_num_queries(8):
        auswerten(befragung, Filter(kreuz=f["gern"]))
