"""A hand-built data set for the Sachstandsbericht 2024 with known figures.

Quartiere: Wiesenau (the chosen one) and Kaltenweide. Today is 15.01.2025 (TODAY).

Aktivitäten: in 2024 two in Wiesenau (10 TN/2 h Integration+Zugewanderte+Familien, Treffen;
5 TN/1,5 h Integration+Soziale Teilhabe+Familien, Beratung, on 31.12.2024), one in
Kaltenweide (20 TN/4 h Soziale Teilhabe+Ältere, Aktion); outside 2024 two more in Wiesenau.
Termine in 2024: Runder Tisch Wiesenau stattgefunden (3 Teilnahmen), geplant but past
(1 Teilnahme), abgesagt; AG Kaltenweide stattgefunden (2); citywide Arbeitskreis stattgefunden
(4); a Termin of Wiesenau without Gremium (2); before 2024 (Berlin time) and in 2025 one each.
Fortbildungen: Moderation (6 h, citywide Termin, 2 of 3 teilgenommen), Gesprächsführung (3 h,
Termin in Wiesenau, 1 teilgenommen), one only in 2023 and one whose 2024 Termin was cancelled.
Befragungen: Wiesenau 03–04/2024 (13 Rückmeldungen in 2024, 2 in 2025, all 15 count; Frage 1:
6/5/4, so „teils“ and „unzufrieden“ are suppressed), citywide (3 Rückmeldungen: below the minimum),
Kaltenweide, a draft and one of 2023.
Maßnahmen: Wiesenau laufend (no dates), geplant (from 09/2024), abgeschlossen in 2022;
Kaltenweide laufend; both Quartiere abgeschlossen in 2024.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from befragung.models import Befragung, Frage
from netzwerk.models import Anmeldung, Gremium, Termin
from quartiere.models import Aktivitaet, Massnahme

from ..factories import (
    AktivitaetFactory,
    AnmeldungFactory,
    AntwortFactory,
    AntwortoptionFactory,
    BefragungFactory,
    FortbildungFactory,
    FrageFactory,
    GremiumFactory,
    HandlungsfeldFactory,
    MassnahmeFactory,
    QuartierFactory,
    RueckmeldungFactory,
    TeilnahmeFactory,
    TerminFactory,
    ZielgruppeFactory,
)

BERLIN = ZoneInfo("Europe/Berlin")
VON = datetime.date(2024, 1, 1)
BIS = datetime.date(2024, 12, 31)
TODAY = datetime.date(2025, 1, 15)


def at(year, month, day, hour=18, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def termin(beginn, *, teilnahmen=0, **kwargs):
    t = TerminFactory(beginn=beginn, ende=beginn + datetime.timedelta(hours=2), **kwargs)
    for _i in range(teilnahmen):
        TeilnahmeFactory(termin=t)
    return t


def antworten(befragung, frage, option, n, *, eingereicht_am=datetime.date(2024, 3, 20)):
    for _i in range(n):
        r = RueckmeldungFactory(befragung=befragung, eingereicht_am=eingereicht_am)
        AntwortFactory(rueckmeldung=r, frage=frage, option=option)


def build():
    hf = SimpleNamespace(
        demografie=HandlungsfeldFactory(name="Demografischer Wandel"),
        integration=HandlungsfeldFactory(name="Integration"),
        teilhabe=HandlungsfeldFactory(name="Soziale Teilhabe"),
    )
    zg = SimpleNamespace(
        aeltere=ZielgruppeFactory(name="Ältere/vereinsamte Menschen"),
        zugewanderte=ZielgruppeFactory(name="Zugewanderte"),
        familien=ZielgruppeFactory(name="Familien"),
    )
    wiesenau = QuartierFactory(name="Wiesenau", slug="wiesenau")
    kaltenweide = QuartierFactory(name="Kaltenweide", slug="kaltenweide")

    AktivitaetFactory(
        quartier=wiesenau,
        datum=datetime.date(2024, 3, 10),
        art=Aktivitaet.Art.TREFFEN,
        teilnehmende=10,
        stunden=2,
        handlungsfelder=[hf.integration],
        zielgruppen=[zg.zugewanderte, zg.familien],
    )
    AktivitaetFactory(
        quartier=wiesenau,
        datum=datetime.date(2024, 12, 31),
        art=Aktivitaet.Art.BERATUNG,
        teilnehmende=5,
        stunden=Decimal("1.5"),
        handlungsfelder=[hf.integration, hf.teilhabe],
        zielgruppen=[zg.familien],
    )
    AktivitaetFactory(
        quartier=kaltenweide,
        datum=datetime.date(2024, 6, 1),
        art=Aktivitaet.Art.AKTION,
        teilnehmende=20,
        stunden=4,
        handlungsfelder=[hf.teilhabe],
        zielgruppen=[zg.aeltere],
    )
    for datum in (datetime.date(2023, 12, 31), datetime.date(2025, 1, 1)):
        AktivitaetFactory(
            quartier=wiesenau,
            datum=datum,
            teilnehmende=100,
            stunden=3,
            handlungsfelder=[hf.integration],
        )

    status = Termin.Status
    rt = GremiumFactory(name="Runder Tisch Wiesenau", quartier=wiesenau)
    ag = GremiumFactory(name="AG Kaltenweide", quartier=kaltenweide, art=Gremium.Art.AG)
    stadt = GremiumFactory(name="AK Stadt", quartier=None, art=Gremium.Art.ARBEITSKREIS)
    termin(at(2024, 2, 1), gremium=rt, status=status.STATTGEFUNDEN, teilnahmen=3)
    geplant_vergangen = termin(at(2024, 4, 1), gremium=rt, status=status.GEPLANT, teilnahmen=1)
    termin(at(2024, 5, 1), gremium=rt, status=status.ABGESAGT)
    termin(at(2024, 5, 2), gremium=ag, status=status.STATTGEFUNDEN, teilnahmen=2)
    termin(at(2024, 7, 1), gremium=stadt, status=status.STATTGEFUNDEN, teilnahmen=4)
    termin(
        at(2024, 8, 1), gremium=None, quartier=wiesenau, status=status.STATTGEFUNDEN, teilnahmen=2
    )
    termin(at(2023, 12, 31, 23, 30), gremium=rt, status=status.STATTGEFUNDEN, teilnahmen=5)
    termin(at(2025, 1, 2), gremium=rt, status=status.STATTGEFUNDEN, teilnahmen=5)

    teilgenommen = Anmeldung.Status.TEILGENOMMEN
    moderation = FortbildungFactory(thema="Moderation", stunden=6)
    termin(at(2024, 9, 10, 9), gremium=None, fortbildung=moderation, status=status.STATTGEFUNDEN)
    AnmeldungFactory.create_batch(2, fortbildung=moderation, status=teilgenommen)
    AnmeldungFactory(fortbildung=moderation, status=Anmeldung.Status.ANGEMELDET)
    gespraech = FortbildungFactory(thema="Gesprächsführung", stunden=3)
    termin(at(2024, 10, 1, 9), gremium=None, quartier=wiesenau, fortbildung=gespraech)
    AnmeldungFactory(fortbildung=gespraech, status=teilgenommen)
    alt = FortbildungFactory(thema="Alte Fortbildung", stunden=8)
    termin(at(2023, 10, 1, 9), gremium=None, fortbildung=alt)
    AnmeldungFactory(fortbildung=alt, status=teilgenommen)
    abgesagt = FortbildungFactory(thema="Abgesagte Fortbildung", stunden=8)
    termin(at(2024, 11, 1, 9), gremium=None, fortbildung=abgesagt, status=status.ABGESAGT)
    AnmeldungFactory(fortbildung=abgesagt, status=teilgenommen)

    umfrage = BefragungFactory(
        titel={"de": "Leben in Wiesenau"},
        beginn=datetime.date(2024, 3, 1),
        ende=datetime.date(2024, 4, 30),
        status=Befragung.Status.BEENDET,
        quartiere=[wiesenau],
    )
    zufriedenheit = FrageFactory(befragung=umfrage, position=1, text={"de": "Wie zufrieden?"})
    zufrieden, teils, unzufrieden = (
        AntwortoptionFactory(frage=zufriedenheit, position=i, text={"de": label})
        for i, label in enumerate(["zufrieden", "teils", "unzufrieden"], start=1)
    )
    antworten(umfrage, zufriedenheit, zufrieden, 6)
    antworten(umfrage, zufriedenheit, teils, 5)
    antworten(umfrage, zufriedenheit, unzufrieden, 2)
    antworten(umfrage, zufriedenheit, unzufrieden, 2, eingereicht_am=datetime.date(2025, 1, 5))
    FrageFactory(befragung=umfrage, position=2, typ=Frage.Typ.TEXT, text={"de": "Was noch?"})
    for position in (3, 4, 5):
        FrageFactory(
            befragung=umfrage, position=position, typ=Frage.Typ.JANEIN, text={"de": f"F{position}"}
        )
    stadtweit = BefragungFactory(titel={"de": "Stadtweite Umfrage"}, beginn=VON)
    ja = AntwortoptionFactory(frage=FrageFactory(befragung=stadtweit), text={"de": "ja"})
    antworten(stadtweit, ja.frage, ja, 3, eingereicht_am=datetime.date(2024, 7, 1))
    BefragungFactory(titel={"de": "Kaltenweide fragt"}, quartiere=[kaltenweide])
    BefragungFactory(
        titel={"de": "Entwurf Wiesenau"}, status=Befragung.Status.ENTWURF, quartiere=[wiesenau]
    )
    BefragungFactory(
        titel={"de": "Wiesenau 2023"},
        status=Befragung.Status.BEENDET,
        beginn=datetime.date(2023, 1, 1),
        ende=datetime.date(2023, 6, 30),
        quartiere=[wiesenau],
    )

    m = Massnahme.Status
    MassnahmeFactory(titel="Nachbarschaftscafé", status=m.LAUFEND, quartiere=[wiesenau])
    MassnahmeFactory(
        titel="Spielplatz", status=m.GEPLANT, beginn=datetime.date(2024, 9, 1), quartiere=[wiesenau]
    )
    MassnahmeFactory(
        titel="Altes Fest",
        status=m.ABGESCHLOSSEN,
        beginn=datetime.date(2022, 1, 1),
        ende=datetime.date(2022, 12, 31),
        quartiere=[wiesenau],
    )
    MassnahmeFactory(titel="Dorfladen", status=m.LAUFEND, quartiere=[kaltenweide])
    MassnahmeFactory(
        titel="Gemeinsame Broschüre",
        status=m.ABGESCHLOSSEN,
        beginn=datetime.date(2024, 1, 1),
        ende=datetime.date(2024, 6, 30),
        quartiere=[wiesenau, kaltenweide],
    )
    return SimpleNamespace(
        hf=hf,
        zg=zg,
        wiesenau=wiesenau,
        kaltenweide=kaltenweide,
        geplant_vergangen=geplant_vergangen,
        umfrage=umfrage,
        stadtweit=stadtweit,
    )


def build_more(data, n=4):
    """More of everything in Wiesenau for the query-count test; returns how many were added."""
    status = Termin.Status
    for i in range(n):
        AktivitaetFactory(
            quartier=data.wiesenau,
            datum=datetime.date(2024, 2, 1 + i),
            handlungsfelder=[data.hf.demografie],
            zielgruppen=[data.zg.aeltere],
        )
        gremium = GremiumFactory(
            name=f"AG Wiesenau {i}", quartier=data.wiesenau, art=Gremium.Art.AG
        )
        termin(at(2024, 3, 1 + i), gremium=gremium, status=status.STATTGEFUNDEN, teilnahmen=2)
        fortbildung = FortbildungFactory(thema=f"Fortbildung {i}")
        termin(at(2024, 6, 1 + i), gremium=None, quartier=data.wiesenau, fortbildung=fortbildung)
        AnmeldungFactory(fortbildung=fortbildung, status=Anmeldung.Status.TEILGENOMMEN)
        befragung = BefragungFactory(titel={"de": f"Umfrage {i}"}, quartiere=[data.wiesenau])
        for position in (1, 2):
            frage = FrageFactory(befragung=befragung, position=position, typ=Frage.Typ.JANEIN)
            option = AntwortoptionFactory(frage=frage)
            antworten(befragung, frage, option, 6)
        MassnahmeFactory(titel=f"Maßnahme {i}", quartiere=[data.wiesenau])
    return n
