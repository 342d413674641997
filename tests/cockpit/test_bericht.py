"""The Sachstandsbericht's figures against a hand-built data set with known counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cockpit.bericht import sachstandsbericht, tabellen

from . import bericht_data
from .bericht_data import BIS, TODAY, VON

pytestmark = pytest.mark.django_db

# Aktivitäten 3 and Sitzungen 1, each +1 for its Datenstand (the sums are cached under it),
# Fortbildungen 1, Befragungen 5, Maßnahmen 3.
QUERIES = 15


@pytest.fixture
def data():
    return bericht_data.build()


def report(quartiere=(), today=TODAY):
    return sachstandsbericht(von=VON, bis=BIS, quartiere=list(quartiere), today=today)


def by_label(zeilen):
    return {z.label: z for z in zeilen}


def summe(z):
    return (z.anzahl, z.teilnehmende, z.stunden)


def test_activities_count_only_the_period_and_the_chosen_quartier(data):
    akt = report([data.wiesenau]).aktivitaeten
    assert summe(akt.gesamt) == (2, 15, Decimal("3.5"))
    hf = by_label(akt.handlungsfelder)
    assert summe(hf["Integration"]) == (2, 15, Decimal("3.5"))
    assert summe(hf["Soziale Teilhabe"]) == (1, 5, Decimal("1.5"))
    assert summe(hf["Demografischer Wandel"]) == (0, 0, 0)
    zg = by_label(akt.zielgruppen)
    assert summe(zg["Zugewanderte"]) == (1, 10, 2)
    assert summe(zg["Familien"]) == (2, 15, Decimal("3.5"))
    assert summe(zg["Ältere/vereinsamte Menschen"]) == (0, 0, 0)
    arten = by_label(akt.arten)
    assert summe(arten["Treffen"]) == (1, 10, 2)
    assert summe(arten["Beratung"]) == (1, 5, Decimal("1.5"))
    assert summe(arten["Aktion/Veranstaltung"]) == (0, 0, 0)


def test_activities_of_all_quartiere(data):
    akt = report().aktivitaeten
    assert summe(akt.gesamt) == (3, 35, Decimal("7.5"))
    assert summe(by_label(akt.handlungsfelder)["Soziale Teilhabe"]) == (2, 25, Decimal("5.5"))
    assert summe(by_label(akt.arten)["Aktion/Veranstaltung"]) == (1, 20, 4)


def test_meetings_held_count_past_planned_ones_but_not_cancelled_or_citywide(data):
    sitz = report([data.wiesenau]).sitzungen
    rt = by_label(sitz.nach_art)["Runder Tisch"]
    assert (rt.sitzungen, rt.teilnahmen, rt.abgesagt, rt.durchschnitt) == (2, 4, 1, Decimal("2.0"))
    ohne = by_label(sitz.nach_art)["Termine ohne Gremium"]
    assert (ohne.sitzungen, ohne.teilnahmen) == (1, 2)
    assert by_label(sitz.nach_art)["Arbeitskreis"].sitzungen == 0, "citywide Gremium left out"
    assert by_label(sitz.nach_art)["Arbeitsgruppe (AG)"].sitzungen == 0, "other Quartier"
    g = sitz.gesamt
    assert (g.sitzungen, g.teilnahmen, g.abgesagt, g.durchschnitt) == (3, 6, 1, Decimal("2.0"))


def test_meetings_of_all_quartiere_include_citywide_gremien(data):
    g = report().sitzungen.gesamt
    assert (g.sitzungen, g.teilnahmen, g.durchschnitt) == (5, 12, Decimal("2.4"))
    assert by_label(report().sitzungen.nach_art)["Arbeitskreis"].teilnahmen == 4


def test_a_planned_termin_counts_as_held_only_once_it_ended_before_today(data):
    frueh = report([data.wiesenau], today=data.geplant_vergangen.beginn.date())
    assert by_label(frueh.sitzungen.nach_art)["Runder Tisch"].sitzungen == 1


def test_trainings_count_participants_who_took_part_and_their_hours(data):
    fb = report().fortbildungen
    zeilen = {z.thema: z for z in fb.zeilen}
    assert set(zeilen) == {"Moderation", "Gesprächsführung"}
    assert (zeilen["Moderation"].teilnehmende, zeilen["Moderation"].stunden) == (2, 12)
    assert (fb.teilnehmende, fb.stunden) == (3, 15)


def test_trainings_for_chosen_quartiere_leave_out_citywide_termine(data):
    fb = report([data.wiesenau]).fortbildungen
    assert [(z.thema, z.teilnehmende, z.stunden) for z in fb.zeilen] == [("Gesprächsführung", 1, 3)]


def test_surveys_of_the_quartier_count_all_their_answers_with_suppression(data):
    befragungen = report([data.wiesenau]).befragungen
    assert [b.titel for b in befragungen] == ["Leben in Wiesenau"]
    b = befragungen[0]
    # All 15 Rückmeldungen, also the 2 of 2025: a cut by day could be subtracted.
    assert (b.rueckmeldungen, b.unterdrueckt) == (15, False)
    assert [f.text for f in b.fragen] == ["Wie zufrieden?", "F3", "F4"], "3 choice questions"
    tabelle = b.fragen[0].tabelle
    assert tabelle.basis[0].n == 15
    zellen = {k.label: k.zellen[0] for k in tabelle.kategorien}
    assert (zellen["zufrieden"].n, zellen["zufrieden"].unterdrueckt) == (6, False)
    assert zellen["zufrieden"].prozent == 40.0
    assert zellen["unzufrieden"].unterdrueckt, "4 < minimum group size 5"
    assert zellen["teils"].unterdrueckt, "complementary: else 15 − 6 − 5 gives it away"


def test_citywide_survey_below_the_minimum_shows_no_results(data):
    befragungen = {b.titel: b for b in report().befragungen}
    assert set(befragungen) == {"Leben in Wiesenau", "Stadtweite Umfrage", "Kaltenweide fragt"}
    stadtweit = befragungen["Stadtweite Umfrage"]
    assert stadtweit.stadtweit and stadtweit.unterdrueckt
    assert stadtweit.fragen == []


def test_massnahmen_status_of_the_quartier_within_the_period(data):
    mn = report([data.wiesenau]).massnahmen
    assert mn.nach_status == [("geplant", 1), ("laufend", 1), ("abgeschlossen", 1)]
    assert [m.titel for m in mn.laufende] == ["Nachbarschaftscafé"]
    alle = report().massnahmen
    assert alle.nach_status == [("geplant", 1), ("laufend", 2), ("abgeschlossen", 1)]
    assert [m.titel for m in alle.laufende] == ["Dorfladen", "Nachbarschaftscafé"]


def test_the_same_report_twice_gives_the_same_figures(data):
    first, second = report([data.wiesenau]), report([data.wiesenau])
    assert tabellen(first) == tabellen(second)
    assert first.aktivitaeten == second.aktivitaeten
    assert first.sitzungen == second.sitzungen


def test_export_tables_hide_suppressed_survey_values(data):
    befragung = next(t for t in tabellen(report([data.wiesenau])) if t.titel == "Befragungen")
    rows = {(r[1], r[2]): r[3] for r in befragung.zeilen}
    assert rows[("Wie zufrieden?", "zufrieden")] == 6
    assert rows[("Wie zufrieden?", "unzufrieden")] == "nicht ausgewiesen"
    assert rows[("Wie zufrieden?", "teils")] == "nicht ausgewiesen"


def test_query_count_does_not_grow_with_the_data(data, django_assert_num_queries):
    with CaptureQueriesContext(connection) as small:
        tabellen(report([data.wiesenau]))
    assert len(small.captured_queries) <= QUERIES
    bericht_data.build_more(data)
    with django_assert_num_queries(len(small.captured_queries)):
        grown = report([data.wiesenau])
        tabellen(grown)
    assert len(grown.befragungen) == 5 and len(grown.massnahmen.laufende) == 5


def test_both_kinds_of_hidden_cell_carry_the_same_label(data):
    """„teils“ (5) is hidden only so that „unzufrieden“ (2) cannot be worked out: a label like
    „< 5“ on it would be false, and a different label would say which cell is the small one."""
    befragung = next(t for t in tabellen(report([data.wiesenau])) if t.titel == "Befragungen")
    hidden = {r[2] for r in befragung.zeilen if r[3] == "nicht ausgewiesen"}
    assert hidden == {"teils", "unzufrieden"}
    assert not any("<" in str(r[3]) for r in befragung.zeilen)


def test_a_survey_below_the_minimum_exports_its_total_as_fewer_than(data):
    befragung = next(t for t in tabellen(report()) if t.titel == "Befragungen")
    totals = {r[0]: r[3] for r in befragung.zeilen if r[1] == "Rückmeldungen (ganze Befragung)"}
    assert totals["Stadtweite Umfrage"] == "weniger als 5"


def test_every_write_to_termine_gremien_or_teilnahmen_gives_new_meeting_figures(data):
    """The Sitzungen counts are cached under the Datenstand of the Termine, which every write
    to a Termin, a Gremium or a Teilnahme changes (ORM saves and queryset writes alike)."""
    from netzwerk.models import Gremium, Teilnahme, Termin

    from ..factories import TeilnahmeFactory

    def runder_tisch():
        return by_label(report([data.wiesenau]).sitzungen.nach_art)["Runder Tisch"]

    assert (runder_tisch().sitzungen, runder_tisch().teilnahmen) == (2, 4)
    TeilnahmeFactory(termin=data.geplant_vergangen)
    assert runder_tisch().teilnahmen == 5
    Teilnahme.objects.filter(termin=data.geplant_vergangen).delete()
    assert (runder_tisch().sitzungen, runder_tisch().teilnahmen) == (2, 3)
    Termin.objects.filter(pk=data.geplant_vergangen.pk).update(status=Termin.Status.ABGESAGT)
    assert (runder_tisch().sitzungen, runder_tisch().abgesagt) == (1, 2)
    Gremium.objects.filter(pk=data.geplant_vergangen.gremium_id).update(art=Gremium.Art.AG)
    assert runder_tisch().sitzungen == 0
