"""A hand-built data set for the gap analysis with known results (see the expectations in the tests).

Wiesenau (urban, Stadtteil Mitte)
  Angebote: A1 Integration × {Zugewanderte, Familien}; A2, A3 Integration × Zugewanderte;
            A4 Integration × Zugewanderte but INACTIVE; A5 Soziale Teilhabe × Familien
  Bedarfe:  B1 offen, Integration × Zugewanderte; B2 in Bearbeitung, Demografischer Wandel ×
            Ältere; B3 erledigt, Inklusion × Familien (closed: not counted)
Kaltenweide (dörflich, Stadtteil Kaltenweide)
  Angebote: A6 Soziale Teilhabe × {Ältere, Familien}; A7 Soziale Teilhabe × Familien
  Bedarfe:  B4 verworfen, Integration (closed); B5 offen, Soziale Teilhabe, no Zielgruppe
"""

from types import SimpleNamespace

from quartiere.models import Bedarf, Quartier, Stadtteil

from ..factories import (
    AngebotFactory,
    BedarfFactory,
    HandlungsfeldFactory,
    QuartierFactory,
    StadtteilFactory,
    ZielgruppeFactory,
)


def build():
    hf = SimpleNamespace(
        demografie=HandlungsfeldFactory(name="Demografischer Wandel"),
        integration=HandlungsfeldFactory(name="Integration"),
        inklusion=HandlungsfeldFactory(name="Inklusion"),
        teilhabe=HandlungsfeldFactory(name="Soziale Teilhabe"),
    )
    zg = SimpleNamespace(
        aeltere=ZielgruppeFactory(name="Ältere/vereinsamte Menschen"),
        zugewanderte=ZielgruppeFactory(name="Zugewanderte"),
        familien=ZielgruppeFactory(name="Familien"),
    )
    mitte = StadtteilFactory(name="Mitte", slug="mitte")
    kaltenweide_ort = StadtteilFactory(
        name="Kaltenweide", slug="kaltenweide", art=Stadtteil.Art.ORTSTEIL
    )
    wiesenau = QuartierFactory(name="Wiesenau", slug="wiesenau", stadtteil=mitte)
    kaltenweide = QuartierFactory(
        name="Kaltenweide Dorf",
        slug="kaltenweide-dorf",
        stadtteil=kaltenweide_ort,
        typologie=Quartier.Typologie.DOERFLICH,
    )
    angebote = SimpleNamespace(
        a1=AngebotFactory(
            titel="Sprachcafé",
            quartier=wiesenau,
            handlungsfelder=[hf.integration],
            zielgruppen=[zg.zugewanderte, zg.familien],
        ),
        a2=AngebotFactory(
            titel="Behördenlotsen",
            quartier=wiesenau,
            handlungsfelder=[hf.integration],
            zielgruppen=[zg.zugewanderte],
        ),
        a3=AngebotFactory(
            titel="Willkommenstreff",
            quartier=wiesenau,
            handlungsfelder=[hf.integration],
            zielgruppen=[zg.zugewanderte],
        ),
        a4=AngebotFactory(
            titel="Alter Deutschkurs",
            quartier=wiesenau,
            aktiv=False,
            handlungsfelder=[hf.integration],
            zielgruppen=[zg.zugewanderte],
        ),
        a5=AngebotFactory(
            titel="Familienfrühstück",
            quartier=wiesenau,
            handlungsfelder=[hf.teilhabe],
            zielgruppen=[zg.familien],
        ),
        a6=AngebotFactory(
            titel="Dorfcafé",
            quartier=kaltenweide,
            handlungsfelder=[hf.teilhabe],
            zielgruppen=[zg.aeltere, zg.familien],
        ),
        a7=AngebotFactory(
            titel="Spielenachmittag",
            quartier=kaltenweide,
            handlungsfelder=[hf.teilhabe],
            zielgruppen=[zg.familien],
        ),
    )
    bedarfe = SimpleNamespace(
        b1=BedarfFactory(
            titel="Mehr Sprachkurse",
            quartier=wiesenau,
            handlungsfeld=hf.integration,
            zielgruppen=[zg.zugewanderte],
        ),
        b2=BedarfFactory(
            titel="Besuchsdienst für Ältere",
            quartier=wiesenau,
            status=Bedarf.Status.IN_BEARBEITUNG,
            handlungsfeld=hf.demografie,
            zielgruppen=[zg.aeltere],
        ),
        b3=BedarfFactory(
            titel="Barrierefreier Spielplatz",
            quartier=wiesenau,
            status=Bedarf.Status.ERLEDIGT,
            handlungsfeld=hf.inklusion,
            zielgruppen=[zg.familien],
        ),
        b4=BedarfFactory(
            titel="Integrationskurs im Dorf",
            quartier=kaltenweide,
            status=Bedarf.Status.VERWORFEN,
            handlungsfeld=hf.integration,
        ),
        b5=BedarfFactory(
            titel="Treffpunkt im Dorf",
            quartier=kaltenweide,
            handlungsfeld=hf.teilhabe,
        ),
    )
    return SimpleNamespace(
        hf=hf,
        zg=zg,
        wiesenau=wiesenau,
        kaltenweide=kaltenweide,
        mitte=mitte,
        angebote=angebote,
        bedarfe=bedarfe,
    )
